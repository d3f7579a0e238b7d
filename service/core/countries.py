"""Country text -> ISO 3166 alpha-2, as publishers and users actually write it.

Sanctions lists spell countries every which way ("Korea, North", "Burma", "Cote d Ivoire",
"Region: Crimea"), and so do API clients. Parsers and the screening path both need one
deterministic answer, so we build a single lookup table from pycountry plus a small
table of variants once, and never use fuzzy search: a wrong country is worse than none.
Pure: no I/O beyond pycountry's bundled data.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

_ALIASES: dict[str, str] = {
    "russia": "RU",
    "russian federation": "RU",
    "iran": "IR",
    "iran islamic republic of": "IR",
    "north korea": "KP",
    "korea north": "KP",
    "dprk": "KP",
    "democratic peoples republic of korea": "KP",
    "korea democratic peoples republic of": "KP",
    "korea dpr": "KP",
    "south korea": "KR",
    "korea south": "KR",
    "republic of korea": "KR",
    "korea republic of": "KR",
    "syria": "SY",
    "syrian arab republic": "SY",
    "uk": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "united kingdom of great britain and northern ireland": "GB",
    "usa": "US",
    "us": "US",
    "u s": "US",
    "u s a": "US",
    "united states of america": "US",
    "america": "US",
    "burma": "MM",
    "myanmar burma": "MM",
    "cote divoire": "CI",
    "cote d ivoire": "CI",
    "ivory coast": "CI",
    "turkey": "TR",
    "turkiye": "TR",
    "vietnam": "VN",
    "viet nam": "VN",
    "laos": "LA",
    "lao": "LA",
    "macau": "MO",
    "macao": "MO",
    "kosovo": "XK",
    "palestinian": "PS",
    "palestine": "PS",
    "palestinian territories": "PS",
    "occupied palestinian territory": "PS",
    "west bank": "PS",
    "gaza": "PS",
    "gaza strip": "PS",
    "crimea": "UA",
    "northern mali": "ML",
    "congo democratic republic of the": "CD",
    "democratic republic of the congo": "CD",
    "democratic republic of congo": "CD",
    "drc": "CD",
    "dr congo": "CD",
    "congo kinshasa": "CD",
    "congo republic of the": "CG",
    "republic of the congo": "CG",
    "congo brazzaville": "CG",
    "congo": "CG",
    "bahamas the": "BS",
    "the bahamas": "BS",
    "gambia the": "GM",
    "the gambia": "GM",
    "man isle of": "IM",
    "virgin islands british": "VG",
    "british virgin islands": "VG",
    "virgin islands us": "VI",
    "north macedonia the republic of": "MK",
    "macedonia": "MK",
    "czech republic": "CZ",
    "czechia": "CZ",
    "swaziland": "SZ",
    "cape verde": "CV",
    "east timor": "TL",
    "timor leste": "TL",
    "vatican": "VA",
    "holy see": "VA",
    "moldova": "MD",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "taiwan": "TW",
    "brunei": "BN",
    "micronesia": "FM",
    "st kitts and nevis": "KN",
    "st vincent and the grenadines": "VC",
    "st lucia": "LC",
    "uae": "AE",
    "emirates": "AE",
    "the netherlands": "NL",
    "holland": "NL",
    "hong kong sar": "HK",
    "hong kong china": "HK",
    "peoples republic of china": "CN",
    "prc": "CN",
    "state of palestine": "PS",
    "occupied palestinian territories": "PS",
    "bosnia herzegovina": "BA",
    "china hong kong special administrative region": "HK",
    "china macao special administrative region": "MO",
}
"""Variants pycountry does not know. Keys are already normalised (see ``_norm``).
Bare "korea" is deliberately absent: it is ambiguous between KP and KR."""

_AMBIGUOUS = frozenset({"korea"})
_PREFIX = re.compile(r"^(?:region|territory|country)\s*:\s*", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SUCCESSOR = re.compile(r"\b(?:now|currently)\s+(.+)$")
"""'Former USSR, now Ukraine' (UK list): the successor state is the country meant."""


def _norm(text: str) -> str:
    """Casefold, strip accents, turn punctuation into spaces: 'Côte d'Ivoire' -> 'cote d ivoire'."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_text = ascii_text.replace("'", "").replace("\u2019", "")
    return _NON_ALNUM.sub(" ", ascii_text.casefold()).strip()


def _build_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                table.setdefault(_norm(value), code)
    for key, code in _ALIASES.items():
        table[_norm(key)] = code
    for key in _AMBIGUOUS:
        table.pop(key, None)
    return table


_TABLE = _build_table()


@lru_cache(maxsize=4096)
def resolve_country(text: str | None) -> str | None:
    """Map a country code or English name to ISO alpha-2, or None when unknown/ambiguous."""
    if not text:
        return None
    cleaned = _PREFIX.sub("", text.strip())
    key = _norm(cleaned)
    if not key or key in _AMBIGUOUS:
        return None
    code = _TABLE.get(key)
    if code is None and key.startswith("the "):
        code = _TABLE.get(key[4:])
    if code is None and (successor := _SUCCESSOR.search(key)):
        code = _TABLE.get(successor.group(1))
    return code


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    """Common English name for an alpha-2 code, or None when the code is unknown."""
    if not code:
        return None
    upper = code.upper()
    if upper == "XK":
        return "Kosovo"
    country = pycountry.countries.get(alpha_2=upper)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name

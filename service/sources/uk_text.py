"""Text conventions both UK publications share (OFSI ConList and the FCDO UK Sanctions List).

Both number repeated values inline (``(1) A-333602 (2) M110522``), qualify countries in
parentheses (``Iraq (previous address)``) and pack facts into ``Other Information`` as
``Label: value`` segments (``(UN Ref):QDi.001`` in the ConList, ``Business Reg No: ...``
in both), so one reader serves both parsers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from service.core.countries import resolve_country
from service.core.model import Identifier

_NUMBERED = re.compile(r"\(\d{1,2}\)\s*")
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)\s*")
_BRACKET_LABEL = re.compile(r"\(([A-Za-z][A-Za-z /'-]{1,40})\):")
"""The ConList's ``(UN Ref):QDi.001`` labels."""
_PLAIN_LABEL = re.compile(r"(?:^|;\s*)([A-Z][A-Za-z /'-]{1,40}):")
"""The UK Sanctions List's ``Business Reg No: ...; Website: ...`` labels."""
UN_REF = re.compile(r"\b[A-Z]{2}[ie]\.\d{3}\b")
_UK_REF = re.compile(r"\b[A-Z]{2,4}\d{4}\b")
_IMO = re.compile(r"\b\d{7}\b")
_INFO_IDS = {
    "Business Reg No": "registration_number",
    "Email address": "email",
    "Website": "website",
}


def split_numbered(text: str) -> list[str]:
    """``(1) A-333602 (2) M110522`` -> ["A-333602", "M110522"]; plain text -> [text]."""
    parts = _NUMBERED.split(text) if text.startswith("(1)") else [text]
    return [p.strip().rstrip(".").strip() for p in parts if p.strip(" .-")]


def country_code(text: str | None) -> str | None:
    """``Iraq (previous address)`` -> ``IQ``; None when it does not resolve."""
    if not text:
        return None
    return resolve_country(_PARENTHETICAL.sub(" ", text).strip())


def country_codes(values: Iterable[str]) -> tuple[str, ...]:
    """Distinct ISO codes of numbered or plain country texts, in order."""
    codes = (country_code(part) for value in values for part in split_numbered(value))
    return tuple(dict.fromkeys(c for c in codes if c))


@dataclass
class InfoFacts:
    """What ``Other Information`` adds: identifiers and (ship flag) countries."""

    identifiers: list[Identifier] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def info_facts(texts: Iterable[str], *, plain_labels: bool = False) -> InfoFacts:
    """Identifiers and ship flag from ``Other Information`` segments; ``plain_labels``
    reads the UK Sanctions List's ``Label: value;`` style instead of ``(Label):value``."""
    facts = InfoFacts()
    pattern = _PLAIN_LABEL if plain_labels else _BRACKET_LABEL
    for text in texts:
        for label, value in _info_segments(pattern, text):
            _add_info(facts, label, value)
    return facts


def _info_segments(pattern: re.Pattern[str], text: str) -> Iterator[tuple[str, str]]:
    matches = list(pattern.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        yield match.group(1), text[match.end() : end].strip()


def _add_info(facts: InfoFacts, label: str, value: str) -> None:
    if label == "UN Ref":
        facts.identifiers += [Identifier("un_ref", ref) for ref in UN_REF.findall(value)[:1]]
    elif label == "UK Sanctions List Ref":
        facts.identifiers += [
            Identifier("uk_sanctions_list_ref", r) for r in _UK_REF.findall(value)[:1]
        ]
    elif label == "IMO number":
        facts.identifiers += [Identifier("imo", imo) for imo in _IMO.findall(value)[:1]]
    elif label == "Flag of ship":
        code = resolve_country(value.rstrip(". "))
        if code:
            facts.countries.append(code)
    elif label in _INFO_IDS:
        for item in split_numbered(value):
            facts.identifiers.append(Identifier(_INFO_IDS[label], item))

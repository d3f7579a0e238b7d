"""Name analysis: a raw name string -> a :class:`NameForm` the scorer can compare.

The analyser decides what each token *is*, because that decides how much it counts:

- ``legal``: a legal form, canonicalised (LIMITED -> ltd, ООО -> ooo, Aktsionernoe
  obshchestvo -> ao) so the abbreviated, expanded and foreign forms compare equal;
- ``generic``: a word many companies share (trading, group, international...);
- ``particle``: al-, bin, ibn, abu, van, der... (light; may be glued or split);
- ``number``: digits (and number words in non-person names) -- hard evidence;
- ``initial``: a single letter;
- ``name``: everything else, the distinctive part.

Titles and honorifics (Mr, Dr, Sheikh, Haji, General...) are dropped from person names,
vessel-type prefixes (M/V, MV, MT) from vessel names. Given-name spellings are
canonicalised through :data:`lexicon.VARIANTS` (Mohamed/Muhammad, Sergei/Sergey), and
every token gets a phonetic key and a consonant skeleton for transliteration matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from service.core.lexicon import (
    ABBREVIATIONS,
    GENERIC_ORG_WORDS,
    LEGAL_FORMS,
    LEGAL_PHRASES,
    LOCATIONS,
    NAME_SUFFIXES,
    NUMBER_WORDS,
    PARTICLES,
    TITLES,
    VARIANTS,
    VESSEL_PREFIXES,
)
from service.core.normalize import script_of, tokens

_MAX_PHRASE = max(len(p.split()) for p in LEGAL_PHRASES)
_FIXABLE = frozenset(
    [w for w in GENERIC_ORG_WORDS if len(w) >= 6]
    + [w for w in (*LEGAL_FORMS, *(p for ph in LEGAL_PHRASES for p in ph.split())) if len(w) >= 5]
)
_FIX_KEYS: dict[str, str] = {}
for _w in sorted(_FIXABLE):
    for _i in range(len(_w)):
        _FIX_KEYS.setdefault(_w[:_i] + _w[_i + 1 :], _w)
    _FIX_KEYS.setdefault(_w, _w)
_PHRASES = {tuple(p.split()): v for p, v in LEGAL_PHRASES.items()}
_TITLE_PARTICLES = frozenset({"al", "el"})


@dataclass(frozen=True, slots=True)
class NameForm:
    """One analysed name. ``tokens`` are canonical; ``originals`` the spelling seen."""

    tokens: tuple[str, ...]
    originals: tuple[str, ...]
    kinds: tuple[str, ...]
    script: str

    @property
    def text(self) -> str:
        return " ".join(self.originals)


@lru_cache(maxsize=65536)
def analyze(raw: str, kind: str | None = None) -> NameForm:
    """Analyse ``raw`` as a name of entity type ``kind`` (None: unknown, query side)."""
    toks = list(tokens(raw))
    script = script_of(raw)
    person = kind == "person"
    if kind in (None, "vessel", "aircraft"):
        toks = _strip_vessel_prefix(toks)
    if kind in (None, "person") and script != "arabic":
        # Unvowelled Arabic read back in Latin letters collides with English titles:
        # OMAR is written "mr", like MR.
        toks = _strip_titles(toks)
    if not person:
        toks = _rejoin_fixable([_fix_word(t) for t in toks])
    canon: list[str] = []
    originals: list[str] = []
    kinds: list[str] = []
    i = 0
    while i < len(toks):
        if not person:
            phrase = _legal_phrase(toks, i)
            if phrase:
                length, form = phrase
                canon.append(form)
                originals.append(" ".join(toks[i : i + length]))
                kinds.append("legal")
                i += length
                continue
        tok = toks[i]
        ctok, tkind = _classify(tok, person, kind, last=i == len(toks) - 1)
        canon.append(ctok)
        originals.append(tok)
        kinds.append(tkind)
        i += 1
    if "generic" in kinds and "name" not in kinds and "number" not in kinds:
        # A name made only of common words ("GLOBAL TRADING LTD", vessel "SEVASTOPOL")
        # is distinctive as a whole: its words count as names, at their rarity. A place
        # after other words stays a qualifier ("PACIFIC STEEL FZE Istanbul").
        places = {i for i, t in enumerate(canon) if t in LOCATIONS and kinds[i] == "generic"}
        if len(places) == kinds.count("generic"):
            places = set()
        kinds = ["name" if k == "generic" and i not in places else k for i, k in enumerate(kinds)]
    return NameForm(tuple(canon), tuple(originals), tuple(kinds), script)


def _strip_titles(toks: list[str]) -> list[str]:
    """Drop leading honorifics ("Sheikh Dr Ahmed", "H.E. Col"), and suffixes after the
    name ("Jr.", "PhD"), keeping at least one real token."""
    i = 0
    while i < len(toks) - 1:
        if toks[i] in TITLES:
            i += 1
        elif toks[i] in ("he", "his", "her") and toks[i + 1] in TITLES and i + 2 < len(toks):
            # "H.E. Sheikh", "His Excellency": HE and HER alone are Chinese and Korean
            # surnames.
            i += 1
        elif toks[i] in _TITLE_PARTICLES and toks[i + 1] in TITLES and i + 2 < len(toks):
            i += 2  # "Al-Haj"
        else:
            break
    end = len(toks)
    while end - 1 > i + 1 and toks[end - 1] in NAME_SUFFIXES:
        end -= 1
    rest = toks[i:end]
    return rest if any(len(t) > 1 for t in rest) else toks


def _rejoin_fixable(toks: list[str]) -> list[str]:
    """Glue back a legal-form or generic word split by a stray space ("LIABI LITY")."""
    out: list[str] = []
    i = 0
    while i < len(toks):
        if i + 1 < len(toks) and toks[i] not in _FIXABLE and toks[i + 1] not in _FIXABLE:
            raw = toks[i] + toks[i + 1]
            shortest = min(len(toks[i]), len(toks[i + 1]))
            # A stray space or a stray space plus a typo; never a name and an initial
            # ("MARIA E" is not MARINE).
            glued = raw if shortest < 3 else _fix_word(raw)
            if shortest >= 2 and glued in _FIXABLE:
                out.append(glued)
                i += 2
                continue
        out.append(toks[i])
        i += 1
    return out


@lru_cache(maxsize=65536)
def _fix_word(tok: str) -> str:
    """A one-letter typo in a legal-form or generic word is corrected ("COMPNY" ->
    "company", "ORGANIZATIN" -> "organization"): such words are too common to be
    anyone's distinctive name, and left misspelt they would pose as rare tokens."""
    if len(tok) < 5 or tok in _FIXABLE or tok in VARIANTS:
        return tok
    hit = _FIX_KEYS.get(tok)
    if hit and len(hit) > len(tok):
        return hit
    for i in range(len(tok)):
        hit = _FIX_KEYS.get(tok[:i] + tok[i + 1 :])
        if hit and OSA.distance(hit, tok, score_cutoff=1) <= 1:
            return hit
    return tok


def _strip_vessel_prefix(toks: list[str]) -> list[str]:
    if len(toks) > 2 and toks[0] == "m" and toks[1] in ("v", "t", "s", "y"):
        return toks[2:]
    if len(toks) > 1 and toks[0] in VESSEL_PREFIXES:
        return toks[1:]
    return toks


def _legal_phrase(toks: list[str], i: int) -> tuple[int, str] | None:
    for length in range(min(_MAX_PHRASE, len(toks) - i), 1, -1):
        form = _PHRASES.get(tuple(toks[i : i + length]))
        if form:
            return length, LEGAL_FORMS.get(form, form)
    return None


def _classify(tok: str, person: bool, kind: str | None, last: bool) -> tuple[str, str]:
    if tok.isdigit():
        return tok.lstrip("0") or "0", "number"
    if not person:
        tok = ABBREVIATIONS.get(tok, tok)
    if not person and tok in LEGAL_FORMS and (kind is not None or len(tok) > 1):
        return LEGAL_FORMS[tok], "legal"
    if not person and tok in NUMBER_WORDS and (last or len(tok) > 3):
        return NUMBER_WORDS[tok], "number"
    if len(tok) == 1:
        return tok, "initial"
    if tok in PARTICLES:
        return VARIANTS.get(tok, tok), "particle"
    if not person and (tok in GENERIC_ORG_WORDS or tok in LOCATIONS):
        return tok, "generic"
    return VARIANTS.get(tok, tok), "name"


# --- phonetic keys -------------------------------------------------------------------

_KEY_RULES = [
    (re.compile(p), r)
    for p, r in (
        (r"dzh|dj|zh", "j"),
        (r"tch|tsch|sch|sh|ch", "s"),
        (r"kh", "h"),
        (r"gh|q|ck|c(?=[aou])|c$", "k"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"ts|tz|cz|c", "s"),
        (r"x", "ks"),
        (r"w|b", "v"),
        (r"z", "s"),
        (r"(?<=[aeiouy])y|y(?=[aeiou])", "i"),
        (r"(?<=[^aeiou])h|h$", ""),
        (r"ou|oo|o", "u"),
        (r"ee|ei|ey|ai|ay|ie|e|y", "i"),
        (r"(.)\1+", r"\1"),
    )
]
_SKELETON_RULES = [
    (re.compile(p), r)
    for p, r in (
        (r"dzh|dj|zh|j", "j"),
        (r"sch|sh|ch|tch", "s"),
        (r"kh|gh|q|ck|c|g", "k"),
        (r"ph", "f"),
        (r"th|tz|ts|dh|d", "t"),
        (r"x", "ks"),
        (r"z", "s"),
        (r"[aeiouywv]", ""),
        (r"(?<=.)h$", ""),
        (r"(.)\1+", r"\1"),
    )
]


@lru_cache(maxsize=131072)
def phonetic_key(tok: str) -> str:
    """A transliteration-tolerant key: kh/h, q/k, ph/f, w/v, z/s, ou/u, ee/i, doubled
    letters... so Qadhafi/Kadhafi/Qaddafi and Yusuf/Yousouf share a key."""
    if tok.isdigit() or len(tok) < 3:
        return tok
    out = tok
    for pattern, repl in _KEY_RULES:
        out = pattern.sub(repl, out)
    return out


@lru_cache(maxsize=131072)
def skeleton(tok: str) -> str:
    """Consonant skeleton: what an unvowelled Arabic spelling keeps ("mhmt" for
    Muhammad, "ktf" for Qadhafi). Vowels, the long vowels written w/y, v (Persian
    waw) and a final h (ta marbuta: Fatimah = Fatima) are dropped; d, dh and th are
    one dental, since English romanisations of one Arabic letter use all three
    (KADHIM, KATHIM, KADIM)."""
    if tok.isdigit():
        return tok
    out = tok
    for pattern, repl in _SKELETON_RULES:
        out = pattern.sub(repl, out)
    return out

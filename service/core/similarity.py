"""Token similarity: how alike two canonical tokens are, and by which rule.

Why this shape: list names and payment names differ by typos, transliteration, short
forms and nicknames, never by an arbitrary string distance. So ``sim`` is 1 for the same
canonical token (variant spellings share one), a graded Levenshtein (optimal string
alignment, so transpositions cost one) within a length budget, a phonetic/skeleton key
match for transliterations, 0.9 for an initial or a known nickname, a weaker tie for a
truncated given name or the other gender's form, and never anything for different
numbers or for a given name against the patronymic built on it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA

from service.core.lexicon import GIVEN_NAMES, NICKNAMES
from service.core.names import phonetic_key, skeleton
from service.core.pair import Weights


def edit_budget(length: int) -> int:
    """Edits a token of ``length`` characters tolerates: none up to 3, then 1, 2, 3."""
    if length <= 3:
        return 0
    if length <= 5:
        return 1
    if length <= 9:
        return 2
    return 3


_NONE: frozenset[str] = frozenset()
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)
def squeeze(tok: str) -> str:
    """The token with every run of one letter written once (LNNG -> LNG)."""
    return _DOUBLED.sub(r"\1", tok)


@lru_cache(maxsize=1 << 17)
def token_sim(q: str, c: str, cross_script: int, wts: Weights) -> tuple[float, str]:
    """Similarity of two canonical tokens in [0, 1] and how it was established.

    ``cross_script``: 0 for a Latin query, 1 for Cyrillic/Greek (short syllables may
    sound alike), 2 for Arabic (consonant skeletons too); False/True act as 0/2."""
    if q == c:
        return 1.0, "exact"
    if q.isdigit() or c.isdigit():
        return 0.0, "number"
    lq, lc = len(q), len(c)
    if lq == 1 or lc == 1:
        if q[0] == c[0]:
            return wts.initial, "initial"
        return 0.0, "none"
    nq, nc = NICKNAMES.get(q, _NONE), NICKNAMES.get(c, _NONE)
    if c in nq or q in nc or nq & nc:
        # A nickname of the formal name, or two nicknames of one name (Bill, Billy).
        return wts.nickname, "nickname"
    if q[0] == c[0]:  # the three rules below compare shared beginnings
        if _patronymic_of(q, c) or _patronymic_of(c, q):
            return 0.0, "none"  # IVAN is the father's name in IVANOVICH, not its spelling
        if min(lq, lc) >= 4 and _gender_form(q, c):
            return wts.gender_form, "gender_form"
        stem = _diminutive_stem(q)
        if (
            stem
            and len(stem) < lc
            and c.startswith(stem)
            and (len(stem) >= 4 or c in GIVEN_NAMES)
            and not _patronymic_of(stem, c)
        ):
            return wts.truncated, "truncated"
    longest = max(lq, lc)
    if lq != lc and abs(lq - lc) <= 2 and q[-1] == c[-1] and squeeze(q) == squeeze(c):
        # A doubled or undoubled letter, even in a short word (LNNG, DELL, NAMM).
        return 1.0 - wts.fuzzy_slope * abs(lq - lc) / longest, "fuzzy"
    budget = edit_budget(min(lq, lc))
    dist = OSA.distance(q, c, score_cutoff=budget + 3)
    skeletons = cross_script is True or cross_script >= 2
    if dist > budget + 2 and not skeletons:
        return 0.0, "none"  # too far apart for any spelling system to explain
    best, method = 0.0, "none"
    first_differs = q[0] != c[0]
    if budget and dist <= budget:
        best, method = 1.0 - wts.fuzzy_slope * dist / longest, "fuzzy"
        if first_differs:
            best *= wts.first_letter
    if cross_script and q[0] == "h" and c[:2] in ("ch", "kh") and q[1:] == c[2:]:
        return wts.phonetic, "phonetic"  # Greek/Cyrillic x (chi, kha) read back as H
    if cross_script and lq == lc == 3 and best == 0.0 and phonetic_key(q) == phonetic_key(c):
        # Short syllables read back from another script: ZAV = ZAW, DVE = DWE.
        return wts.phonetic * wts.first_letter, "phonetic"
    if best < wts.phonetic and min(lq, lc) >= 4:
        kq, kc = phonetic_key(q), phonetic_key(c)
        if kq == kc:
            sim = wts.phonetic if not first_differs else wts.phonetic * wts.first_letter
            return max(sim, best), "phonetic" if sim > best else method
        kb = edit_budget(min(len(kq), len(kc)))
        if kb and kq[0] == kc[0] and OSA.distance(kq, kc, score_cutoff=1) <= 1:
            sim = wts.phonetic * (1.0 - wts.fuzzy_slope / max(len(kq), len(kc)))
            if sim > best:
                best, method = sim, "phonetic"
    if skeletons and best < wts.skeleton:
        sq, sc = skeleton(q), skeleton(c)
        if len(sq) >= 2 and sq == sc:
            return wts.skeleton, "transliteration"
        if len(sq) >= 3 and len(sc) >= 3 and OSA.distance(sq, sc, score_cutoff=1) <= 1:
            sim = wts.skeleton * (1.0 - 0.5 / max(len(sq), len(sc)))
            if sim > best:
                best, method = sim, "transliteration"
    return best, method


_DIMINUTIVE_ENDINGS = ("ie", "ey", "ee", "y", "i")
_PATRONYMIC_ENDINGS = ("vich", "vych", "vna", "ivna", "ichna", "ich")


@lru_cache(maxsize=1 << 16)
def _diminutive_stem(q: str) -> str | None:
    """The part of a short given-name form that must begin the full name: the token
    itself from 3 letters ("VIC" VICTOR, "ALEK" ALEKSANDR), or without an English
    diminutive ending and doubled letter from 2 ("EDDIE" EDGAR, "DANNY" DANIEL)."""
    for end in _DIMINUTIVE_ENDINGS:
        if len(q) <= 6 and q.endswith(end) and len(q) - len(end) >= 2:
            stem = q[: -len(end)]
            if len(stem) >= 3 and stem[-1] == stem[-2]:
                stem = stem[:-1]
            return stem
    if len(q) >= 4 or (len(q) == 3 and q.isalpha()):
        return q
    return None


def _patronymic_of(short: str, long: str) -> bool:
    """``long`` is a patronymic built on ``short`` (IVAN -> IVANOVICH, NIKOL...)."""
    return (
        len(long) - len(short) >= 3
        and long.startswith(short)
        and long.endswith(_PATRONYMIC_ENDINGS)
    )


def _gender_form(q: str, c: str) -> bool:
    """Masculine and feminine forms of one name: IVANOV/IVANOVA, MARIO/MARIA,
    ALEXANDER/ALEXANDRA. Different people, so a weaker tie than a typo."""
    a, b = (q, c) if len(q) <= len(c) else (c, q)
    extra = len(b) - len(a)
    if extra == 1:
        return b[-1] == "a" and b.startswith(a)
    if extra or a[:-2] != b[:-2]:
        return False
    ends = a[-2:] + b[-2:]
    return ends in ("erra", "raer") or (ends[0] == ends[2] and ends[1] + ends[3] in ("ao", "oa"))

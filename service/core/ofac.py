"""OFAC Sanctions List Search-compatible score, for reconciliation with OFAC's tool.

OFAC FAQ 249 documents two techniques and reports the higher:

1. Jaro-Winkler over the whole name string. The public tool only scores candidates
   whose first character equals the query's ("BUSH GEORGE" finds nothing for "GEORGE
   BUSH"), so the whole-string score is 0 when first letters differ.
2. Per name part: each query part (parts of one or two characters are ignored, unless
   nothing else is left) takes its best Jaro-Winkler against the list name's parts,
   pairs below 0.5 count 0, and Soundex agreement lifts a pair half-way to 1 (the
   "composite" of Jaro-Winkler and Soundex). The parts' mean is the score.

The Jaro-Winkler here is the SimMetrics variant OFAC's stack uses: the Winkler prefix
bonus (0.1 per common leading character, at most 4) is applied unconditionally.
rapidfuzz's ``JaroWinkler`` only applies it above Jaro 0.7, so we add it by hand.
Scores are 0-1 (OFAC shows 0-100).
"""

from __future__ import annotations

from functools import lru_cache

import jellyfish
from rapidfuzz.distance import Jaro

from service.core.normalize import tokens

_PREFIX_MAX = 4
_PREFIX_WEIGHT = 0.1
_PAIR_FLOOR = 0.5


def simmetrics_jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler with the prefix bonus applied whatever the Jaro score."""
    if not a or not b:
        return 0.0
    jaro = Jaro.similarity(a, b)
    if jaro == 0.0:
        return 0.0
    prefix = 0
    for x, y in zip(a[:_PREFIX_MAX], b[:_PREFIX_MAX], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * _PREFIX_WEIGHT * (1.0 - jaro)


@lru_cache(maxsize=65536)
def _soundex(token: str) -> str:
    return jellyfish.soundex(token) if token.isalpha() else token


def ofac_score(query: str, candidate: str) -> float:
    """OFAC-compatible score of two raw name strings (0-1)."""
    qt, ct = tokens(query), tokens(candidate)
    if not qt or not ct:
        return 0.0
    qs, cs = " ".join(qt), " ".join(ct)
    whole = simmetrics_jaro_winkler(qs, cs) if qs[0] == cs[0] else 0.0
    parts = [t for t in qt if len(t) > 2] or list(qt)
    total = 0.0
    for part in parts:
        best = 0.0
        for other in ct:
            jw = simmetrics_jaro_winkler(part, other)
            if jw < _PAIR_FLOOR:
                continue
            if _soundex(part) == _soundex(other):
                jw = max(jw, (1.0 + jw) / 2.0)
            best = max(best, jw)
        total += best
    return round(max(whole, total / len(parts)), 4)

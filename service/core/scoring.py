"""The score of an aligned name pair: a rarity-weighted Dice coefficient, then the
corrections that keep common names, contained names and numbered names honest.

Why this shape: most of a name's *weight* sits in one or two rare tokens, so::

    score = Σ sim(edge) · 2·w(edge)  /  (Σ 2·w(edge) + α·Σ w(unmatched query tokens)
                                                    + β·Σ w(unmatched list tokens))

- ``w`` is the token's inverse document frequency in the indexed names, shrunk for
  legal forms, generic words and particles, so "GLOBAL TRADING LTD" never scores high
  on the shared words alone while a rare surname carries the match.
- Extra list tokens (a middle name the payment omits) cost less (β) than extra query
  tokens (α): payments routinely shorten names, they rarely add words.
- A number present on both sides that differs multiplies the score by
  ``number_mismatch`` ("KUM UN SAN 3" is not "KUM UN SAN 2").
- A name whose matched part carries little rarity weight in total ("MOHAMMED
  AHMED", a lone common word) is shared by many people: its score is multiplied by
  ``(matched weight / informative) ** informative_power`` so such hits rank as
  review, not as certain. The listed name itself, its tokens in any order, scores 1.
- A person name made only of common name parts is capped (``Weights.common_cap``).
"""

from __future__ import annotations

from service.core.lexicon import COMMON_NAME_PARTS, LOCATIONS
from service.core.pair import Alignment, Edge, Side, Weights

_QUALIFIERS = LOCATIONS | {"branch", "office", "representative", "representation", "filial"}
"""Words that place a listed company ("KINEF Dubai Branch") without naming another."""


def bits(mask: int) -> list[int]:
    """Indexes of the set bits of ``mask``, lowest first (token positions of an edge)."""
    out, i = [], 0
    while mask:
        if mask & 1:
            out.append(i)
        mask >>= 1
        i += 1
    return out


def score_alignment(
    q: Side, c: Side, edges: list[Edge], qused: int, cused: int, wts: Weights
) -> Alignment:
    """Score ``edges`` aligning ``q`` with ``c`` (``qused``/``cused``: the token bitmasks
    they cover) by the formula of the module docstring."""
    num = den = info = rare = 0.0
    cweights = c.weights
    for e in edges:
        cmask = e.cmask
        if cmask & (cmask - 1):
            w = sum(cweights[i] for i in bits(cmask))
        else:
            w = cweights[cmask.bit_length() - 1]
        if e.method == "initial":
            # An initial only vouches for one letter: the rest of the full name's
            # weight counts as unmatched on the side that spelled it out.
            qw = sum(q.weights[i] for i in bits(e.qmask))
            full = max(w, qw)
            w = min(full, max(min(w, qw, wts.initial_weight), wts.initial_share * full))
            den += 0.5 * (wts.extra_list if full > qw else wts.extra_query) * (full - w)
            info += 0.5 * full * e.sim
        else:
            info += w * e.sim
            if e.sim >= 0.8 and w > rare:
                rare = w
        num += w * e.sim
        den += w
    num *= 2.0
    den *= 2.0
    unmatched_q = tuple(i for i in range(len(q.tokens)) if not qused >> i & 1)
    unmatched_c = tuple(i for i in range(len(cweights)) if not cused >> i & 1)
    extra_q = wts.extra_query
    if (
        unmatched_q
        and len(edges) >= 2
        and all(c.kinds[i] == "legal" for i in unmatched_c)
        and all(e.sim >= 0.85 for e in edges)
    ):
        # The whole listed name (two words or more) inside a longer query name: the
        # payment added a name part the list omits ("FAZL RABI ABDUL HAMID").
        extra_q = wts.extra_contained
    for i in unmatched_q:
        den += extra_q * q.weights[i]
    for i in unmatched_c:
        den += wts.extra_list * cweights[i]
    score = num / den if den > 0 else 0.0
    exact = not unmatched_q and not unmatched_c and all(e.method == "exact" for e in edges)
    if info < wts.informative and not exact:
        factor = (info / wts.informative) ** wts.informative_power
        # A legal form the payment leaves off ("MIKRON" for JOINT STOCK COMPANY MIKRON)
        # does not make the listed name incomplete.
        missing = [i for i in unmatched_c if c.kinds[i] != "legal"]
        if not missing and all(e.sim >= 0.95 for e in edges):
            factor = max(factor, wts.complete_floor)  # the whole listed name is there
        extra = [i for i in unmatched_q if q.tokens[i] not in _QUALIFIERS]
        if not missing and not extra and rare >= wts.rare_cover:
            factor = 1.0  # ...both names fully aligned, one rare word among them
        score *= factor
    differ = False
    if "number" in q.kinds and "number" in c.kinds:
        qnums = {t for t, k in zip(q.tokens, q.kinds, strict=True) if k == "number"}
        cnums = {t for t, k in zip(c.tokens, c.kinds, strict=True) if k == "number"}
        differ = qnums != cnums
    if differ:
        score *= wts.number_mismatch
    common = score > wts.common_cap and all_common(c, edges)
    if common:
        # The whole listed name, reordered or glued but not misspelt, keeps the exact
        # name's standing (review); anything less is capped below review.
        whole = not unmatched_q and all(c.kinds[i] == "legal" for i in unmatched_c)
        whole = whole and all(e.sim >= 0.95 for e in edges)
        score = min(score, wts.common_exact if whole else wts.common_cap)
    return Alignment(min(1.0, score), tuple(edges), unmatched_q, unmatched_c, differ, common)


def all_common(c: Side, edges: list[Edge] | tuple[Edge, ...]) -> bool:
    """Whether the matched name tokens of a person name are two or more common name
    parts and nothing else (particles and initials aside). A list token counts as
    common when it is one, or when the query word it was read from is one (a spelling
    the tables lack: HASSAAN read from HUSSEIN's neighbour HASSAN)."""
    if c.common < 0:
        return False
    names = 0
    kinds = c.kinds
    for e in edges:
        if e.method == "initial":
            continue
        for i in bits(e.cmask):
            if kinds[i] != "name":
                continue
            if not (c.common >> i & 1 or e.qtext in COMMON_NAME_PARTS):
                return False
            names += 1
    return names >= 2

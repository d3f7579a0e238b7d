"""Query segmentation: an unknown query token that is list words glued together is
split back into them before candidates are looked up.

Payments and customer files glue words ("MohammadSamir", "ALHASAN",
"KANGBONGTRADINGCORPORATION"); the index only knows the words. A token is split only
when it is unknown to the index, not itself a known glued form, and no list token is
within its edit budget, so a real word is never cut. The split chosen is the likeliest
one, as word segmentation does: the fewest pieces, then the words seen most often in
list names (lowest summed idf).
"""

from __future__ import annotations

from service.core.candidates import SELECTIVE, CandidateFinder
from service.core.index import NameIndex
from service.core.lexicon import LEGAL_FORMS, PARTICLES, VARIANTS
from service.core.names import NameForm

_ARTICLES = frozenset({"al", "el"})


def split_glued(form: NameForm, index: NameIndex, finder: CandidateFinder, memo: dict) -> NameForm:
    """Split an unknown query token that is two list tokens glued together
    ("MohammadSamir" -> mohammad samir, "PORTICELLORESTAURANT"), or, in a query of one
    or two words, a whole name glued into one (see :func:`segment`). ``memo``: the
    query's token expansions, shared with candidate retrieval."""
    idf = index.idf
    if all(t in idf for t in form.tokens):
        return form
    toks, origs, kinds = [], [], []
    for tok, orig, kind in zip(form.tokens, form.originals, form.kinds, strict=True):
        best = None
        if (
            kind in SELECTIVE
            and tok[:2] in _ARTICLES
            and tok not in idf
            and len(tok) >= 5
            and _as_listed(tok[2:])[0] in idf
        ):
            # The Arabic article glued to its word: ALHASAN = AL HASAN.
            best = (0.0, ("al", "particle"), _as_listed(tok[2:]), tok[:2], tok[2:])
        elif (
            kind in SELECTIVE
            and tok not in idf
            and len(tok) >= 6
            and tok.isalpha()
            and tok not in index.joined
            and not finder.expand(tok, False, memo)
        ):
            # The likeliest split: the two words seen most often in list names
            # (lowest summed idf), as word segmentation does ("BENAHMED" is
            # BEN AHMED, not BENAH MED).
            for i in range(3, len(tok) - 2):
                left, right = _as_listed(tok[:i]), _as_listed(tok[i:])
                if left[0] in idf and right[0] in idf:
                    cost = idf[left[0]] + idf[right[0]]
                    if best is None or cost < best[0]:
                        best = (cost, left, right, tok[:i], tok[i:])
        pieces = None
        if (
            best is None
            and len(form.tokens) <= 2
            and len(tok) >= 10
            and kind in SELECTIVE
            and tok.isalpha()
            and tok not in idf
            and tok not in index.joined
            and not finder.expand(tok, False, memo)
        ):
            pieces = segment(tok, idf)
        if best:
            toks += [best[1][0], best[2][0]]
            origs += [best[3], best[4]]
            kinds += [best[1][1], best[2][1]]
        elif pieces:
            for part in pieces:
                canon, pkind = _as_listed(part)
                toks.append(canon)
                origs.append(part)
                kinds.append(pkind)
        else:
            toks.append(tok)
            origs.append(orig)
            kinds.append(kind)
    return NameForm(tuple(toks), tuple(origs), tuple(kinds), form.script)


def segment(tok: str, idf: dict[str, float]) -> list[str] | None:
    """A whole name glued into one word ("KANGBONGTRADINGCORPORATION"; only for
    queries of one or two words) split into three or more list words: the split
    with the fewest pieces, then the lowest summed rarity (the words seen most
    often), as word segmentation does. ``idf``: the index's token weights."""
    n = len(tok)
    # best[i]: (pieces, cost, split point) of the best segmentation of tok[:i]
    best: list[tuple[int, float, int] | None] = [None] * (n + 1)
    best[0] = (0, 0.0, 0)
    for end in range(2, n + 1):
        for start in range(max(0, end - 20), end - 1):
            prev = best[start]
            if prev is None:
                continue
            word = _as_listed(tok[start:end])[0]
            if word not in idf:
                continue
            cand = (prev[0] + 1, prev[1] + idf[word], start)
            if best[end] is None or cand[:2] < best[end][:2]:  # type: ignore[index]
                best[end] = cand
    if best[n] is None or best[n][0] < 3:  # type: ignore[index]
        return None
    pieces = []
    end = n
    while end:
        start = best[end][2]  # type: ignore[index]
        pieces.append(tok[start:end])
        end = start
    return pieces[::-1]


def _as_listed(part: str) -> tuple[str, str]:
    """Canonical token and kind of one half of a glued token."""
    if part in LEGAL_FORMS:
        return LEGAL_FORMS[part], "legal"
    if part in PARTICLES:
        return VARIANTS.get(part, part), "particle"
    return VARIANTS.get(part, part), "name"

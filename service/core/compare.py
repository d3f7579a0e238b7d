"""Name-pair comparison: align the tokens of two analysed names one to one.

Why this shape: list names and payment names differ by token order, missing middle
names, glued or split words, typos and transliteration. So the tokens are aligned in
any order, greedy best-first and one-to-one, by :func:`service.core.similarity.token_sim`;
edges may also join two or three adjacent tokens on one side ("JSCARGUMENT" = "JSC
ARGUMENT", "AL ZUMAR" = "ALZUMAR", and for Arabic script the article assimilated:
"shms al dyn" = SHAMSUDDIN). The alignment is then scored by
:func:`service.core.scoring.score_alignment`.
"""

from __future__ import annotations

from functools import lru_cache

from service.core.pair import Alignment, Edge, Side, Weights
from service.core.scoring import all_common, bits, score_alignment
from service.core.similarity import token_sim


def _spans(side: Side) -> tuple[tuple[int, str], ...]:
    """(bitmask, joined text) for every 1-, 2- and 3-token run of the side."""
    return _token_spans(side.tokens)


@lru_cache(maxsize=1 << 16)
def _token_spans(toks: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    n = len(toks)
    spans = [(1 << i, toks[i]) for i in range(n)]
    if n <= 8:
        for size in (2, 3):
            for i in range(n - size + 1):
                mask = ((1 << size) - 1) << i
                spans.append((mask, "".join(toks[i : i + size])))
    return tuple(spans)


_SUN_LETTERS = frozenset("tdrzsln")
"""First letters (read back from Arabic script) of the words that assimilate the article:
AL-DIN is said and spelt UDDIN, AL-RAHMAN URRAHMAN, AL-NUR UNNUR."""


@lru_cache(maxsize=1 << 14)
def assimilated_spans(toks: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """(bitmask, text) of each word + AL + sun-letter word, glued without the article as
    Latin spellings write it: "shms al dyn" -> "shmsdyn" (SHAMSUDDIN). ABD keeps no
    vowel of its own there: "abdul al rhmn" -> "abdrhmn" (ABDURRAHMAN)."""
    out = []
    for i in range(1, len(toks) - 1):
        nxt = toks[i + 1]
        if toks[i] == "al" and nxt[:1] in _SUN_LETTERS and len(nxt) >= 2:
            head = "abd" if toks[i - 1] == "abdul" else toks[i - 1]
            out.append((0b111 << (i - 1), head + nxt))
    return tuple(out)


def align(q: Side, c: Side, cross_script: int, wts: Weights, merge_floor: float = 0.0) -> Alignment:
    """Greedy best-first one-to-one alignment of ``q`` and ``c`` and its score.

    Single tokens are aligned first; glued/split spans are only tried when that leaves
    tokens unmatched on both sides and the single-token score reaches ``merge_floor``
    (the caller passes 0 for its best few candidates, so glued names are never lost)."""
    if q.tokens == c.tokens:
        # The listed name itself (after normalisation): the strongest name evidence,
        # unless it is only common name parts (then dates and countries must decide).
        edges = [Edge(1 << i, 1 << i, 1.0, "exact", t, t) for i, t in enumerate(q.tokens)]
        common = all_common(c, edges)
        return Alignment(wts.common_exact if common else 1.0, tuple(edges), (), (), False, common)
    singles = []
    qorig, corig = q.originals, c.originals
    for i, qt in enumerate(q.tokens):
        for j, ct in enumerate(c.tokens):
            sim, method = token_sim(qt, ct, cross_script, wts)
            if sim < 0.9 and (qorig[i] != qt or corig[j] != ct) and " " not in corig[j]:
                # A variant table canonicalised one side: its own spelling may be closer
                # ("Joseeph" is a typo of JOSEPH, not of the canonical "yusuf").
                osim, omethod = token_sim(qorig[i], corig[j], cross_script, wts)
                if osim > sim:
                    sim, method = osim, omethod
            if sim > 0.0:
                singles.append((sim, 2, 1 << i, 1 << j, method, qt, ct))
    edges, qused, cused = _greedy(singles)
    qfull = (1 << len(q.tokens)) - 1
    cfull = (1 << len(c.tokens)) - 1
    qweak = cweak = 0
    for e in edges:
        if e.sim < 0.95:
            qweak |= e.qmask
            cweak |= e.cmask
    qfree, cfree = (qfull & ~qused) | qweak, (cfull & ~cused) | cweak
    if not qfree or not cfree:
        return score_alignment(q, c, edges, qused, cused, wts)
    if merge_floor > 0.0:
        first = score_alignment(q, c, edges, qused, cused, wts)
        if first.score < merge_floor:
            return first
    qchars = sum(len(q.tokens[i]) for i in bits(qfree))
    cchars = sum(len(c.tokens[i]) for i in bits(cfree))
    if min(qchars, cchars) >= 3 and len(q.tokens) + len(c.tokens) > 2:
        merged = _merged_edges(q, c, qfree, cfree, cross_script, wts)
        if merged:
            edges, qused, cused = _greedy(singles + merged)
    return score_alignment(q, c, edges, qused, cused, wts)


def _greedy(candidates: list) -> tuple[list[Edge], int, int]:
    candidates.sort(key=lambda e: (e[0], e[1]), reverse=True)
    qused = cused = 0
    edges: list[Edge] = []
    for sim, _size, qmask, cmask, method, qtext, ctext in candidates:
        if qused & qmask or cused & cmask:
            continue
        qused |= qmask
        cused |= cmask
        edges.append(Edge(qmask, cmask, sim, method, qtext, ctext))
    return edges, qused, cused


def _merged_edges(
    q: Side, c: Side, qfree: int, cfree: int, cross_script: int, wts: Weights
) -> list:
    """Edges joining 2-3 adjacent tokens on one side to one token on the other; only
    spans touching a token the single-token pass left unmatched are worth trying."""
    out = []
    qs = _spans(q)
    if cross_script is True or cross_script >= 2:
        qs += assimilated_spans(q.tokens)
    cs = _spans(c)
    # A glued span must include a token left unmatched, and so must its counterpart.
    qmulti = [a for a in qs if a[0] & (a[0] - 1) and a[0] & qfree]
    cmulti = [b for b in cs if b[0] & (b[0] - 1) and b[0] & cfree]
    qsingle = [(m, t) for m, t in qs if not m & (m - 1) and m & qfree]
    csingle = [(m, t) for m, t in cs if not m & (m - 1) and m & cfree]
    pairs = [(a, b) for a in qmulti for b in csingle]
    pairs += [(a, b) for a in qsingle for b in cmulti]
    # Unvowelled Arabic is shorter than its Latin spelling by the vowels it omits.
    slack = 6 if cross_script is True or cross_script >= 2 else 3
    for (qmask, qtext), (cmask, ctext) in pairs:
        if qtext[0] != ctext[0] or abs(len(qtext) - len(ctext)) > slack:
            continue  # glued and split forms start with the same letter
        sim, method = token_sim(qtext, ctext, cross_script, wts)
        if sim < 0.85 and not (method == "transliteration" and sim >= 0.8):
            continue
        if method not in ("exact", "fuzzy", "transliteration"):
            continue
        sim *= wts.merge_penalty
        method = "joined" if method == "exact" else "joined_fuzzy"
        size = bin(qmask).count("1") + bin(cmask).count("1")
        out.append((sim, size, qmask, cmask, method, qtext, ctext))
    return out

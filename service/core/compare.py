"""Name-pair scoring: align the tokens of two analysed names and score the alignment.

Why this shape: list names and payment names differ by token order, missing middle
names, glued or split words, typos and transliteration, while most of their *weight*
sits in one or two rare tokens. So the score is a rarity-weighted Dice coefficient over a
token alignment:

    score = Σ sim(edge) · 2·w(edge)  /  (Σ 2·w(edge) + α·Σ w(unmatched query tokens)
                                                    + β·Σ w(unmatched list tokens))

- ``w`` is the token's inverse document frequency in the indexed names, shrunk for
  legal forms, generic words and particles, so "GLOBAL TRADING LTD" never scores high
  on the shared words alone while a rare surname carries the match.
- ``sim`` is 1 for the same canonical token (variant spellings share one), a graded
  Levenshtein (optimal string alignment, so transpositions cost one) within a length
  budget, a phonetic/skeleton key match for transliterations, 0.9 for an initial or a
  known nickname, and never anything for different numbers.
- Edges may join two or three adjacent tokens on one side ("JSCARGUMENT" = "JSC
  ARGUMENT", "AL ZUMAR" = "ALZUMAR"). Alignment is greedy best-first, one-to-one.
- Extra list tokens (a middle name the payment omits) cost less (β) than extra query
  tokens (α): payments routinely shorten names, they rarely add words.
- A number present on both sides that differs multiplies the score by
  ``number_mismatch`` ("KUM UN SAN 3" is not "KUM UN SAN 2").
- A name whose matched part carries little rarity weight in total ("MOHAMMED
  AHMED", a lone common word) is shared by many people: its score is multiplied by
  ``(matched weight / informative) ** informative_power`` so such hits rank as
  review, not as certain. The listed name itself, its tokens in any order, scores 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from service.core.lexicon import COMMON_NAME_PARTS, GIVEN_NAMES, LOCATIONS, NICKNAMES
from service.core.names import phonetic_key, skeleton


@dataclass(frozen=True, slots=True, eq=False)
class Weights:
    """Scoring constants (see module docstring). Compared by identity (``eq=False``):
    it keys the token-similarity cache, so hashing must cost nothing."""

    extra_query: float = 1.0
    extra_list: float = 0.5
    extra_contained: float = 0.6
    """Cost of extra query tokens when the whole listed name is in the query."""
    number_mismatch: float = 0.5
    fuzzy_slope: float = 0.6
    first_letter: float = 0.9
    """Multiplier when a fuzzy or phonetic pair differs in its first letter (rare in
    real misspellings, common between different names: CISCO/ZISCO, KERING/BERING)."""
    phonetic: float = 0.88
    skeleton: float = 0.85
    initial: float = 0.9
    nickname: float = 0.9
    initial_weight: float = 0.15
    """Most an initial can weigh, as a share of the rarest token's weight."""
    initial_share: float = 0.4
    """...or this share of the spelt-out name's weight, if more: the initial of a long,
    rare given name tells more than the initial of a short, common one."""
    merge_penalty: float = 0.97
    truncated: float = 0.8
    """A query token that is the start of a list token: "ALEK" ALEKSANDR, "VIC" VICTOR,
    "EDDIE" EDGAR (a short form of a given name)."""
    gender_form: float = 0.75
    """IVANOV/IVANOVA, MARIO/MARIA: the other gender's form of the name."""
    rare_cover: float = 0.75
    """Two names whose every token is aligned, one pair at least this rare (share of the
    rarest weight), are not shrunk as common: a typo in a one-word rare
    name ("TABIK" for TABUK) is still that name."""
    informative: float = 1.3
    """Matched rarity weight (in units of the rarest token's weight) below which a
    name is too common to be sure of...; the matcher scales it to its corpus."""
    informative_power: float = 0.5
    common_cap: float = 0.78
    """Most a person name made only of common name parts (two or more of them: known
    given names, frequent surnames) scores on the name alone: "AHMAD HASAN" or
    "Aleksandr SOKOLOV" is the name of thousands of people. Below review by default; a
    matching date of birth or nationality lifts it (``MatchConfig``)."""
    common_exact: float = 0.85
    """...except the listed name itself, spelt exactly: a screening engine that answers
    ``clear`` to a name as the list writes it cannot be defended to an examiner, so it
    alerts as review (never block); a different date of birth or nationality in the
    request still takes it below review."""
    complete_floor: float = 0.9
    """...but never below this when the query holds the whole listed name: an exact
    list name always alerts (as review, not block, when it is a common one)."""
    """...and the score is multiplied by (matched weight / informative) ** power."""


@dataclass(frozen=True, slots=True)
class Edge:
    """One aligned pair: query token(s) against list token(s)."""

    qmask: int
    cmask: int
    sim: float
    method: str
    qtext: str
    ctext: str


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


_QUALIFIERS = LOCATIONS | {"branch", "office", "representative", "representation", "filial"}
"""Words that place a listed company ("KINEF Dubai Branch") without naming another."""
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


@dataclass(frozen=True, slots=True)
class Side:
    """The parts of one name the aligner needs (query or list side)."""

    tokens: tuple[str, ...]
    originals: tuple[str, ...]
    kinds: tuple[str, ...]
    weights: tuple[float, ...]
    common: int = -1
    """Person names: bitmask of the tokens that are common name parts (a known given
    name or a frequent surname); -1 for other names, where the rule does not apply."""


@dataclass(frozen=True, slots=True)
class Alignment:
    score: float
    edges: tuple[Edge, ...]
    unmatched_query: tuple[int, ...]
    unmatched_list: tuple[int, ...]
    numbers_differ: bool
    common: bool = False
    """The name evidence is made only of common name parts (capped, see Weights)."""


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
        common = _all_common(c, edges)
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
        return _score(q, c, edges, qused, cused, wts)
    if merge_floor > 0.0:
        first = _score(q, c, edges, qused, cused, wts)
        if first.score < merge_floor:
            return first
    qchars = sum(len(q.tokens[i]) for i in _bits(qfree))
    cchars = sum(len(c.tokens[i]) for i in _bits(cfree))
    if min(qchars, cchars) >= 3 and len(q.tokens) + len(c.tokens) > 2:
        merged = _merged_edges(q, c, qfree, cfree, cross_script, wts)
        if merged:
            edges, qused, cused = _greedy(singles + merged)
    return _score(q, c, edges, qused, cused, wts)


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


def _bits(mask: int) -> list[int]:
    out, i = [], 0
    while mask:
        if mask & 1:
            out.append(i)
        mask >>= 1
        i += 1
    return out


def _score(q: Side, c: Side, edges: list[Edge], qused: int, cused: int, wts: Weights):
    num = den = info = rare = 0.0
    cweights = c.weights
    for e in edges:
        cmask = e.cmask
        if cmask & (cmask - 1):
            w = sum(cweights[i] for i in _bits(cmask))
        else:
            w = cweights[cmask.bit_length() - 1]
        if e.method == "initial":
            # An initial only vouches for one letter: the rest of the full name's
            # weight counts as unmatched on the side that spelled it out.
            qw = sum(q.weights[i] for i in _bits(e.qmask))
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
    common = score > wts.common_cap and _all_common(c, edges)
    if common:
        # The whole listed name, reordered or glued but not misspelt, keeps the exact
        # name's standing (review); anything less is capped below review.
        whole = not unmatched_q and all(c.kinds[i] == "legal" for i in unmatched_c)
        whole = whole and all(e.sim >= 0.95 for e in edges)
        score = min(score, wts.common_exact if whole else wts.common_cap)
    return Alignment(min(1.0, score), tuple(edges), unmatched_q, unmatched_c, differ, common)


def _all_common(c: Side, edges: list[Edge] | tuple[Edge, ...]) -> bool:
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
        for i in _bits(e.cmask):
            if kinds[i] != "name":
                continue
            if not (c.common >> i & 1 or e.qtext in COMMON_NAME_PARTS):
                return False
            names += 1
    return names >= 2

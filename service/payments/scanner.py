"""Find listed names, vessels, places, goods words and identifiers inside free text.

The problem: every listed string (tens of thousands of names and aliases) against every
window of a remittance line, with the name matcher's tolerance (typos, glued or split
words, transliteration, word order), in far less than a millisecond. Sliding each name
over the text is out of the question, so the text is turned into token lookups:

1. Index (built once): each term is analysed by the core's name analyser (the same
   canonical tokens, legal forms and spelling variants the matcher uses); every
   vocabulary token gets SymSpell one-deletion keys and a phonetic key; each term is
   filed under its *anchor*, its rarest distinctive token (the two rarest for names of
   three tokens or more, so a missing word does not lose it). Listed IMO numbers and
   BICs go into an exact identifier map.
2. Scan: the text is tokenised with offsets; each word costs a few dictionary lookups,
   cached per word (remittance texts repeat "INVOICE" far more than any name), to find
   the vocabulary tokens it may stand for; two adjacent words are also looked up glued
   ("NAM PO" = NAMPO). Only terms anchored on a found token are candidates.
3. Verify: a candidate's other tokens are sought within a window around its anchor, in
   any order; all distinctive tokens must be there (one may be missing from names of
   three or more), and the rarity-weighted similarity must reach the threshold.

Pure: the terms come in at construction; nothing is read or written.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, NamedTuple

from rapidfuzz.distance import OSA

from service.core.index import deletes, kind_weight
from service.core.lexicon import LEGAL_FORMS, VARIANTS
from service.core.names import analyze, phonetic_key
from service.core.normalize import tokens as core_tokens
from service.core.similarity import edit_budget

KINDS = ("name", "vessel", "place", "goods", "country", "bic", "imo")
_WORD = re.compile(r"\w+(?:[.'’]\w+)*", re.UNICODE)
# (a BIC or an IMO number is one such word: KKBCKPPYXXX, IMO9187629)
"""A word as the core's normaliser sees one: initialisms and O'Brien stay whole."""
_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
_OPTIONAL = frozenset({"legal", "particle"})
"""Token kinds a name may be found without (legal forms, al-, bin, de ...)."""
_CACHE_LIMIT = 200_000
_SLICE, _OVERLAP = 256, 32
"""Tokens per slice of a long text, and how many consecutive slices share."""


@dataclass(frozen=True, slots=True)
class Term:
    """One string to look for, and what it stands for."""

    kind: str
    """name | vessel | place | goods | country"""
    text: str
    key: str
    """The caller's id for what the term names (entity key, place name, category)."""
    entity_type: str | None = None
    weak: bool = False
    """A weak alias: found only with all of its tokens, never on one word."""
    payload: Any = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class TextHit:
    """A term found in a text: where, how well and by which words."""

    term: Term
    start: int
    end: int
    found: str
    score: float
    alignment: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.term.kind,
            "list_string": self.term.text,
            "key": self.term.key,
            "found": self.found,
            "offsets": [self.start, self.end],
            "score": round(self.score, 4),
            "alignment": list(self.alignment),
        }


@dataclass(frozen=True, slots=True)
class _Indexed:
    term: Term
    tokens: tuple[str, ...]
    originals: tuple[str, ...]
    weights: tuple[float, ...]
    required: tuple[bool, ...]
    exact_only: bool
    """Every word exact, in one piece: one-word terms under six letters and names of
    short words only."""
    needed: frozenset[str]
    """The distinct required tokens: a cheap subset test before any alignment."""
    spare: int
    """How many required tokens may be missing (one, for names of four or more)."""
    total: float


_Tok = tuple[str, int, int, str]
"""(canonical token, start, end, word): a plain tuple, built ~20 times per field."""


class _Info(NamedTuple):
    """What one canonical text token brings, computed once per token and cached."""

    options: tuple[tuple[str, float, str], ...]
    """(vocabulary token, similarity, method) it may stand for."""
    anchored: tuple[int, ...]
    """One-word terms anchored on one of those options (on an exact one when the term
    must be exact); terms of several words are found through word pairs."""
    vocab: frozenset[str]
    """The option tokens as a set, for the candidates' subset tests."""
    partners: tuple[dict[str, tuple[int, ...]], ...]
    """For each option that is one word of a pair anchor: its partner words -> terms."""


VESSEL_WORDS = frozenset({"mv", "mt", "ms", "ss", "vessel", "ship", "tanker", "imo", "vsl", "bulk"})
"""Words that announce a vessel name: a one-word vessel name ("SUNRISE", "ALPHA") is an
ordinary word elsewhere, so in free text it counts only after one of these (or "M/V")."""


class TextScanner:
    """Built once from terms and identifier maps; :meth:`scan` is then read-only apart
    from a per-process cache of word lookups (it only ever holds what they compute)."""

    def __init__(
        self,
        terms: Iterable[Term],
        identifiers: Mapping[str, Sequence[Term]] | None = None,
        *,
        threshold: float = 0.80,
    ) -> None:
        self.threshold = threshold
        self._ids = {k.upper(): tuple(v) for k, v in (identifiers or {}).items()}
        analysed = self._analyse(terms)
        df: dict[str, int] = defaultdict(int)
        for toks, _, _, _ in analysed:
            for tok in set(toks):
                df[tok] += 1
        n = max(len(analysed), 1)
        rarest = math.log((n + 1) / 1.5)
        idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self._terms: list[_Indexed] = []
        anchors: dict[str, list[int]] = defaultdict(list)
        exact_anchors: dict[str, list[int]] = defaultdict(list)
        pairs: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for toks, origs, kinds, term in analysed:
            entry = _indexed(term, toks, origs, kinds, idf, rarest)
            if entry is None:
                continue
            tid = len(self._terms)
            self._terms.append(entry)
            need = [i for i, r in enumerate(entry.required) if r]
            ranked = sorted(need, key=lambda i: (-idf[toks[i]], toks[i]))
            if len(entry.needed) == 1:
                into = exact_anchors if entry.exact_only else anchors
                into[toks[ranked[0]]].append(tid)
                continue
            # Two of its rarest words must both be in the text: a pair of words is far
            # rarer in ordinary text than either word ("PORT" alone is everywhere).
            top = list(dict.fromkeys(toks[i] for i in ranked))[: 2 + entry.spare]
            for a, b in combinations(top, 2):
                pairs[a][b].append(tid)
        self._needs = [(e.needed, e.spare) for e in self._terms]
        self._anchors = {k: tuple(dict.fromkeys(v)) for k, v in anchors.items()}
        self._pairs = {
            a: {b: tuple(dict.fromkeys(t)) for b, t in partners.items()}
            for a, partners in pairs.items()
        }
        self._exact_anchors = {k: tuple(dict.fromkeys(v)) for k, v in exact_anchors.items()}
        vocab = {t for e in self._terms for t in e.tokens}
        self._vocab = frozenset(vocab)
        # A word may be listed in another spelling than its canonical token ("SECOND"
        # is the number 2, "ALEXANDER" is aleksandr): text words are compared with the
        # spellings too, and stand for the canonical token.
        spelled: dict[str, set[str]] = defaultdict(set)
        for e in self._terms:
            for tok, orig in zip(e.tokens, e.originals, strict=True):
                spelled[tok].add(tok)
                if orig != tok and " " not in orig:
                    spelled[orig].add(tok)
        self._spellings = {k: tuple(sorted(v)) for k, v in spelled.items()}
        dmap: dict[str, list[str]] = defaultdict(list)
        pmap: dict[str, list[str]] = defaultdict(list)
        for word in spelled:
            if len(word) >= 4 and not word.isdigit():
                for d in (word, *deletes(word)):
                    dmap[d].append(word)
            if len(word) >= 5 and not word.isdigit():
                pmap[phonetic_key(word)].append(word)
        self._deletes = {k: tuple(v) for k, v in dmap.items()}
        self._phonetic = {k: tuple(v) for k, v in pmap.items()}
        self._info_cache: dict[str, _Info] = {}

    @property
    def term_count(self) -> int:
        return len(self._terms)

    @staticmethod
    def _analyse(
        terms: Iterable[Term],
    ) -> list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], Term]]:
        out = []
        seen: set[tuple] = set()
        for term in terms:
            if term.kind in ("name", "vessel"):
                form = analyze(term.text, term.entity_type)
                toks, origs, kinds = form.tokens, form.originals, form.kinds
            else:
                origs = core_tokens(term.text)
                toks = tuple(canonical(t) for t in origs)
                kinds = ("name",) * len(toks)
            if not toks or len(toks) > 24:
                continue
            key = (term.kind, term.key, toks)
            if key in seen:
                continue
            seen.add(key)
            out.append((toks, tuple(origs), tuple(kinds), term))
        return out

    # --- scanning --------------------------------------------------------------------

    def scan(self, text: str | None) -> list[TextHit]:
        """Every term found in ``text``, best first, one hit per term key."""
        if not text or not text.strip():
            return []
        toks = tokenize(text)
        hits = self._identifier_hits(toks) if self._ids else []
        # A long text is read in overlapping slices, so the work stays linear in its
        # length whatever it holds (a term is at most 24 words: the overlap covers it).
        for at in range(0, max(len(toks) - _OVERLAP, 1), _SLICE - _OVERLAP):
            part = toks[at : at + _SLICE]
            if part:
                hits += self._term_hits(text, part)
        if len(hits) < 2:
            return hits
        best: dict[tuple[str, str], TextHit] = {}
        for hit in hits:
            key = (hit.term.kind, hit.term.key)
            if key not in best or hit.score > best[key].score:
                best[key] = hit
        return sorted(best.values(), key=lambda h: (-h.score, h.start, h.term.key))

    def _identifier_hits(self, toks: list[_Tok]) -> list[TextHit]:
        """Listed BICs (8 or 11 characters, or the BIC8 of an 11) and IMO numbers (7
        digits, alone or after IMO) among the words of the text."""
        out = []
        seen: set[int] = set()
        for _, start, end, word in toks:
            if start in seen or len(word) not in (7, 8, 10, 11):
                continue
            seen.add(start)
            upper = word.upper()
            keys = []
            if len(word) != 7 and _BIC.match(upper):
                keys += [f"BIC:{upper}", f"BIC:{upper[:8]}"]
            digits = upper[3:] if upper.startswith("IMO") else upper
            if len(digits) == 7 and digits.isdigit():
                keys.append(f"IMO:{digits}")
            for key in dict.fromkeys(keys):
                for term in self._ids.get(key, ()):
                    step = {"text": word, "list": term.text, "method": "identifier",
                            "similarity": 1.0}  # fmt: skip
                    out.append(TextHit(term, start, end, word, 1.0, (step,)))
        return out

    def _term_hits(self, text: str, toks: list[_Tok]) -> list[TextHit]:
        info_of = self._info
        infos = [info_of(t[0]) for t in toks]
        glued: dict[int, str] = {}
        candidates: set[int] = set()
        have: set[str] = set()
        spellings = self._spellings
        for i, info in enumerate(infos):
            if info.anchored:
                candidates.update(info.anchored)
            have.update(info.vocab)
            if i + 1 < len(toks):
                joined = toks[i][0] + toks[i + 1][0]
                if joined in spellings:
                    glued[i] = joined
                    candidates.update(self._info(joined).anchored)
                    have.update(spellings[joined])
        for partners in {id(p): p for info in infos for p in info.partners}.values():
            if len(partners) <= len(have):
                for b, tids in partners.items():
                    if b in have:
                        candidates.update(tids)
            else:
                for b in have:
                    tids = partners.get(b)
                    if tids:
                        candidates.update(tids)
        if not candidates:
            return []
        # Cheap subset tests first: in clean text no candidate has all its words.
        terms = self._terms
        needs = self._needs
        viable = []
        for tid in candidates:
            needed, spare = needs[tid]
            if needed <= have if not spare else len(needed - have) <= spare:
                viable.append(tid)
        if not viable:
            return []
        # Per position, the vocabulary tokens it may stand for: token -> (sim, method, span).
        found: list[dict[str, tuple[float, str, int]]] = [
            {v: (sim, method, 1) for v, sim, method in info.options} for info in infos
        ]
        for i, joined in glued.items():
            for v in self._spellings[joined]:
                found[i].setdefault(v, (0.95, "joined", 2))
        present: dict[str, list[int]] = defaultdict(list)
        for i, options in enumerate(found):
            for v in options:
                present[v].append(i)
        out = []
        for tid in sorted(viable):
            entry = terms[tid]
            for i in sorted({p for t in entry.needed if t in present for p in present[t]}):
                hit = self._verify(entry, i, text, toks, found)
                if hit is not None:
                    out.append(hit)
                    break
        return out

    def _verify(
        self,
        entry: _Indexed,
        anchor: int,
        text: str,
        toks: list[_Tok],
        found: list[dict[str, tuple[float, str, int]]],
    ) -> TextHit | None:
        size = len(entry.tokens)
        if size == 1:
            return self._verify_word(entry, anchor, text, toks, found)
        lo, hi = max(0, anchor - size - 1), min(len(toks), anchor + size + 2)
        nearest = sorted(range(lo, hi), key=lambda p: abs(p - anchor))
        used: set[int] = set()
        core: set[int] = set()  # the required words: no more than one stray word among them
        matched: list[tuple[int, int, float, str]] = []  # (term index, text pos, sim, method)
        missing = 0
        score = 0.0
        one_word = len(entry.needed) == 1
        order = sorted(range(size), key=lambda j: (not entry.required[j], -entry.weights[j]))
        for j in order:
            want = entry.tokens[j]
            best = None
            for p in nearest:
                if p in used or want not in found[p]:
                    continue
                sim, method, span = found[p][want]
                if sim < 1.0 and (entry.exact_only or (one_word and sim < 0.85)):
                    continue
                if best is None or sim > best[1]:
                    best = (p, sim, method, span)
                    if sim >= 1.0:
                        break
            if best is None:
                missing += entry.required[j]
                continue
            p, sim, method, span = best
            used.update(range(p, p + span))
            if entry.required[j]:
                core.update(range(p, p + span))
            matched.append((j, p, sim, method))
            score += entry.weights[j] * sim
        if missing > entry.spare or not matched:
            return None
        first, last = min(used), max(used)
        strays = sum(1 for p in range(min(core), max(core) + 1) if p not in used)
        if strays > (0 if entry.exact_only else 1):
            return None  # more than one stray word inside the name
        if not entry.exact_only and not any(
            (sim == 1.0 and len(entry.tokens[j]) >= 4)
            or (sim >= 0.85 and len(entry.tokens[j]) >= 6)
            for j, _, sim, _ in matched
        ):
            return None  # no word stands out clearly: a resemblance of short words only
        if entry.term.kind == "vessel" and one_word and not _after_vessel_word(toks, first):
            return None
        score = score / entry.total * (0.95 if missing else 1.0)
        if score < self.threshold:
            return None
        start, end = toks[first][1], toks[last][2]
        alignment = tuple(
            {"text": toks[p][3], "list": entry.originals[j], "method": method,
             "similarity": round(sim, 4)}
            for j, p, sim, method in sorted(matched, key=lambda m: m[1])
        )  # fmt: skip
        return TextHit(entry.term, start, end, text[start:end], score, alignment)

    def _verify_word(
        self,
        entry: _Indexed,
        at: int,
        text: str,
        toks: list[_Tok],
        found: list[dict[str, tuple[float, str, int]]],
    ) -> TextHit | None:
        """A one-word term (a place, a goods word, a one-word name) at position ``at``:
        the same rules as :meth:`_verify`, without the window."""
        sim, method, span = found[at][entry.tokens[0]]
        vessel = entry.term.kind == "vessel"
        if sim < 1.0 and (entry.exact_only or sim < (0.8 if vessel else 0.85)):
            return None
        if vessel and not _after_vessel_word(toks, at):
            return None
        if sim < self.threshold:
            return None
        last = at + span - 1
        start, end = toks[at][1], toks[last][2]
        step = {"text": text[start:end], "list": entry.originals[0], "method": method,
                "similarity": round(sim, 4)}  # fmt: skip
        return TextHit(entry.term, start, end, text[start:end], sim, (step,))

    def _info(self, tok: str) -> _Info:
        cached = self._info_cache.get(tok)
        if cached is None:
            options = self._options(tok)
            anchored = [t for v, _, _ in options for t in self._anchors.get(v, ())]
            for v in self._spellings.get(tok, ()):
                anchored += self._exact_anchors.get(v, ())
            partners = tuple(self._pairs[v] for v, _, _ in options if v in self._pairs)
            cached = _Info(
                options,
                tuple(dict.fromkeys(anchored)),
                frozenset(v for v, _, _ in options),
                partners,
            )
            if len(self._info_cache) < _CACHE_LIMIT:
                self._info_cache[tok] = cached
        return cached

    def _options(self, tok: str) -> tuple[tuple[str, float, str], ...]:
        """Canonical vocabulary tokens ``tok`` may stand for: exactly (as any listed
        spelling), within the matcher's edit budget, or by sound."""
        hits: dict[str, tuple[float, str]] = {}
        spellings = self._spellings
        for v in spellings.get(tok, ()):
            hits[v] = (1.0, "exact")
        if len(tok) >= 4 and not tok.isdigit():
            budget = edit_budget(len(tok))
            for key in (tok, *deletes(tok)):
                for word in self._deletes.get(key, ()):
                    dist = OSA.distance(tok, word, score_cutoff=budget)
                    if dist > budget:
                        continue
                    sim = 1.0 - dist / max(len(tok), len(word))
                    for v in spellings[word]:
                        if v not in hits or hits[v][0] < sim:
                            hits[v] = (sim, "fuzzy")
        if len(tok) >= 5 and not tok.isdigit():
            for word in self._phonetic.get(phonetic_key(tok), ()):
                for v in spellings[word]:
                    hits.setdefault(v, (0.85, "phonetic"))
        return tuple((v, sim, method) for v, (sim, method) in hits.items())


def _indexed(
    term: Term,
    toks: tuple[str, ...],
    origs: tuple[str, ...],
    kinds: tuple[str, ...],
    idf: dict[str, float],
    rarest: float,
) -> _Indexed | None:
    """How one term is matched, or None when it cannot be told from ordinary words.

    Legal forms and particles may be missing from a name of several words, but a name
    with one distinctive word needs all of its words ("TIMBER CORPORATION" is not every
    "timber"); a person is never found by one name alone, and a one-word term only by
    an exact word of four letters or more.
    """
    weights = tuple(kind_weight(idf[t], k, rarest) for t, k in zip(toks, kinds, strict=True))
    required = tuple(k not in _OPTIONAL for k in kinds)
    if sum(required) <= 1:
        if term.entity_type == "person" and len(toks) == 1:
            return None
        required = (True,) * len(toks)
    need = [i for i, r in enumerate(required) if r]
    single = len(need) == 1
    if single and (term.weak or len(toks[0]) < 4):
        return None
    short = max(len(t) for t in toks) < 4 and not any(t.isdigit() for t in toks)
    if short and (len(toks) < 2 or "initial" in kinds):
        return None  # a few letters ("AAS-T") are in any text
    # Names of short words only ("RI HO NAM", "CHU NA") must be there exactly and in one
    # piece; a one-word term may have a typo only when it is long enough to tell.
    # (a one-word vessel name counts only after MV, VESSEL ...: that context allows a typo
    # in a shorter word)
    longer = 5 if term.kind == "vessel" else 7
    exact = short or (single and len(toks[need[0]]) < longer)
    needed = frozenset(toks[i] for i in need)
    spare = (1 + len(needed) // 6) if len(needed) >= 4 else 0
    return _Indexed(term, toks, origs, weights, required, exact, needed, spare, sum(weights))


def _after_vessel_word(toks: list[_Tok], first: int) -> bool:
    before = [t[0] for t in toks[max(0, first - 3) : first]]
    return any(w in VESSEL_WORDS for w in before) or "m v" in " ".join(before)


def canonical(token: str) -> str:
    """The canonical form of one text token, as list names are indexed."""
    return LEGAL_FORMS.get(token) or VARIANTS.get(token, token)


def tokenize(text: str) -> list[_Tok]:
    """Canonical tokens of ``text`` with the character offsets of the word each came
    from (the core's normaliser on each word, so both sides read text alike)."""
    out: list[_Tok] = []
    append = out.append
    cache = _WORD_CACHE
    for m in _WORD.finditer(text):
        word = m.group()
        canon = cache.get(word)
        if canon is None:
            canon = tuple(canonical(t) for t in core_tokens(word))
            if len(cache) < _CACHE_LIMIT:
                cache[word] = canon
        start, end = m.span()
        for c in canon:
            append((c, start, end, word))
    return out


_WORD_CACHE: dict[str, tuple[str, ...]] = {}
"""Word -> canonical tokens: a pure function of the word, remembered per process."""

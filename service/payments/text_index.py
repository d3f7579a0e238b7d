"""The text scanner's index: terms analysed, weighted and filed under their anchors.

Step 1 of the scanner (see :mod:`service.payments.scanner`): built once from the terms;
each term is analysed by the core's name analyser, every vocabulary token gets SymSpell
one-deletion keys and a phonetic key, and each term is filed under its rarest
distinctive token (or pair of tokens). :meth:`TextIndex._info` then answers, per text
token and cached, which vocabulary tokens and terms it may stand for. Pure.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple

from rapidfuzz.distance import OSA

from service.core.index import deletes, kind_weight
from service.core.names import analyze, phonetic_key
from service.core.normalize import tokens as core_tokens
from service.core.similarity import edit_budget
from service.payments.hits import Term
from service.payments.tokens import _CACHE_LIMIT, canonical

_OPTIONAL = frozenset({"legal", "particle"})
"""Token kinds a name may be found without (legal forms, al-, bin, de ...)."""


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


class TextIndex:
    """The lookup tables :class:`~service.payments.scanner.TextScanner` scans with,
    built once from terms and identifier maps."""

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

"""The screening engine: ``build_matcher(entities, config)`` -> an immutable matcher.

How one query is answered (about a millisecond):

1. The query name is analysed exactly like the list names (:mod:`service.core.names`).
2. Candidates come from dictionary lookups only (:mod:`service.core.index`): each query
   token is expanded to list tokens (exact, SymSpell one-deletion keys, phonetic key,
   consonant skeleton for Arabic script, nicknames), glued/split forms are looked up, and
   names are pre-ranked by the rarity weight they share with the query.
3. The best ``MatchConfig.candidates`` names get the full alignment score
   (:mod:`service.core.compare`); weak aliases are discounted.
4. Identifiers, date of birth and countries corroborate or contradict
   (:mod:`service.core.evidence`), then the OFAC-compatible score is added
   (:mod:`service.core.ofac`) and the explanation is written.

Score (0-1, the same meaning for every list and entity type; band names at the
thresholds the caller configures in :class:`MatchConfig`, the defaults shown):

- ``>= 0.97`` **strong**: the same name, or an exact identifier. ``block_threshold``.
- ``0.80-0.97`` **review**: a close variant (typo, transliteration, missing middle
  name, legal form); a reviewer should look. ``review_threshold`` (default 0.80).
- ``0.70-0.80`` **weak**: partial resemblance; returned, but below review by default.
- ``< 0.70``: not returned with the default ``threshold``.

Explanation (``Match.explanation``, JSON-ready)::

    {
      "band": "strong" | "review" | "weak" | "below",
      "query": {"text": "...", "normalised": "..."},
      "list_name": {"text": "...", "normalised": "...", "kind": "primary|aka|fka|...",
                    "quality": "strong|weak"},
      "name_score": 0.91,
      "alignment": [{"query": "putn", "list": "putin", "method": "fuzzy",
                     "similarity": 0.88, "weight": 9.1}, ...],
      "unmatched_query": ["..."], "unmatched_list": ["vladimirovich"],
      "adjustments": [{"reason": "weak_alias", "effect": -0.09}, ...],
      "corroborated": [{"field": "date_of_birth", "query": "1952", "list": "1952-10-07"}],
      "contradicted": [{"field": "country", "query": ["FR"], "list": ["RU"]}],
      "identifiers": [{"type": "imo", "query": "IMO 9074729", "list": "9074729",
                       "decisive": true}],
      "ofac_score": 0.93
    }

Alignment methods: ``exact``, ``fuzzy`` (edit distance), ``phonetic`` (sound-alike
key), ``transliteration`` (consonant skeleton across scripts), ``initial``,
``nickname``, ``truncated``, ``gender_form`` (IVANOVA for IVANOV), ``joined`` /
``joined_fuzzy`` (glued or split tokens).
Adjustments: ``weak_alias`` (x 0.9), ``numbers_differ`` (x 0.5). The full reference
is ``docs/matching.md``.
"""

from __future__ import annotations

import heapq
import weakref
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from service.core.compare import (
    Alignment,
    Side,
    Weights,
    align,
    assimilated_spans,
    edit_budget,
    squeeze,
)
from service.core.evidence import (
    compare_dob,
    entity_countries,
    identifier_hits,
    identifier_keys,
    imo_conflict,
)
from service.core.index import IndexedName, NameIndex, build_index, deletes
from service.core.lexicon import LEGAL_FORMS, NICKNAMES, PARTICLES, VARIANTS
from service.core.model import Entity
from service.core.names import NameForm, analyze, phonetic_key, skeleton
from service.core.ofac import ofac_score
from service.core.query import Match, Query

_SELECTIVE = frozenset({"name", "number"})
"""Token kinds that select candidates; legal forms, generic words and particles only
score (they would drag in thousands of names and decide nothing)."""

_CROSS = {"arabic": 2, "cyrillic_greek": 1}
"""How far a query in another script is read back from its transliteration: sound-alike
short syllables (1), and consonant skeletons for unvowelled Arabic (2)."""
_ARTICLES = frozenset({"al", "el"})

STRONG = 0.97
REVIEW = 0.80
WEAK = 0.70


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """Tuning knobs of the engine; the defaults are the calibrated ones."""

    candidates: int = 15
    """How many pre-ranked names get the full alignment score per query."""
    merge_top: int = 5
    """The best pre-ranked names always try glued/split token alignment..."""
    merge_floor: float = 0.45
    """...the others only when their single-token score reaches this."""
    prerank_floor: float = 0.35
    """Names whose pre-rank estimate is below this are not scored at all..."""
    prerank_window: float = 0.45
    """...nor are names pre-ranked this far below the best one."""
    posting_cap: int = 200
    """Tokens on more names than this do not select candidates once a rarer token has
    (they still score)."""
    weak_alias_factor: float = 0.9
    """Score multiplier for weak aliases (OFAC weak AKA, UN low quality)."""
    dob_match_bonus: float = 0.03
    dob_mismatch_penalty: float = 0.12
    country_match_bonus: float = 0.02
    country_mismatch_penalty: float = 0.08
    imo_conflict_penalty: float = 0.3
    identifier_score: float = 0.95
    """Score of an exact non-decisive identifier match (passport, registration...)."""
    contradiction_floor: float = 0.70
    """Contradictions never push a name score >= 0.9 below this (never hide it)."""
    weights: Weights = field(default_factory=Weights)
    block_threshold: float = STRONG
    """Bands of ``explanation.band``: the thresholds the service decides with, passed
    in by the caller (the core reads no settings), so a band never contradicts the
    decision. ``strong`` from here..."""
    review_threshold: float = REVIEW
    """...``review`` from here (and an identifier beside a name scoring this counts as
    decisive)..."""
    weak_threshold: float = WEAK
    """...``weak`` from here, ``below`` under it."""
    memo_size: int = 1 << 15
    """Distinct query names whose name matches are remembered (0: none). Customer
    files and payment streams repeat names; a repeat then costs only its evidence."""


class ScreeningMatcher:
    """Index + scorer. Immutable after construction (safe to share after fork); the
    name memo is per process and only ever holds what the same inputs would compute."""

    def __init__(self, entities: Iterable[Entity], config: MatchConfig) -> None:
        self._index: NameIndex = build_index(entities)
        # Through a weak reference: a bound method kept on the instance is a reference
        # cycle, and the server freezes the heap out of the GC, so a replaced matcher
        # would never be freed. This way reference counting frees it on a reload.
        me = weakref.proxy(self)

        def named(*key: Any) -> tuple[NameForm, dict[int, tuple[float, IndexedName, Alignment]]]:
            return me._name_matches(*key)

        self._named = lru_cache(maxsize=config.memo_size)(named) if config.memo_size else named
        rarest = self._index.rarest
        wts = config.weights
        self._config = replace(
            config,
            weights=replace(
                wts,
                informative=wts.informative * rarest,
                initial_weight=wts.initial_weight * rarest,
                rare_cover=wts.rare_cover * rarest,
            ),
        )

    @property
    def name_count(self) -> int:
        return len(self._index.names)

    @property
    def entity_count(self) -> int:
        return len(self._index.entities)

    # --- candidate selection -------------------------------------------------------

    def _expand(self, tok: str, cross: int, memo: dict | None = None) -> dict[str, float]:
        """List vocabulary tokens a query token may stand for, with a rough similarity.
        ``memo`` carries expansions already computed for this query."""
        if memo is not None:
            key = (tok, cross)
            if key not in memo:
                memo[key] = self._expand(tok, cross)
            return memo[key]
        idx = self._index
        hits: dict[str, float] = {}
        if tok in idx.postings:
            hits[tok] = 1.0
        if tok.isdigit() or len(tok) < 3:
            return hits
        single = squeeze(tok)
        if single != tok and single in idx.postings:
            hits.setdefault(single, 0.85)  # a doubled letter in a short word (LNNG)
        if len(tok) >= 4:
            budget = edit_budget(len(tok))
            once = deletes(tok)
            for key in (tok, *once):
                for v in idx.deletes.get(key, ()):
                    if v not in hits and OSA.distance(tok, v, score_cutoff=budget) <= budget:
                        hits[v] = 0.85
            if tok not in idx.postings:
                # A misspelt variant spelling ("MOHAMEDD"): list names hold only the
                # canonical token of a variant group.
                for key in once:
                    canon = VARIANTS.get(key)
                    if canon and canon in idx.postings:
                        hits.setdefault(canon, 0.85)
        for v in idx.phonetic.get(phonetic_key(tok), ()):
            hits.setdefault(v, 0.85)
        for formal in NICKNAMES.get(tok, ()):
            if formal in idx.postings:
                hits.setdefault(formal, 0.9)
        if cross >= 2:
            for v in idx.skeletons.get(skeleton(tok), ()):
                hits.setdefault(v, 0.8)
        return hits

    def _two_edits(self, tok: str) -> dict[str, float]:
        """List tokens two edits from an unknown query token (two wrong letters in a
        rare word: "TRANSAKANTIC", "DAOLPOHIN"): through the two-deletion keys, and
        among the tokens of about its length that begin with the same two letters."""
        idx = self._index
        hits: dict[str, float] = {}
        once = deletes(tok)
        seen = set(once)
        for d in once:
            for key in deletes(d):
                if key not in seen:
                    seen.add(key)
                    for v in idx.deletes.get(key, ()):
                        if v not in hits and OSA.distance(tok, v, score_cutoff=2) <= 2:
                            hits[v] = 0.8
        for length in range(len(tok) - 2, len(tok) + 3):
            bucket = idx.shapes.get((tok[:2], length))
            if bucket:
                for v, _, _ in process.extract(
                    tok, bucket, scorer=OSA.distance, score_cutoff=2, limit=None
                ):
                    hits.setdefault(v, 0.8)
        return hits

    def _candidates(
        self,
        form: NameForm,
        qside: Side,
        lists: frozenset[str] | None,
        etype: str | None,
        memo: dict,
    ) -> tuple[list[int], set[int]]:
        """Names worth scoring, best pre-rank first, and those found through a glued or
        split form (they always get the glued-token alignment)."""
        idx = self._index
        cross = _CROSS.get(form.script, 0)
        glued_hits: set[int] = set()
        strong = {t for t, k in zip(form.tokens, form.kinds, strict=True) if k in _SELECTIVE}
        # Ties broken by the token itself: set order changes with the hash seed, and the
        # same query must give the same answer in every process.
        selectors = sorted(
            strong or set(form.tokens), key=lambda t: (len(idx.postings.get(t, ())), t)
        )
        expansions = [self._expand(tok, cross, memo) for tok in selectors]
        if len(strong) <= 2:
            # A short name (one or two distinctive words) rests on its rare word: look
            # two edits away for it when nothing nearer explains it. Longer names are
            # found through their other words, so they never pay for this.
            for i, tok in enumerate(selectors):
                if not expansions[i] and len(tok) >= 7 and tok.isalpha():
                    expansions[i] = self._two_edits(tok)
        qeff = {
            tok: max(idx.idf[v] for v in hits)
            for tok, hits in zip(selectors, expansions, strict=True)
            if hits and tok not in idx.idf
        }
        # Repeated query tokens ("MUHAMMAD, Muhammad") count once, as in ``acc``.
        qtotal = sum(
            min(w, qeff.get(t, w))
            for t, w in dict(zip(qside.tokens, qside.weights, strict=True)).items()
        )
        spans = self._glued_spans(form.tokens, cross)
        light = self._light_words(qside, strong) if strong else []
        initials = _initials(qside) if strong else []
        later = self._reach_after(selectors, expansions, spans, light + initials)
        # A name sharing less rarity weight than this can never reach the pre-rank
        # floor, so a variant that could only bring such names re-weights found ones.
        need = 0.5 * self._config.prerank_floor * qtotal * (1.0 - 1e-9)
        acc: dict[int, float] = {}
        selected = False
        for tok, hits, rest in zip(selectors, expansions, later, strict=True):
            best = self._token_weights(hits, acc, selected, (rest, need, qtotal))
            if len(best) > len(acc):
                acc, best = best, acc
            get = acc.get
            for n, w in best.items():
                acc[n] = get(n, 0.0) + w
            joined = idx.joined.get(tok, ()) if len(tok) >= 5 else ()
            if joined:
                w = idx.unknown_weight * 0.9
                for n in joined:
                    glued_hits.add(n)
                    if acc.get(n, 0.0) < w:
                        acc[n] = w
            # (postings are never empty: ``selected`` is what an unpruned ``acc`` says)
            selected = selected or bool(hits) or bool(joined)
        for post, w in spans:
            glued_hits.update(post)
            for n in post:
                acc[n] = acc.get(n, 0.0) + w
        # Light words (legal forms, generic words, particles) break ties between the
        # names found ("AL-HARAMAIN ... AFGHANISTAN BRANCH" among its branches).
        for tok, w in light:
            for n in _found(acc, idx.postings[tok], idx.posting_sets.get(tok)):
                acc[n] += w
        # An initial does the same for the names with a word of that letter ("WANG, M."
        # ranks the WANG M... names first among hundreds of WANGs).
        for letter, w in initials:
            for n in acc:
                if any(t[0] == letter for t in idx.names[n].side.tokens):
                    acc[n] += w
        return self._ranked(acc, qtotal, lists, etype), glued_hits

    def _token_weights(
        self,
        hits: dict[str, float],
        acc: dict[int, float],
        selected: bool,
        bounds: tuple[float, float, float],
    ) -> dict[int, float]:
        """Name -> the best weight one query token gives it, through any of its list
        variants ``hits``. ``bounds``: what a name can still gain after this token, the
        weight it needs to reach the pre-rank floor, and the query's total weight."""
        idx = self._index
        rest, need, qtotal = bounds
        floor = self._config.prerank_floor
        best: dict[int, float] = {}
        # Ascending weight: a later (heavier) variant overwrites a lighter one, so each
        # name keeps the best weight this query token gives it (C-speed update).
        for w, v in sorted((idx.idf[v] * sim, v) for v, sim in hits.items()):
            post = idx.postings[v]
            members = idx.posting_sets.get(v)
            if (selected and len(post) > self._config.posting_cap) or w + rest < need:
                # A common token after a selective one, or a variant too light to matter
                # on its own: only re-weight names already found.
                best.update(dict.fromkeys(_found(acc, post, members), w))
                continue
            # New names must be light enough to reach the floor with all they can still
            # gain; postings are sorted by name weight, so they are a prefix.
            limit = 2.0 * (w + rest) / floor - qtotal
            cut = bisect_right(idx.posting_totals[v], limit * (1.0 + 1e-9))
            best.update(dict.fromkeys(post[:cut], w))
            if cut < len(post) and acc:
                best.update(dict.fromkeys(_found(acc, post, members), w))
        return best

    def _glued_spans(
        self, toks: tuple[str, ...], cross: int
    ) -> list[tuple[tuple[int, ...], float]]:
        """(names, weight) of each 2-3 adjacent query tokens glued into one list token;
        for Arabic script also by consonant skeleton, with the article assimilated
        ("shms al dyn" finds SHAMSUDDIN)."""
        idx = self._index
        out = []
        glued_texts = []
        for size in (2, 3):
            for i in range(len(toks) - size + 1):
                glued = "".join(toks[i : i + size])
                glued_texts.append(glued)
                post = idx.postings.get(glued, ())
                if post:
                    out.append((post, idx.idf.get(glued, 0.0)))
        if cross >= 2:
            glued_texts += [text for _, text in assimilated_spans(toks)]
            found = {v for t in glued_texts for v in idx.skeletons.get(skeleton(t), ())}
            for v in sorted(found - set(glued_texts)):
                out.append((idx.postings[v], idx.idf[v] * 0.8))
        return out

    def _light_words(self, qside: Side, strong: set[str]) -> list[tuple[str, float]]:
        """Query words that only add to names found by the selective ones (initials
        apart: see :func:`_initials`)."""
        postings = self._index.postings
        return [
            (tok, w)
            for tok, w, kind in zip(qside.tokens, qside.weights, qside.kinds, strict=True)
            if tok not in strong and tok in postings and kind != "initial"
        ]

    def _reach_after(
        self,
        selectors: list[str],
        expansions: list[dict[str, float]],
        spans: list[tuple[tuple[int, ...], float]],
        light: list[tuple[str, float]],
    ) -> list[float]:
        """Per selector, the most weight a name can still gain from the selectors after
        it, glued spans and light words: an upper bound that makes pruning exact."""
        idx = self._index
        reach = []
        for tok, hits in zip(selectors, expansions, strict=True):
            top = max((idx.idf[v] * sim for v, sim in hits.items()), default=0.0)
            if len(tok) >= 5 and tok in idx.joined:
                top = max(top, idx.unknown_weight * 0.9)
            reach.append(top)
        rest = sum(w for _, w in spans) + sum(w for _, w in light)
        later = []
        for top in reversed(reach):
            later.append(rest)
            rest += top
        return later[::-1]

    def _ranked(
        self, acc: dict[int, float], qtotal: float, lists: frozenset[str] | None, etype: str | None
    ) -> list[int]:
        """The best ``MatchConfig.candidates`` names by pre-rank, in the query's lists
        and of its entity type."""
        idx = self._index
        totals = idx.name_totals
        names = idx.names
        ents = idx.entities
        pre = {n: 2.0 * a / (qtotal + totals[n]) for n, a in acc.items()}
        want = self._config.candidates
        ranked = heapq.nlargest(want * 4, pre, key=pre.__getitem__)
        if len(ranked) == want * 4 and (lists is not None or etype):
            ranked = sorted(pre, key=pre.__getitem__, reverse=True)
        out: list[int] = []
        floor = self._config.prerank_floor
        if ranked:
            floor = max(floor, pre[ranked[0]] - self._config.prerank_window)
        for n in ranked:
            if pre[n] < floor:
                break
            entity = ents[names[n].entity]
            if lists is not None and entity.list not in lists:
                continue
            if etype and entity.entity_type != etype:
                continue
            out.append(n)
            if len(out) >= self._config.candidates:
                break
        return out

    # --- search ----------------------------------------------------------------------

    def search(self, query: Query) -> list[Match]:
        idx = self._index
        # Without identifiers, names far below the threshold can never be returned:
        # corroboration adds at most a few points. So they are not kept (that is also
        # what makes the memo small).
        keep = -1.0 if query.identifiers else query.threshold - 0.1
        form, best = self._named(query.name, query.entity_type, query.lists, keep)
        id_entities = self._identifier_entities(query)
        scored: list[tuple[float, float, int, _Evidence]] = []
        for eidx in set(best) | id_entities:
            entity = idx.entities[eidx]
            if query.lists is not None and entity.list not in query.lists:
                continue
            if query.entity_type and entity.entity_type != query.entity_type:
                continue
            ev = self._evidence(query, entity, best.get(eidx))
            if ev.score >= query.threshold and ev.score > 0.0:
                scored.append((ev.score, ev.name_score, eidx, ev))
        scored.sort(key=lambda t: (-t[0], -t[1], t[2]))
        return [
            self._explain(query, form, idx.entities[eidx], best.get(eidx), ev)
            for _, _, eidx, ev in scored[: query.limit]
        ]

    def _name_matches(
        self, text: str, etype: str | None, lists: frozenset[str] | None, keep: float
    ) -> tuple[NameForm, dict[int, tuple[float, IndexedName, Alignment]]]:
        """The query's analysed form and, per entity scoring at least ``keep`` on its
        name, its best (score, list name, alignment). Depends on its arguments only."""
        idx = self._index
        cfg = self._config
        memo: dict = {}
        form = self._split_glued(analyze(text, etype), memo)
        if not form.tokens:
            return form, {}
        qweights = tuple(idx.weight(t, k) for t, k in zip(form.tokens, form.kinds, strict=True))
        qside = Side(form.tokens, form.originals, form.kinds, qweights)
        cross = _CROSS.get(form.script, 0)
        best: dict[int, tuple[float, IndexedName, Alignment]] = {}
        candidates, glued = self._candidates(form, qside, lists, etype, memo)
        for rank, n in enumerate(candidates):
            name = idx.names[n]
            floor = 0.0 if rank < cfg.merge_top or n in glued else cfg.merge_floor
            al = align(qside, name.side, cross, cfg.weights, floor)
            score = al.score * (cfg.weak_alias_factor if name.quality == "weak" else 1.0)
            prev = best.get(name.entity)
            if prev is None or score > prev[0]:
                best[name.entity] = (score, name, al)
        return form, {e: named for e, named in best.items() if named[0] >= keep}

    def _split_glued(self, form: NameForm, memo: dict) -> NameForm:
        """Split an unknown query token that is two list tokens glued together
        ("MohammadSamir" -> mohammad samir, "PORTICELLORESTAURANT")."""
        idf = self._index.idf
        if all(t in idf for t in form.tokens):
            return form
        toks, origs, kinds = [], [], []
        for tok, orig, kind in zip(form.tokens, form.originals, form.kinds, strict=True):
            best = None
            if (
                kind in _SELECTIVE
                and tok[:2] in _ARTICLES
                and tok not in idf
                and len(tok) >= 5
                and _as_listed(tok[2:])[0] in idf
            ):
                # The Arabic article glued to its word: ALHASAN = AL HASAN.
                best = (0.0, ("al", "particle"), _as_listed(tok[2:]), tok[:2], tok[2:])
            elif (
                kind in _SELECTIVE
                and tok not in idf
                and len(tok) >= 6
                and tok.isalpha()
                and tok not in self._index.joined
                and not self._expand(tok, False, memo)
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
                and kind in _SELECTIVE
                and tok.isalpha()
                and tok not in idf
                and tok not in self._index.joined
                and not self._expand(tok, False, memo)
            ):
                pieces = self._segment(tok)
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

    def _segment(self, tok: str) -> list[str] | None:
        """A whole name glued into one word ("KANGBONGTRADINGCORPORATION"; only for
        queries of one or two words) split into three or more list words: the split
        with the fewest pieces, then the lowest summed rarity (the words seen most
        often), as word segmentation does."""
        idf = self._index.idf
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

    def _identifier_entities(self, query: Query) -> set[int]:
        found: set[int] = set()
        for ident in query.identifiers:
            for key in identifier_keys(ident):
                found.update(self._index.identifiers.get(key, ()))
        return found

    def _evidence(
        self,
        query: Query,
        entity: Entity,
        named: tuple[float, IndexedName, Alignment] | None,
    ) -> _Evidence:
        cfg = self._config
        name_score = named[0] if named else 0.0
        ev = _Evidence(name_score=name_score, score=name_score)
        if named and named[1].quality == "weak":
            effect = round(named[0] - named[0] / cfg.weak_alias_factor, 4)
            ev.adjustments.append({"reason": "weak_alias", "effect": effect})
        if query.date_of_birth and entity.entity_type == "person":
            verdict = compare_dob(query.date_of_birth, entity.dates_of_birth)
            if verdict:
                item = {"field": "date_of_birth", "query": query.date_of_birth, "list": verdict[1]}
                if verdict[0] == "match":
                    ev.corroborated.append(item)
                    ev.score += cfg.dob_match_bonus
                elif verdict[0] == "mismatch":
                    ev.contradicted.append(item)
                    ev.score -= cfg.dob_mismatch_penalty
                else:
                    item["note"] = "close but not equal"
                    ev.corroborated.append(item)
        if query.countries:
            qc = frozenset(c.upper() for c in query.countries)
            ec = entity_countries(entity)
            if ec:
                item = {"field": "country", "query": sorted(qc), "list": sorted(ec)}
                if qc & ec:
                    ev.corroborated.append(item)
                    ev.score += cfg.country_match_bonus
                else:
                    ev.contradicted.append(item)
                    ev.score -= cfg.country_mismatch_penalty
        if query.identifiers:
            conflict = imo_conflict(query.identifiers, entity)
            if conflict:
                ev.contradicted.append({"field": "imo", "query": conflict[0], "list": conflict[1]})
                ev.score -= cfg.imo_conflict_penalty
        if name_score >= 0.9 and ev.score < cfg.contradiction_floor:
            ev.score = cfg.contradiction_floor
        if query.identifiers:
            hits = identifier_hits(query.identifiers, entity)
            for h in hits:
                ev.identifiers.append(
                    {"type": h.type, "query": h.query_value, "list": h.list_value,
                     "decisive": h.decisive}
                )  # fmt: skip
            if hits:
                id_score = 1.0 if any(h.decisive for h in hits) else cfg.identifier_score
                if name_score >= cfg.review_threshold:
                    id_score = 1.0
                ev.score = max(ev.score, id_score)
        ev.score = round(min(1.0, max(0.0, ev.score)), 4)
        return ev

    def _explain(
        self,
        query: Query,
        form: NameForm,
        entity: Entity,
        named: tuple[float, IndexedName, Alignment] | None,
        ev: _Evidence,
    ) -> Match:
        explanation: dict = {
            "band": band(ev.score, self._config),
            "query": {"text": query.name, "normalised": form.text},
            "name_score": round(ev.name_score, 4),
        }
        ofac = 0.0
        matched_name = entity.name
        if named:
            _, name, al = named
            matched_name = name.text
            ofac = ofac_score(query.name, name.text)
            explanation["list_name"] = {
                "text": name.text,
                "normalised": name.form.text,
                "kind": name.kind,
                "quality": name.quality,
            }
            explanation.update(_alignment_json(form, name, al))
            if al.numbers_differ:
                ev.adjustments.append({"reason": "numbers_differ", "effect": "score halved"})
        explanation["adjustments"] = ev.adjustments
        explanation["corroborated"] = ev.corroborated
        explanation["contradicted"] = ev.contradicted
        explanation["identifiers"] = ev.identifiers
        explanation["ofac_score"] = ofac
        return Match(
            entity=entity,
            matched_name=matched_name,
            score=ev.score,
            ofac_score=ofac,
            explanation=explanation,
        )


@dataclass(slots=True)
class _Evidence:
    """Working state of one entity's score while corroboration is applied."""

    name_score: float
    score: float
    adjustments: list[dict] = field(default_factory=list)
    corroborated: list[dict] = field(default_factory=list)
    contradicted: list[dict] = field(default_factory=list)
    identifiers: list[dict] = field(default_factory=list)


def _alignment_json(form: NameForm, name: IndexedName, al: Alignment) -> dict:
    side = name.side
    pairs = []
    for e in al.edges:
        qi = [i for i in range(len(form.tokens)) if e.qmask >> i & 1]
        ci = [i for i in range(len(side.tokens)) if e.cmask >> i & 1]
        pairs.append(
            {
                "query": " ".join(form.originals[i] for i in qi),
                "list": " ".join(side.originals[i] for i in ci),
                "method": e.method,
                "similarity": round(e.sim, 4),
                "weight": round(sum(side.weights[i] for i in ci), 3),
            }
        )
    out: dict = {
        "alignment": pairs,
        "unmatched_query": [form.originals[i] for i in al.unmatched_query],
        "unmatched_list": [side.originals[i] for i in al.unmatched_list],
    }
    return out


def _initials(qside: Side) -> list[tuple[str, float]]:
    """(letter, weight) of each initial of the query."""
    return [
        (tok[0], w)
        for tok, w, kind in zip(qside.tokens, qside.weights, qside.kinds, strict=True)
        if kind == "initial"
    ]


def _found(
    acc: dict[int, float], post: tuple[int, ...], members: frozenset[int] | None
) -> list[int]:
    """The names of ``post`` already in ``acc`` (``members``: ``post`` as a set, if
    the index keeps one), walking whichever of the two is shorter."""
    if members is not None and len(acc) < len(post):
        return [n for n in acc if n in members]
    return [n for n in post if n in acc]


def _as_listed(part: str) -> tuple[str, str]:
    """Canonical token and kind of one half of a glued token."""
    if part in LEGAL_FORMS:
        return LEGAL_FORMS[part], "legal"
    if part in PARTICLES:
        return VARIANTS.get(part, part), "particle"
    return VARIANTS.get(part, part), "name"


def band(score: float, config: MatchConfig | None = None) -> str:
    """Name of the documented score band ``score`` falls in, at the thresholds the
    caller configured (the defaults without a config)."""
    cfg = config or _DEFAULT
    if score >= cfg.block_threshold:
        return "strong"
    if score >= cfg.review_threshold:
        return "review"
    if score >= cfg.weak_threshold:
        return "weak"
    return "below"


_DEFAULT = MatchConfig()


def build_matcher(
    entities: Iterable[Entity], config: MatchConfig | None = None
) -> ScreeningMatcher:
    """Index ``entities`` and return a matcher (see :class:`service.core.query.Matcher`)."""
    return ScreeningMatcher(entities, config or MatchConfig())


__all__ = ["MatchConfig", "ScreeningMatcher", "band", "build_matcher"]

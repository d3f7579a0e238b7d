"""The screening engine: ``build_matcher(entities, config)`` -> an immutable matcher.

How one query is answered (about a millisecond):

1. The query name is analysed exactly like the list names (:mod:`service.core.names`),
   and unknown glued words are split (:mod:`service.core.segmentation`).
2. Candidates come from dictionary lookups only (:mod:`service.core.candidates` over
   :mod:`service.core.index`), pre-ranked by the rarity weight they share with the query.
3. The best ``MatchConfig.candidates`` names get the full alignment score
   (:mod:`service.core.compare`, :mod:`service.core.scoring`); weak aliases are
   discounted. The name matches of a query name are remembered (``memo_size``).
4. Identifiers, date of birth and countries corroborate or contradict
   (:mod:`service.core.corroboration`), then the match and its explanation are
   assembled (:mod:`service.core.explanation`, with the OFAC-compatible score of
   :mod:`service.core.ofac`).

Score bands and tuning knobs: :mod:`service.core.config`. The full reference is
``docs/matching.md``.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from service.core.candidates import CROSS, CandidateFinder
from service.core.compare import align
from service.core.config import MatchConfig, scaled_to
from service.core.corroboration import Corroboration, Named, corroborate
from service.core.evidence import identifier_keys
from service.core.explanation import explain
from service.core.index import NameIndex, build_index
from service.core.model import Entity
from service.core.names import NameForm, analyze
from service.core.pair import Side
from service.core.query import Match, Query
from service.core.segmentation import split_glued


class ScreeningMatcher:
    """Index + scorer. Immutable after construction (safe to share after fork); the
    name memo is per process and only ever holds what the same inputs would compute."""

    def __init__(self, entities: Iterable[Entity], config: MatchConfig) -> None:
        self._index: NameIndex = build_index(entities)
        # Through a weak reference: a bound method kept on the instance is a reference
        # cycle, and the server freezes the heap out of the GC, so a replaced matcher
        # would never be freed. This way reference counting frees it on a reload.
        me = weakref.proxy(self)

        def named(*key: Any) -> tuple[NameForm, dict[int, Named]]:
            return me._name_matches(*key)

        self._named = lru_cache(maxsize=config.memo_size)(named) if config.memo_size else named
        self._config = scaled_to(config, self._index.rarest)
        self._finder = CandidateFinder(self._index, self._config)

    @property
    def name_count(self) -> int:
        return len(self._index.names)

    @property
    def entity_count(self) -> int:
        return len(self._index.entities)

    def search(self, query: Query) -> list[Match]:
        """The entities matching ``query``, best first (see :class:`Query`)."""
        idx = self._index
        # Without identifiers, names far below the threshold can never be returned:
        # corroboration adds at most a few points. So they are not kept (that is also
        # what makes the memo small).
        keep = -1.0 if query.identifiers else query.threshold - 0.1
        form, best = self._named(query.name, query.entity_type, query.lists, keep)
        id_entities = self._identifier_entities(query)
        scored: list[tuple[float, float, int, Corroboration]] = []
        for eidx in set(best) | id_entities:
            entity = idx.entities[eidx]
            if query.lists is not None and entity.list not in query.lists:
                continue
            if query.entity_type and entity.entity_type != query.entity_type:
                continue
            ev = corroborate(query, entity, best.get(eidx), self._config)
            if ev.score >= query.threshold and ev.score > 0.0:
                scored.append((ev.score, ev.name_score, eidx, ev))
        scored.sort(key=lambda t: (-t[0], -t[1], t[2]))
        return [
            explain(query, form, idx.entities[eidx], best.get(eidx), ev, self._config)
            for _, _, eidx, ev in scored[: query.limit]
        ]

    def _name_matches(
        self, text: str, etype: str | None, lists: frozenset[str] | None, keep: float
    ) -> tuple[NameForm, dict[int, Named]]:
        """The query's analysed form and, per entity scoring at least ``keep`` on its
        name, its best (score, list name, alignment). Depends on its arguments only."""
        idx = self._index
        cfg = self._config
        memo: dict = {}
        form = split_glued(analyze(text, etype), idx, self._finder, memo)
        if not form.tokens:
            return form, {}
        qweights = tuple(idx.weight(t, k) for t, k in zip(form.tokens, form.kinds, strict=True))
        qside = Side(form.tokens, form.originals, form.kinds, qweights)
        cross = CROSS.get(form.script, 0)
        best: dict[int, Named] = {}
        candidates, glued = self._finder.find(form, qside, lists, etype, memo)
        for rank, n in enumerate(candidates):
            name = idx.names[n]
            floor = 0.0 if rank < cfg.merge_top or n in glued else cfg.merge_floor
            al = align(qside, name.side, cross, cfg.weights, floor)
            score = al.score * (cfg.weak_alias_factor if name.quality == "weak" else 1.0)
            prev = best.get(name.entity)
            if prev is None or score > prev[0]:
                best[name.entity] = (score, name, al)
        return form, {e: named for e, named in best.items() if named[0] >= keep}

    def _identifier_entities(self, query: Query) -> set[int]:
        """Entities holding one of the query's identifiers, whatever their names."""
        found: set[int] = set()
        for ident in query.identifiers:
            for key in identifier_keys(ident):
                found.update(self._index.identifiers.get(key, ()))
        return found


def build_matcher(
    entities: Iterable[Entity], config: MatchConfig | None = None
) -> ScreeningMatcher:
    """Index ``entities`` and return a matcher (see :class:`service.core.query.Matcher`)."""
    return ScreeningMatcher(entities, config or MatchConfig())


__all__ = ["ScreeningMatcher", "build_matcher"]

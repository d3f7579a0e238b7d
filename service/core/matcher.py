"""Matcher factory (first, simple engine; the scoring engine replaces its internals).

``build_matcher(entities, config)`` indexes every name and alias once and returns an
immutable :class:`Matcher` that answers :class:`~service.core.query.Query` objects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from service.core.model import Entity
from service.core.normalize import normalize, tokens
from service.core.query import Match, Query


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """Tuning knobs of the engine; the defaults are the calibrated ones."""

    candidates: int = 40
    """How many pre-ranked names get full scoring per query."""


class SimpleMatcher:
    """Token-postings index + rapidfuzz token-set ratio."""

    def __init__(self, entities: Iterable[Entity], config: MatchConfig) -> None:
        self._config = config
        self._entities: list[Entity] = []
        self._names: list[tuple[int, str, str]] = []  # (entity idx, list string, normalised)
        postings: dict[str, list[int]] = defaultdict(list)
        for entity in entities:
            eidx = len(self._entities)
            self._entities.append(entity)
            for alias in entity.all_names():
                norm = normalize(alias.name)
                if not norm:
                    continue
                nidx = len(self._names)
                self._names.append((eidx, alias.name, norm))
                for tok in set(norm.split()):
                    postings[tok].append(nidx)
        self._postings = {k: tuple(v) for k, v in postings.items()}

    @property
    def name_count(self) -> int:
        return len(self._names)

    def search(self, query: Query) -> list[Match]:
        qnorm = normalize(query.name)
        if not qnorm:
            return []
        counts: dict[int, float] = defaultdict(float)
        for tok in set(qnorm.split()):
            post = self._postings.get(tok, ())
            for nidx in post:
                counts[nidx] += 1.0 / len(post)
        ranked = sorted(counts, key=counts.__getitem__, reverse=True)[: self._config.candidates]
        best: dict[int, Match] = {}
        for nidx in ranked:
            eidx, raw, norm = self._names[nidx]
            entity = self._entities[eidx]
            if query.lists is not None and entity.list not in query.lists:
                continue
            if query.entity_type and entity.entity_type != query.entity_type:
                continue
            score = (fuzz.token_sort_ratio(qnorm, norm) + fuzz.token_set_ratio(qnorm, norm)) / 200.0
            if score < query.threshold:
                continue
            if eidx not in best or best[eidx].score < score:
                best[eidx] = Match(
                    entity=entity,
                    matched_name=raw,
                    score=round(score, 4),
                    ofac_score=round(score, 4),
                    explanation={"query": qnorm, "matched": norm, "method": "token_sort_ratio"},
                )
        return sorted(best.values(), key=lambda m: -m.score)[: query.limit]


def build_matcher(entities: Iterable[Entity], config: MatchConfig | None = None) -> SimpleMatcher:
    """Index ``entities`` and return a matcher (see :class:`service.core.query.Matcher`)."""
    return SimpleMatcher(entities, config or MatchConfig())


__all__ = ["MatchConfig", "build_matcher", "tokens"]

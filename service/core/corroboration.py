"""Corroboration: how a name score becomes an entity's score, with the bonuses and
penalties of the other fields of the query.

A date of birth or a country that agrees with the listed entity adds a little
(``MatchConfig.dob_match_bonus``, ``country_match_bonus``); one that disagrees takes
more away, as does a different IMO number; but a strong name (0.9 or more) is never
pushed below ``contradiction_floor``, so a contradiction never hides a hit. An identifier
found on the entity lifts the score to ``identifier_score`` (1.0 when decisive or beside
a name scoring review). Every step is recorded for the explanation. The comparisons
themselves (what counts as the same date, country or identifier) are
:mod:`service.core.evidence`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from service.core.config import MatchConfig
from service.core.evidence import compare_dob, entity_countries, identifier_hits, imo_conflict
from service.core.index import IndexedName
from service.core.model import Entity
from service.core.pair import Alignment
from service.core.query import Query

Named = tuple[float, IndexedName, Alignment]
"""An entity's best name match: (name score, list name, alignment)."""


@dataclass(slots=True)
class Corroboration:
    """Working state of one entity's score while corroboration is applied."""

    name_score: float
    score: float
    adjustments: list[dict] = field(default_factory=list)
    corroborated: list[dict] = field(default_factory=list)
    contradicted: list[dict] = field(default_factory=list)
    identifiers: list[dict] = field(default_factory=list)


def corroborate(
    query: Query, entity: Entity, named: Named | None, cfg: MatchConfig
) -> Corroboration:
    """The score of ``entity`` for ``query`` from its name match ``named`` (None when
    only an identifier found it) and the query's other fields, rounded to 4 places."""
    name_score = named[0] if named else 0.0
    ev = Corroboration(name_score=name_score, score=name_score)
    if named and named[1].quality == "weak":
        effect = round(named[0] - named[0] / cfg.weak_alias_factor, 4)
        ev.adjustments.append({"reason": "weak_alias", "effect": effect})
    if query.date_of_birth and entity.entity_type == "person":
        _date_of_birth(query.date_of_birth, entity, ev, cfg)
    if query.countries:
        _countries(query.countries, entity, ev, cfg)
    if query.identifiers:
        conflict = imo_conflict(query.identifiers, entity)
        if conflict:
            ev.contradicted.append({"field": "imo", "query": conflict[0], "list": conflict[1]})
            ev.score -= cfg.imo_conflict_penalty
    if name_score >= 0.9 and ev.score < cfg.contradiction_floor:
        ev.score = cfg.contradiction_floor
    if query.identifiers:
        _identifiers(query, entity, ev, cfg)
    ev.score = round(min(1.0, max(0.0, ev.score)), 4)
    return ev


def _date_of_birth(dob: str, entity: Entity, ev: Corroboration, cfg: MatchConfig) -> None:
    """A person's date of birth: the same date (or year) adds, another takes away, a
    close one is only noted."""
    verdict = compare_dob(dob, entity.dates_of_birth)
    if not verdict:
        return
    item = {"field": "date_of_birth", "query": dob, "list": verdict[1]}
    if verdict[0] == "match":
        ev.corroborated.append(item)
        ev.score += cfg.dob_match_bonus
    elif verdict[0] == "mismatch":
        ev.contradicted.append(item)
        ev.score -= cfg.dob_mismatch_penalty
    else:
        item["note"] = "close but not equal"
        ev.corroborated.append(item)


def _countries(
    countries: tuple[str, ...], entity: Entity, ev: Corroboration, cfg: MatchConfig
) -> None:
    """Any shared country adds; countries that are all different take away. An entity
    with no country on the list says nothing."""
    qc = frozenset(c.upper() for c in countries)
    ec = entity_countries(entity)
    if not ec:
        return
    item = {"field": "country", "query": sorted(qc), "list": sorted(ec)}
    if qc & ec:
        ev.corroborated.append(item)
        ev.score += cfg.country_match_bonus
    else:
        ev.contradicted.append(item)
        ev.score -= cfg.country_mismatch_penalty


def _identifiers(query: Query, entity: Entity, ev: Corroboration, cfg: MatchConfig) -> None:
    """Identifiers of the query found on the entity lift its score (never lower it)."""
    hits = identifier_hits(query.identifiers, entity)
    for h in hits:
        ev.identifiers.append(
            {"type": h.type, "query": h.query_value, "list": h.list_value,
             "decisive": h.decisive}
        )  # fmt: skip
    if hits:
        id_score = 1.0 if any(h.decisive for h in hits) else cfg.identifier_score
        if ev.name_score >= cfg.review_threshold:
            id_score = 1.0
        ev.score = max(ev.score, id_score)

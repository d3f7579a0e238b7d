"""Builders for listed entities and catalogs (real matcher), shared by the suite.

A plain module rather than conftest content, because several ``conftest.py`` files exist
and ``from conftest import ...`` would resolve to whichever one pytest loaded last.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType

from service.core import build_matcher
from service.core.model import Alias, Entity, ListSnapshot
from service.sources import parse_folder
from service.store import Catalog

LOADED_AT = "2026-01-01T00:00:00Z"


def entity(
    source_id: str,
    name: str,
    *aliases: str,
    list_id: str = "test_list",
    entity_type: str = "organization",
    countries: Iterable[str] = (),
    programs: Iterable[str] = ("TEST",),
) -> Entity:
    """Builder for a listed entity with sensible defaults."""
    return Entity(
        list=list_id,
        source_id=source_id,
        entity_type=entity_type,  # type: ignore[arg-type]
        name=name,
        aliases=tuple(Alias(a) for a in aliases),
        countries=tuple(countries),
        programs=tuple(programs),
    )


def catalog_from(entities: Iterable[Entity], *, sample: bool = False) -> Catalog:
    """A real Catalog (real matcher) over our own entities, one snapshot per list id."""
    entities = tuple(entities)
    by_list: dict[str, list[Entity]] = {}
    for e in entities:
        by_list.setdefault(e.list, []).append(e)
    snapshots = {
        list_id: ListSnapshot(
            list_id=list_id,
            version="2026-01-01",
            entities=tuple(members),
            source=f"test:{list_id}",
            loaded_at=LOADED_AT,
            sample=sample,
            name_count=sum(len(m.all_names()) for m in members),
        )
        for list_id, members in by_list.items()
    }
    return Catalog(
        snapshots=MappingProxyType(snapshots),
        matcher=build_matcher(entities),
        loaded_at=LOADED_AT,
    )


TEST_ENTITIES = (
    entity("1", "BANCO NACIONAL DE CUBA", "NATIONAL BANK OF CUBA", countries=["CU"]),
    entity("2", "ORIENT SHIPPING COMPANY LIMITED", list_id="other_list", countries=["KP"]),
    entity("3", "IVANOV, Sergei Petrovich", entity_type="person", countries=["RU"]),
)


FIXTURES = Path(__file__).resolve().parent / "fixtures"
ON_TWO_LISTS = "ABU HAMZA AL-FARISI"
"""Listed by the UN (QDi.901) and by the UK, whose listing AQD9004 cites that UN
reference: one target with two listings."""


def on_two_lists() -> tuple[Entity, ...]:
    """The UK Sanctions List fixture (tests/fixtures/uk_sl) and the UN listing its
    AQD9004 cites, so :data:`ON_TWO_LISTS` is one target listed twice."""
    uk = parse_folder("uk_sl", FIXTURES / "uk_sl" / "xml").entities
    un = Entity("un", "QDi.901", "person", ON_TWO_LISTS, programs=("ISIL",))
    return (un, *uk)

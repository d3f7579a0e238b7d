"""The golden corpus of the matching-core tests: a sanctions list in miniature.

Rare distinctive names beside words many entries share (legal forms, generic words,
common given names), so rarity weighting behaves as it does on the real lists. The
matcher, candidate, segmentation, corroboration and explanation tests all screen it.
"""

from __future__ import annotations

import pytest

from service.core import Alias, Entity, Identifier, build_matcher
from service.core.matcher import ScreeningMatcher

_ROWS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("p1", "person", "PUTIN, Vladimir Vladimirovich", ("Владимир Путин",)),
    ("p2", "person", "QADHAFI, Muammar", ("GADDAFI, Muammar", "معمر القذافي")),
    ("p3", "person", "KIM, Jong Un", ("김정은",)),
    ("p4", "person", "AL-ZUMAR, Abbud Fred", ()),
    ("p5", "person", "SHOIGU, Sergei Kuzhugetovich", ()),
    ("p6", "person", "MOHAMMED, Ahmed Ali", ()),
    ("p7", "person", "HASSAN, Ali Mohammed", ()),
    ("p8", "person", "PETROV, Aleksandr Ivanovich", ()),
    ("p9", "person", "XI, Jinping", ("习近平",)),
    ("p10", "person", "ROTENBERG, Arkady Romanovich", ()),
    ("p11", "person", "KHAMENEI, Ali", ()),
    ("p12", "person", "SMITH, Robert John", ()),
    ("o1", "organization", "JSC ARGUMENT", ()),
    ("o2", "organization", "EMMA LLC", ()),
    ("o3", "organization", "11420 CORP", ()),
    ("o4", "organization", "GLOBAL TRADING LTD", ()),
    ("o5", "organization", "ROSNEFT OIL COMPANY", ("OAO ROSNEFT",)),
    ("o6", "organization", "BANK MELLI IRAN", ()),
    ("o7", "organization", "SOVCOMFLOT PJSC", ()),
    ("o8", "organization", "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU TECHNOPROM", ()),
    ("o9", "organization", "NAMCHONGANG TRADING CORPORATION", ()),
    ("o10", "organization", "KOREA MINING DEVELOPMENT TRADING CORPORATION", ()),
    ("o11", "organization", "AL-QAIDA", ("AL QAEDA",)),
    ("o12", "organization", "HAPJANGGANG SHIPPING CORP", ()),
    ("o13", "organization", "MARINE INTERNATIONAL TRADING LLC", ()),
    ("o14", "organization", "UNITED INTERNATIONAL GROUP LIMITED", ()),
    ("o15", "organization", "LUKOIL OIL COMPANY", ()),
    ("v1", "vessel", "KUM UN SAN 3", ()),
    ("v2", "vessel", "SEA STAR", ()),
    ("v3", "vessel", "PETROMAX EXPLORER", ()),
    ("o16", "organization", "KINEF", ()),
    ("o17", "organization", "PACIFIC STEEL FZE", ()),
    ("o18", "organization", "TSARGRAD OOO", ()),
    ("p13", "person", "DEMCHENKO, Ivan Ivanovich", ()),
    ("p14", "person", "IVANOV, Victor", ()),
    ("p15", "person", "ZAW MIN TUN", ()),
    ("p16", "person", "AL-AHMED, Yasser", ()),
    ("p17", "person", "SIRAJUDDIN HAQQANI", ()),
]


def _entity(sid: str, kind: str, name: str, aliases: tuple[str, ...]) -> Entity:
    extra: dict = {}
    if sid == "v3":
        extra["identifiers"] = (Identifier("imo", "9074729"),)
    if sid == "p1":
        extra["dates_of_birth"] = ("1952-10-07",)
        extra["nationalities"] = ("RU",)
    if sid == "p8":
        extra["dates_of_birth"] = ("1961-03-02",)
        extra["nationalities"] = ("RU",)
    if sid == "p6":
        extra["aliases"] = (Alias("ABU AHMED", quality="weak"),)
    return Entity(
        list="test",
        source_id=sid,
        entity_type=kind,  # type: ignore[arg-type]
        name=name,
        aliases=extra.pop("aliases", tuple(Alias(a) for a in aliases)),
        **extra,
    )


@pytest.fixture(scope="session")
def golden_entities() -> list[Entity]:
    """The corpus as entities (p1 and p8 with dates of birth and nationality, v3 with an
    IMO number, p6 with a weak alias)."""
    return [_entity(*row) for row in _ROWS]


@pytest.fixture(scope="session")
def golden_names() -> int:
    """How many rows and aliases the corpus has (before names that normalise alike)."""
    return len(_ROWS) + sum(len(r[3]) for r in _ROWS)


@pytest.fixture(scope="session")
def matcher(golden_entities: list[Entity]) -> ScreeningMatcher:
    """A matcher over the golden corpus with the default config."""
    return build_matcher(golden_entities)

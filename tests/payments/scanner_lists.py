"""Our own small lists and reference tables for the text scanner's tests."""

from __future__ import annotations

from service.core.model import Alias, Entity, Identifier
from service.payments import TextScanner, entity_terms, reference_terms


def listed(sid: str, name: str, etype: str = "organization", *aliases: str, ids=()) -> Entity:
    return Entity(
        list="test_list",
        source_id=sid,
        entity_type=etype,  # type: ignore[arg-type]
        name=name,
        aliases=tuple(Alias(a) for a in aliases),
        identifiers=tuple(ids),
    )


ENTITIES = (
    listed("1", "KOREA KWANGSON BANKING CORP", "organization", "KKBC",
           ids=[Identifier("bic", "KKBCKPPY")]),
    listed("2", "ARTAVIL", "vessel", ids=[Identifier("imo", "IMO 9187629")]),
    listed("3", "RI, Ho Nam", "person"),
    listed("4", "TIMBER CORPORATION"),
    listed("5", "Emma", "person"),
    listed("6", "Alexander Ivanovich SOBOL", "person"),
    listed("7", "SAKHALIN 8", "vessel"),
    listed("8", "SUNRISE", "vessel"),
    listed("9", "IRASCO S.R.L."),
)  # fmt: skip
TABLES = {
    "places": {"places": [{"name": "Nampo", "aliases": ["Nampho", "남포"], "country": "KP"}]},
    "countries": {"text_terms": {"KP": ["North Korea", "DPRK"]}},
    "goods": {"categories": [{"id": "refined_petroleum", "strong": {"en": ["diesel", "gas oil"]}}]},
}


def build_scanner() -> TextScanner:
    """A scanner over :data:`ENTITIES` and :data:`TABLES`, as the service builds one."""
    terms, ids = entity_terms(ENTITIES)
    return TextScanner(terms + reference_terms(TABLES), ids)

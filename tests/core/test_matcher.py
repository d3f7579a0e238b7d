"""Golden pairs for the matcher: results only, never timings."""

from service.core import Entity, Query, build_matcher


def _matcher(*names: tuple[str, str]):
    return build_matcher(
        Entity(list="test", source_id=str(i), entity_type=kind, name=name)  # type: ignore[arg-type]
        for i, (kind, name) in enumerate(names)
    )


def test_exact_name_matches_itself():
    m = _matcher(("person", "PUTIN, Vladimir Vladimirovich"), ("organization", "JSC ARGUMENT"))
    hits = m.search(Query("PUTIN, Vladimir Vladimirovich"))
    assert hits[0].entity.source_id == "0"
    assert hits[0].score >= 0.97

"""The listed-party model: keys unique across lists, names in the order the matcher reads."""

from __future__ import annotations

from service.core.model import Alias, Entity, ListSnapshot


def entity(list_id: str, source_id: str, *aliases: Alias) -> Entity:
    return Entity(list_id, source_id, "organization", "ACME TRADING", aliases=aliases)


def test_key_joins_the_list_and_the_publishers_id_so_two_lists_never_collide() -> None:
    assert entity("ofac_sdn", "306").key == "ofac_sdn:306"
    assert entity("un", "306").key != entity("ofac_sdn", "306").key


def test_all_names_puts_the_primary_name_first_as_a_strong_alias() -> None:
    weak = Alias("ACME", "weak", "aka")
    names = entity("un", "1", weak).all_names()
    assert names[0] == Alias("ACME TRADING", "strong", "primary")
    assert names[1:] == (weak,)
    assert entity("un", "2").all_names() == (Alias("ACME TRADING", "strong", "primary"),)


def test_entity_count_counts_the_snapshots_entities() -> None:
    members = (entity("un", "1"), entity("un", "2"))
    snapshot = ListSnapshot("un", "2026-02-27", members, "/lists/un", "2026-03-01T00:00:00Z")
    assert snapshot.entity_count == 2
    assert ListSnapshot("un", "v", (), "/x", "t").entity_count == 0

"""List diffs: exactly what was added, removed and changed, on our entities and on two
real OFAC SDN versions."""

from __future__ import annotations

import csv
from dataclasses import replace

from service.core.model import Alias, Entity, Identifier
from service.sources import parse_folder
from service.store.diff import ListDiff, diff_entities


def _entity(source_id: str, name: str, **fields) -> Entity:
    return Entity(list="uk_sl", source_id=source_id, entity_type="person", name=name, **fields)


OLD = (
    _entity("A1", "Anna BELOVA", programs=("Russia",), dates_of_birth=("1971",)),
    _entity("B2", "Boris CHERNOV", programs=("Russia",)),
    _entity("C3", "Clara DUBOVA", programs=("Belarus",)),
)


def test_added_removed_and_changed_with_the_facets_that_changed():
    new = (
        replace(
            OLD[0],
            dates_of_birth=("1971-05-02",),
            identifiers=(Identifier("passport", "P123", "RU"),),
            aliases=(Alias("Anya BELOVA", "weak"),),
            remarks="reworded",
        ),
        replace(OLD[2], remarks="only the remark changed"),
        _entity("D4", "Dmitri EGOROV", programs=("Russia",)),
    )
    diff = diff_entities("uk_sl", OLD, new, old_version="2026-01-01", new_version="2026-02-01")
    assert diff.counts() == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1}
    assert [e.source_id for e in diff.added] == ["D4"]
    assert [(e.source_id, e.name) for e in diff.removed] == [("B2", "Boris CHERNOV")]
    [change] = diff.changed
    assert change.source_id == "A1" and change.old_fingerprint != change.new_fingerprint
    assert {f: (c.added, c.removed) for f, c in change.changes.items()} == {
        "names": (("anya belova (weak)",), ()),
        "dates_of_birth": (("1971-05-02",), ("1971",)),
        "identifiers": (("passport:P123:RU",), ()),
    }


def test_identical_versions_have_an_empty_diff_and_it_round_trips():
    diff = diff_entities("uk_sl", OLD, OLD)
    assert diff.empty and diff.counts()["unchanged"] == 3
    changed = diff_entities("uk_sl", OLD, (replace(OLD[0], programs=("Russia", "Cyber")),))
    assert ListDiff.from_dict(changed.as_dict()) == changed


def test_two_real_sdn_versions(shared_lists, tmp_path):
    """OFAC SDN of 2023-12-28 against 2024-07-02 (primary records only): the added and
    removed ids are exactly those the two files disagree on."""
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    old_dir.mkdir(), new_dir.mkdir()
    (old_dir / "sdn.csv").symlink_to(shared_lists / "ofac_sdn" / "sdn.csv")
    newer = shared_lists.parent / "lists-extra" / "ofac_sdn_2024-07-02" / "sdn.csv"
    (new_dir / "sdn.csv").symlink_to(newer)
    ids = []
    for folder in (old_dir, new_dir):
        with open(folder / "sdn.csv", encoding="cp1252", newline="") as f:
            ids.append({row[0] for row in csv.reader(f) if row and row[0].strip().isdigit()})
    diff = diff_entities(
        "ofac_sdn",
        parse_folder("ofac_sdn", old_dir).entities,
        parse_folder("ofac_sdn", new_dir).entities,
    )
    assert {e.source_id for e in diff.added} == ids[1] - ids[0]
    assert {e.source_id for e in diff.removed} == ids[0] - ids[1]
    assert len(diff.changed) + diff.unchanged == len(ids[0] & ids[1])
    assert len(diff.added) == 15_443 - 13_821 + len(diff.removed)
    assert diff.changed  # programmes and remarks move between versions
    assert all(c.changes for c in diff.changed)

"""One target, many listings: linking rules on our entities, stability, and the real lists."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from service.core.model import Alias, Entity, Identifier
from service.sources import parse_folder
from service.store.targets import link_targets, lists_of, summarize, target_id


def _e(list_id: str, source_id: str, name: str, kind: str = "person", **fields) -> Entity:
    return Entity(list=list_id, source_id=source_id, entity_type=kind, name=name, **fields)


UN = _e("un", "QDi.901", "ABU HAMZA AL-FARISI")
UK = _e("uk_sl", "AQD9004", "ABU HAMZA AL FARISI", identifiers=(Identifier("un_ref", "QDi.901"),))
EU = _e("eu", "990300", "Abu Hamza al-Farisi", identifiers=(Identifier("un_ref", "QDi.901"),))
OTHER = _e("ofac_sdn", "1", "SOMEONE ELSE", dates_of_birth=("1970-01-01",))


def test_un_reference_cited_by_uk_and_eu_is_one_target():
    targets = link_targets([UN, UK, EU, OTHER])
    target = targets.target_of(UN.key)
    assert targets.target_of(UK.key) == targets.target_of(EU.key) == target
    assert targets.listings_of(target) == ("eu:990300", "uk_sl:AQD9004", "un:QDi.901")
    assert targets.reasons[target] == ("ref:un:QDi.901",)
    assert targets.target_of(OTHER.key) == target_id(OTHER.key)  # linked to nothing
    assert targets.listings_of(target_id(OTHER.key), OTHER.key) == (OTHER.key,)


def test_target_id_does_not_depend_on_load_order_or_other_listings():
    first = link_targets([UN, UK, EU, OTHER]).target_of(UK.key)
    shuffled = [UN, UK, EU, OTHER, _e("eu", "5", "NEW LISTING")]
    random.Random(7).shuffle(shuffled)
    assert link_targets(shuffled).target_of(UK.key) == first == target_id("eu:990300")


def test_strong_identifiers_link_and_weak_evidence_does_not():
    ship = dict(kind="vessel")
    imo = Identifier("imo", "IMO 9187629")  # valid check digit
    bad_imo = Identifier("imo", "9187620")
    passport = Identifier("passport", "N1234567", "IR")
    entities = [
        _e("uk_sl", "S1", "NORTHERN GULL", identifiers=(imo,), **ship),
        _e("ofac_sdn", "S2", "GULL", identifiers=(Identifier("imo", "9187629"),), **ship),
        _e("uk_sl", "S3", "BAD", identifiers=(bad_imo,), **ship),
        _e("ofac_sdn", "S4", "BAD", identifiers=(bad_imo,), **ship),
        _e("eu", "P1", "Reza KARIMI", identifiers=(passport,)),
        _e("ofac_sdn", "P2", "KARIMI, Reza", identifiers=(passport,)),
        _e("eu", "P3", "X", identifiers=(Identifier("passport", "N7654321"),)),
        _e("ofac_sdn", "P4", "Y", identifiers=(Identifier("passport", "N7654321"),)),
        _e("eu", "B1", "BANK A", "organization", identifiers=(Identifier("bic", "VRBKRU2SXXX"),)),
        _e("us_csl", "B2", "BANK B", "organization", identifiers=(Identifier("bic", "VRBKRU2S"),)),
    ]
    targets = link_targets(entities)
    linked = {frozenset(m) for m in targets.listings.values()}
    assert linked == {
        frozenset({"uk_sl:S1", "ofac_sdn:S2"}),
        frozenset({"eu:P1", "ofac_sdn:P2"}),
        frozenset({"eu:B1", "us_csl:B2"}),
    }  # an invalid IMO and a passport without its country link nothing


def test_name_with_full_date_of_birth_links_people_across_lists():
    un = _e("un", "QDi.1", "Farid KARIMZADEH", dates_of_birth=("1970-05-17",))
    ofac = _e("ofac_sdn", "9", "KARIMZADEH, Farid", dates_of_birth=("1970-05-17", "1971"))
    year_only = _e("eu", "7", "Farid KARIMZADEH", dates_of_birth=("1970",))
    weak = _e(
        "uk_sl",
        "W",
        "Somebody Else",
        aliases=(Alias("Farid KARIMZADEH", "weak"),),
        dates_of_birth=("1970-05-17",),
    )
    company = _e("us_csl", "C", "Farid KARIMZADEH", "organization")
    targets = link_targets([un, ofac, year_only, weak, company])
    assert targets.listings_of(targets.target_of(un.key)) == ("ofac_sdn:9", "un:QDi.1")


def test_a_key_two_entries_of_one_list_share_is_not_used():
    a = _e("ofac_sdn", "1", "A", identifiers=(Identifier("passport", "K9000001", "IR"),))
    b = _e("ofac_sdn", "2", "B", identifiers=(Identifier("passport", "K9000001", "IR"),))
    c = _e("eu", "3", "C", identifiers=(Identifier("passport", "K9000001", "IR"),))
    assert link_targets([a, b, c]).linked_count == 0


@pytest.fixture(scope="module")
def real(shared_lists):
    extra = shared_lists.parent / "lists-extra"
    entities = [
        *parse_folder("un", shared_lists / "un").entities,
        *parse_folder("ofac_sdn", shared_lists / "ofac_sdn").entities,
        *parse_folder("uk_sl", extra / "uk_sl_derived").entities,
    ]
    return entities, link_targets(entities)


def test_a_listing_on_un_uk_and_ofac_is_one_target(real):
    _, targets = real
    zawahiri = targets.target_of("un:QDi.006")
    assert targets.listings_of(zawahiri) == ("ofac_sdn:2676", "uk_sl:AQD0126", "un:QDi.006")
    on_all_three = [m for m in targets.listings.values() if len(lists_of(m)) == 3]
    assert len(on_all_three) > 250
    assert all(len(m) == 3 for m in on_all_three)  # never two listings of one list here


def test_every_un_reference_the_uk_cites_links_to_the_un_entry(real):
    entities, targets = real
    un_ids = {e.source_id for e in entities if e.list == "un"}
    for entity in entities:
        refs = [i.value for i in entity.identifiers if i.type == "un_ref" and i.value in un_ids]
        for ref in refs:
            assert targets.target_of(entity.key) == targets.target_of(f"un:{ref}")


def test_the_loaded_catalog_links_its_lists(real_catalog):
    un = real_catalog.snapshots["un"].entities[0]
    target = real_catalog.target_of(un)
    listings = real_catalog.target_index.listings_of(target)
    assert un.key in listings and "uk_ofsi" in lists_of(listings)
    assert real_catalog.targets is not None  # linked once, at load
    [summary] = real_catalog.targets_summary([_Match(un, 1.0, un.name)])
    assert un.key in [f"{x['list']}:{x['source_id']}" for x in summary["listings"]]


@dataclass
class _Match:
    entity: Entity
    score: float
    matched_name: str


def test_summary_gives_one_entry_per_target_with_every_listing():
    targets = link_targets([UN, UK, EU, OTHER])
    by_key = {e.key: e for e in (UN, UK, EU, OTHER)}
    matches = [
        _Match(UK, 0.97, "ABU HAMZA AL FARISI"),
        _Match(OTHER, 0.81, "SOMEONE ELSE"),
        _Match(UN, 0.99, "ABU HAMZA AL-FARISI"),
    ]
    summary = summarize(matches, targets, by_key.get)
    assert [s["target_id"] for s in summary] == [
        targets.target_of(UN.key),
        targets.target_of(OTHER.key),
    ]
    first = summary[0]
    assert (first["best"]["list"], first["best"]["score"]) == ("un", 0.99)
    assert [(x["list"], x["score"]) for x in first["listings"]] == [
        ("eu", None),  # listed, but did not match this query
        ("uk_sl", 0.97),
        ("un", 0.99),
    ]
    assert first["linked_by"] == ["ref:un:QDi.901"]
    assert [x["source_id"] for x in summary[1]["listings"]] == ["1"]

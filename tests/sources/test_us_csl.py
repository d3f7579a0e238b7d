"""US Consolidated Screening List parser: the real (2022) CSV in place, our own CSV and
JSON twins, and malformed input."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from service.sources import SourceError, parse_folder
from service.sources.us_csl import source_list_name


@pytest.fixture(scope="module")
def real_rows(shared_extra):
    with open(shared_extra / "us_csl" / "consolidated.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def csl(shared_extra):
    return parse_folder("us_csl", shared_extra / "us_csl")


@pytest.fixture(scope="module")
def ours(fixtures_dir):
    return {
        e.source_id: e for e in parse_folder("us_csl", fixtures_dir / "us_csl" / "csv").entities
    }


def test_one_entity_per_publisher_id(csl, real_rows):
    assert len(real_rows) == 14_160
    assert len(csl.entities) == len({r["_id"] for r in real_rows}) == 14_048
    assert csl.version.startswith("sha256:")  # the CSV carries no publication date


def test_every_rows_source_list_is_a_programme(csl, real_rows):
    """Ids per source list, counted in the file, equal the entities naming that list (the
    file repeats one CAPTA row, which is one entity)."""
    pairs = {(r["_id"], r["source"]) for r in real_rows}
    assert len(pairs) == len(real_rows) - 1
    rows = Counter(source_list_name(source) for _, source in pairs)
    entities = Counter(p for e in csl.entities for p in set(e.programs) if p in rows)
    assert entities == rows
    assert rows["BIS Entity List"] == 2_001 and rows["Denied Persons List"] == 462
    assert rows["OFAC SDN List"] == 10_026


def test_alternate_names_and_identifiers_reach_the_model(csl, real_rows):
    alt = sum(len([a for a in r["alt_names"].split(";") if a.strip()]) for r in real_rows)
    assert alt == 20_011  # as the lists README counts them
    aliases = sum(len(e.aliases) for e in csl.entities)
    assert 19_000 < aliases <= alt  # merged rows repeat theirs, "and" joiners are dropped
    types = Counter(i.type for e in csl.entities for i in e.identifiers)
    assert types["imo"] == 440 and types["bic"] > 100 and types["passport"] > 1_500
    ships = [e for e in csl.entities if e.entity_type == "vessel"]
    assert len(ships) == 433


def test_treasury_entity_on_several_lists_is_merged(csl):
    vtb = next(e for e in csl.entities if e.source_id == "18725")
    assert vtb.programs[:3] == (
        "OFAC CAPTA List",
        "OFAC SDN List",
        "OFAC Sectoral Sanctions Identifications List",
    )


def test_person_fields(ours):
    person = ours["90001"]
    assert (person.entity_type, person.name) == ("person", "KARIMZADEH, Farid")
    assert person.programs == ("OFAC SDN List", "SDGT", "IRGC")
    assert person.dates_of_birth == ("1970-05-17", "1972", "1969-01-12", "1966", "1967", "1968")
    assert person.nationalities == ("IR", "TR")
    assert (person.gender, person.places_of_birth, person.listed_on) == (
        "male",
        ("Tabriz, Iran",),
        "2019-04-08",
    )
    assert [(i.type, i.value, i.country) for i in person.identifiers] == [
        ("passport", "K90000001", "IR"),
        ("national_id", "10000000001", "TR"),
        ("ofac_entity_number", "90001", None),  # links it to the ofac_sdn entry
    ]
    assert "Additional Sanctions Information: Subject to Secondary Sanctions" in person.remarks


def test_bank_on_two_treasury_lists(ours):
    bank = ours["90002"]
    assert bank.programs == ("OFAC SDN List", "OFAC CAPTA List", "RUSSIA-EO14024")
    assert ("bic", "VRBKRU2S") in [(i.type, i.value) for i in bank.identifiers]
    assert bank.addresses[0].country == "RU"


def test_vessel_and_trade_lists(ours):
    ship = ours["90003"]
    assert ship.entity_type == "vessel" and ship.countries == ("KP",)
    assert {(i.type, i.value) for i in ship.identifiers} == {
        ("imo", "9000003"),
        ("mmsi", "445000003"),
        ("call_sign", "HMYZ3"),
        ("ofac_entity_number", "90003"),
    }
    entity_list = ours["5f0e1d9c3b2a41708e6f5d4c3b2a1908f7e6d5c4"]
    assert entity_list.programs == ("BIS Entity List",)
    assert [a.name for a in entity_list.aliases] == [
        "Shenzhou Optics",
        "Shenzhou Precision Optical Instruments",
    ]
    assert "License policy: Presumption of denial." in entity_list.remarks


def test_json_twin_gives_the_same_entities(fixtures_dir, ours):
    parsed = parse_folder("us_csl", fixtures_dir / "us_csl" / "json")
    assert {e.source_id: e for e in parsed.entities} == ours


def test_csv_without_its_columns_is_rejected(tmp_path):
    (tmp_path / "consolidated.csv").write_text("id,title\n1,x\n")
    with pytest.raises(SourceError, match="source, name"):
        parse_folder("us_csl", tmp_path)


def test_json_without_results_is_rejected(tmp_path):
    (tmp_path / "consolidated.json").write_text('{"total": 0}')
    with pytest.raises(SourceError, match="results"):
        parse_folder("us_csl", tmp_path)


def test_record_without_a_name_is_rejected(tmp_path):
    (tmp_path / "consolidated.csv").write_text("_id,source,name\n1,Entity List (EL),\n")
    with pytest.raises(SourceError, match="no id or no name"):
        parse_folder("us_csl", tmp_path)

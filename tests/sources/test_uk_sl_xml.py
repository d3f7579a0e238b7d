"""The UK Sanctions List XML reader: published values, wrapped or flat, nothing interpreted."""

from __future__ import annotations

from service.sources.uk_sl_xml import read_designations


def _read(tmp_path, body: str):
    path = tmp_path / "UK-Sanctions-List.xml"
    path.write_text(
        f"<Designations><DateGenerated>28-Jan-2026</DateGenerated>{body}</Designations>",
        encoding="utf-8",
    )
    return read_designations(path)


def test_indicators_stand_in_for_missing_sanctions_imposed(tmp_path):
    version, [d] = _read(
        tmp_path,
        "<Designation><UniqueID>X0001</UniqueID><SanctionsImposedIndicators>"
        "<AssetFreeze>true</AssetFreeze><TravelBan>false</TravelBan>"
        "<TrustServicesSanctions>true</TrustServicesSanctions>"
        "</SanctionsImposedIndicators></Designation>",
    )
    assert version == "2026-01-28"
    assert d.sanctions == ["Asset freeze", "Trust services sanctions"]


def test_wrapped_and_flat_non_latin_names_and_values_as_published(tmp_path):
    _, [d] = _read(
        tmp_path,
        "<Designation><UniqueID> RUS0001 </UniqueID><NonLatinNames>"
        "<NonLatinName><NameNonLatinScript>ИВАН</NameNonLatinScript></NonLatinName>"
        "</NonLatinNames><NonLatinNames><NameNonLatinScript>ПЕТР</NameNonLatinScript>"
        "<NonLatinScriptLanguage>Russian</NonLatinScriptLanguage></NonLatinNames>"
        "<IndividualDetails><Individual><DOBs><DOB>00/00/1970</DOB></DOBs>"
        "</Individual></IndividualDetails></Designation>",
    )
    assert d.unique_id == "RUS0001"
    assert [(n.name, n.language) for n in d.non_latin] == [("ИВАН", None), ("ПЕТР", "Russian")]
    assert d.dobs == ["00/00/1970"]  # interpretation is uk_sl's job

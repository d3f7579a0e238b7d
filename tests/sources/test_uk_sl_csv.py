"""The UK Sanctions List CSV reader: header variants, report dates, repeated rows."""

from __future__ import annotations

from service.sources.uk_sl_csv import read_designations


def _read(tmp_path, *lines: str):
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return read_designations(path)


def test_older_header_names_and_a_dd_mm_yyyy_report_date(tmp_path):
    version, [d] = _read(
        tmp_path,
        "Report Date: 14/04/2025",
        'Unique ID,Name 6,Name 1,Name type,"Individual, Entity, Ship",D.O.B',
        'X0001,DOE,John,Primary Name,Individual,"00/05/1970"',
    )
    assert version == "2025-04-14"
    assert (d.unique_id, d.kind, d.dobs) == ("X0001", "Individual", ["00/05/1970"])


def test_rows_of_one_designation_merge_and_numbered_documents_pair_up(tmp_path):
    header = "Unique ID,Name 6,Name type,Passport number,Passport additional information"
    row = 'X0002,ACME,Primary Name,"(1) P1 (2) P2","(1) Russia (2) issued 2010"'
    _, [d] = _read(tmp_path, "Report Date: 01-Feb-2026", header, row, row)
    assert d.passports == [("P1", "Russia"), ("P2", "issued 2010")]
    assert [n.full for n in d.names] == ["ACME"]  # repeated rows give one name

import pytest

from service.batch.formats import UnsupportedFile, detect_format


def test_zip_is_xlsx() -> None:
    assert detect_format(b"PK\x03\x04rest", "customers.csv") == "xlsx"


def test_object_per_line_is_jsonl() -> None:
    assert detect_format(b'\xef\xbb\xbf {"name": "x"}\n', "data.txt") == "jsonl"


def test_jsonl_name_wins_for_a_broken_first_line() -> None:
    assert detect_format(b"not json\n", "data.jsonl") == "jsonl"


def test_anything_else_is_csv() -> None:
    assert detect_format(b"name,country\n", None) == "csv"


def test_old_excel_is_refused() -> None:
    with pytest.raises(UnsupportedFile):
        detect_format(b"\xd0\xcf\x11\xe0\xa1\xb1", "old.xls")

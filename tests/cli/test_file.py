"""``screening file`` through click, over a lists dir we write."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from batch.listed import SDN_CSV
from click.testing import CliRunner

from service.cli import main

CUSTOMERS = "Client,Land\n" + 300 * (
    "BANCO NACIONAL DE CUBA,\nHarmless Bakery,FR\n,FR\n"
    '=HYPERLINK("http://x"),FR\nORIENT SHIPPING COMPANY LIMITED,\n'
)


@pytest.fixture
def lists_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "lists" / "ofac_sdn"
    folder.mkdir(parents=True)
    (folder / "sdn.csv").write_text(SDN_CSV)
    return tmp_path / "lists"


def run(tmp_path: Path, lists_dir: Path, *args: str):
    src = tmp_path / "customers.csv"
    src.write_bytes(
        ("Client;Land\n" + CUSTOMERS.replace(",", ";").split("\n", 1)[1]).encode("cp1252")
    )
    env = {"SCREENING_DATA_DIR": str(tmp_path / "data")}
    result = CliRunner().invoke(
        main, ["file", str(src), "--lists-dir", str(lists_dir), "--mapping",
               '{"name": "Client"}', *args], env=env,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("workers", ["1", "2"])
def test_screens_every_row_in_order(tmp_path: Path, lists_dir: Path, workers: str) -> None:
    out = tmp_path / "out.csv"
    result = run(tmp_path, lists_dir, "-o", str(out), "--workers", workers)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 1500
    assert [int(r["screening_line"]) for r in rows] == list(range(2, 1502))
    assert rows[0]["screening_decision"] in ("review", "block")
    assert (
        rows[2]["screening_decision"] == "error" and rows[2]["screening_error"] == "name is empty"
    )
    assert rows[3]["Client"] == '\'=HYPERLINK("http://x")'
    assert "screened 1,500 rows" in result.output and "300 errors" in result.output
    assert "ofac_sdn sha256:" in result.output


def test_only_hits_as_jsonl(tmp_path: Path, lists_dir: Path) -> None:
    out = tmp_path / "hits.jsonl"
    run(tmp_path, lists_dir, "-o", str(out), "--only-hits", "--workers", "2")
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert lines and all(x["screening_decision"] in ("review", "block") for x in lines)
    assert {x["Client"] for x in lines} >= {"BANCO NACIONAL DE CUBA"}


def test_xlsx_output_from_the_suffix(tmp_path: Path, lists_dir: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "out.xlsx"
    run(tmp_path, lists_dir, "-o", str(out), "--workers", "1")
    assert sum(1 for _ in load_workbook(out, read_only=True).active.iter_rows()) == 1501


def test_no_name_column_is_a_usage_error(tmp_path: Path, lists_dir: Path) -> None:
    src = tmp_path / "x.csv"
    src.write_text("foo,bar\n1,2\n")
    result = CliRunner().invoke(main, ["file", str(src), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 2 and "no name column" in result.output


def test_no_list_loaded_fails_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "x.csv"
    src.write_text("name\nAcme\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "o.csv"
    result = CliRunner().invoke(main, ["file", str(src), "-o", str(out), "--lists-dir", str(empty)])
    assert result.exit_code == 1 and "no list loaded" in result.output
    assert not out.exists()

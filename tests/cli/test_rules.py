"""``screening rules check``: the reference tables due for a check, from the real tables."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from service.cli import main

LISTS = Path(__file__).resolve().parents[2] / "lists"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["rules", "check", *args], catch_exceptions=False)


def test_lists_the_tables_due_with_what_to_watch_and_exits_1() -> None:
    result = run("--today", "2026-12-03")
    assert result.exit_code == 1, result.output
    assert result.output.startswith("2 of 13 reference tables due for a check on 2026-12-03.")
    assert "jurisdictions" in result.output and "a review was due on 2026-10-31" in result.output
    assert "price_cap" in result.output and "watch: The Commission" in result.output
    assert "chpl" not in result.output


def test_a_configured_age_applies_to_tables_without_their_own(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    shutil.copytree(LISTS, lists)
    for path in (lists / "reference").glob("*.yaml"):
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        table.pop("review_days", None)
        table.pop("stale_after", None)
        table["checked"] = "2026-11-01"
        path.write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")
    fresh = run("--today", "2026-12-03", "--max-age-days", "60", "--reference-dir", str(lists))
    assert fresh.exit_code == 0, fresh.output
    assert fresh.output.startswith("0 of 13")
    stale = run("--today", "2026-12-03", "--max-age-days", "30", "--reference-dir", str(lists))
    assert stale.exit_code == 1 and stale.output.startswith("13 of 13")
    assert "checked 32 days ago (2026-11-01), limit 30 days" in stale.output


def test_json_lists_every_table() -> None:
    result = run("--today", "2026-12-03", "--json")
    body = json.loads(result.output)
    names = {t["table"] for t in body["tables"]}
    assert {"chpl", "diversion", "price_cap", "luxury", "relabelling", "control_areas"} <= names
    due = {t["table"] for t in body["tables"] if t["due"]}
    assert due == {"jurisdictions", "price_cap"}
    assert all(t["checked"] and t["watch"] for t in body["tables"])

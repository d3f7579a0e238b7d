"""``screening monitor --once`` on the bundled sample list: the first run with an empty
book is the baseline, the next one finds nothing changed; both are on record."""

from __future__ import annotations

import json


def test_monitor_once_records_each_run(run) -> None:
    first = run("monitor", "--once")
    assert first.exit_code == 0, first.output
    assert "(baseline): 0 customers re-screened, 0 new alerts" in first.output
    second = run("monitor", "--once", "--json")
    assert second.exit_code == 0, second.output
    summary = json.loads(second.stdout)
    assert summary["mode"] == "unchanged"
    assert summary["versions_before"] == summary["versions_after"] != {}


def test_monitor_refuses_a_lists_folder_with_no_list(run, tmp_path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    failed = run("monitor", "--once", "--lists-dir", str(empty))
    assert failed.exit_code == 1 and "no list loaded, nothing re-screened" in failed.output

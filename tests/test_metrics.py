"""service.metrics: the state gauges read at scrape time and the exposition of one process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from service import metrics


def test_state_gauges_describe_now() -> None:
    lists = [("un", "2026-01-05", 36.0), ("ofac_sdn", "sha256:ab", None)]
    state = metrics.StateCollector(lambda: lists, lambda: 7)
    metrics.RELOADS.labels("failed").inc()
    body, content_type = metrics.exposition(state)
    text = body.decode()
    assert content_type.startswith("text/plain")
    assert 'screening_list_info{list="un",version="2026-01-05"} 1.0' in text
    assert 'screening_list_age_hours{list="un"} 36.0' in text
    assert 'screening_list_age_hours{list="ofac_sdn"}' not in text  # age unknown: no sample
    assert "screening_batch_queue_depth 7.0" in text
    assert 'screening_list_reloads_total{outcome="failed"}' in text


def test_without_a_queue_there_is_no_depth() -> None:
    body, _ = metrics.exposition(metrics.StateCollector(list, lambda: None))
    assert b"screening_batch_queue_depth" not in body


def test_multiprocess_mode_sums_the_processes(tmp_path: Path) -> None:
    """Two processes count into PROMETHEUS_MULTIPROC_DIR; a third reads the sum."""
    count = "from service import metrics; metrics.BATCH_ROWS.labels('clear').inc(5)"
    read = (
        "from service import metrics; "
        "print(metrics.exposition(metrics.StateCollector(list, lambda: None))[0].decode())"
    )
    env = {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    root = Path(__file__).resolve().parents[1]
    for _ in range(2):
        subprocess.run([sys.executable, "-c", count], env=env, cwd=root, check=True)
    text = subprocess.run(
        [sys.executable, "-c", read], env=env, cwd=root, check=True, capture_output=True, text=True
    ).stdout
    assert 'screening_batch_rows_total{outcome="clear"} 10.0' in text

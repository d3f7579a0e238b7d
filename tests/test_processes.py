"""Forked workers share the parent's heap, frozen first; a supervisor replaces the dead."""

from __future__ import annotations

import gc
import os
import signal
from pathlib import Path

from service.processes import fork_pool, freeze_heap, supervise

_INHERITED: dict = {}


def _adopt(load) -> None:
    _INHERITED["load"] = load


def _read_inherited(_: int) -> str:
    return _INHERITED["load"]()


def test_freeze_moves_the_heap_out_of_the_collector() -> None:
    gc.unfreeze()
    freeze_heap()
    assert gc.get_freeze_count() > 0
    gc.unfreeze()


def test_pool_children_see_what_the_parent_loaded_without_pickling() -> None:
    with fork_pool(2, _adopt, (lambda: "loaded",)) as pool:  # a lambda cannot be pickled
        assert pool.map(_read_inherited, range(4)) == ["loaded"] * 4
    gc.unfreeze()


def test_supervise_runs_each_worker_once_in_burst(tmp_path: Path) -> None:
    def work(i: int) -> None:
        (tmp_path / f"{i}-{os.getpid()}").write_text("ran")

    assert supervise(3, work, respawn=False) is True
    ran = sorted(p.name.split("-")[0] for p in tmp_path.iterdir())
    assert ran == ["1", "2", "3"]
    gc.unfreeze()


def test_supervise_restores_the_signal_handlers(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGTERM)
    supervise(1, lambda i: None, respawn=False)
    assert signal.getsignal(signal.SIGTERM) is before
    gc.unfreeze()


def test_supervise_reports_a_crashed_worker(tmp_path: Path) -> None:
    def work(i: int) -> None:
        if i == 2:
            raise RuntimeError("boom")

    assert supervise(2, work, respawn=False) is False
    gc.unfreeze()

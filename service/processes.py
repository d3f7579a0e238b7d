"""Forked worker processes that share the loaded lists: the one place that forks them.

The index is millions of small objects. A child forked from the process that loaded it
shares those pages copy-on-write, until something writes to them: the cyclic garbage
collector does, every time a full collection walks the heap and touches the objects'
headers. :func:`freeze_heap` moves everything allocated so far out of the collector's
reach, so the pages stay shared and no request or chunk pays for a walk of the whole
index. Every path that forks after loading the lists goes through here: the gunicorn
master before it forks its workers (``service.api``), the ``screening file`` pool
(:func:`fork_pool`) and ``screening worker --processes N`` (:func:`supervise`).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import Any

log = logging.getLogger(__name__)


def freeze_heap() -> None:
    """Collect once, then keep everything allocated so far out of later collections."""
    gc.collect()
    gc.freeze()


def fork_pool(
    processes: int, initializer: Callable[..., Any] | None = None, initargs: tuple = ()
) -> Pool:
    """A ``multiprocessing`` pool of forked children sharing this process's heap.

    ``initargs`` are inherited through the fork, never pickled, so they may be the
    loaded screener itself.
    """
    freeze_heap()
    return multiprocessing.get_context("fork").Pool(processes, initializer, initargs)


def supervise(processes: int, work: Callable[[int], object], *, respawn: bool) -> bool:
    """Fork ``processes`` children running ``work(i)``; True when all exited with 0.

    SIGTERM and SIGINT are forwarded to the children; with ``respawn`` a child that
    exits while we are not stopping is replaced (same ``i``).
    """
    freeze_heap()
    children: dict[int, int] = {}
    stopping = False

    def spawn(i: int) -> None:
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            code = 0
            try:
                work(i)
            except BaseException:
                log.exception("worker %s crashed", i)
                code = 1
            os._exit(code)
        children[pid] = i

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        for i in range(1, processes + 1):
            spawn(i)
        return _reap(children, spawn, lambda: stopping or not respawn)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _reap(children: dict[int, int], spawn: Callable[[int], None], done: Callable[[], bool]):
    ok = True
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        i = children.pop(pid, None)
        if i is None:
            continue
        code = os.waitstatus_to_exitcode(status)
        ok = ok and code == 0
        if not done():
            log.warning("worker %s exited with %s; starting a new one", i, code)
            spawn(i)
    return ok

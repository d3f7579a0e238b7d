"""The embedded mode: chunks run in a background thread of the API process.

Without Redis there is no queue. Instead every runner looks, every ``check_every``
seconds, for batches in the shared SQLite file that made no progress for
``stalled_after`` seconds (their process died, or gunicorn replaced it after a list
reload) and takes over their remaining chunks; completion is idempotent, so a chunk
done twice counts once. One thread per process is enough: matching is CPU-bound and
holds the GIL; gunicorn's other processes keep answering requests.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from service.jobs.chunk import run_chunk
from service.jobs.store import BatchStore

log = logging.getLogger(__name__)


class LocalRunner:
    def __init__(
        self,
        store: BatchStore,
        screener,
        threads: int = 1,
        stalled_after: float = 120.0,
        check_every: float | None = 30.0,
        on_done=None,
    ) -> None:
        """``screener`` is a Screener, or a callable returning the one to use now (the
        API passes its current state's, so a list reload in this process is picked up
        by the next chunk and shows in the batch's list versions)."""
        self.store = store
        self.screener = screener
        self.on_done = on_done
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="batch")
        self._pending: dict[str, int] = {}
        self._lock = threading.Lock()
        self.stalled_after = stalled_after
        self._stop = threading.Event()
        if check_every:
            watcher = threading.Thread(
                target=self._watch, args=(check_every,), daemon=True, name="batch-recovery"
            )
            watcher.start()

    def _watch(self, every: float) -> None:
        while not self._stop.wait(every):
            try:
                self.recover()
            except Exception:
                log.exception("looking for stalled batches failed")

    def recover(self) -> int:
        """Take over the chunks of stalled batches; returns how many were resubmitted."""
        claim = getattr(self.store, "claim_stalled", None)
        if claim is None:
            return 0
        count = 0
        for batch_id, chunks in claim(self.stalled_after):
            if batch_id in self._pending:
                continue  # ours and merely waiting behind another batch
            log.warning("batch %s stalled; resuming %s chunk(s) here", batch_id, len(chunks))
            for n in chunks:
                self.submit(batch_id, n)
                count += 1
        return count

    def submit(self, batch_id: str, n: int):
        with self._lock:
            self._pending[batch_id] = self._pending.get(batch_id, 0) + 1
        return self._pool.submit(self._run, batch_id, n)

    def _run(self, batch_id: str, n: int) -> str:
        try:
            screener = self.screener() if callable(self.screener) else self.screener
            return run_chunk(self.store, screener, batch_id, n, self.on_done)
        except Exception as exc:  # fail the batch, never leave it looking healthy
            log.exception("batch %s chunk %s failed", batch_id, n)
            self.store.set_state(batch_id, "failed", f"chunk {n} failed: {exc}")
            return "failed"
        finally:
            with self._lock:
                self._pending[batch_id] -= 1
                if not self._pending[batch_id]:
                    del self._pending[batch_id]

    def idle(self) -> bool:
        with self._lock:
            return not self._pending

    def shutdown(self) -> None:
        self._stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)

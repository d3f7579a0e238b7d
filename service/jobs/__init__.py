"""Batch execution: where batch data lives, how chunks run, the chunk job, the workers.

* :mod:`~service.jobs.backend` builds the backend from settings (``open_backend``), the
  one wiring the API and the workers use: a :class:`~service.jobs.store.BatchStore` and a
  :class:`~service.jobs.runners.ChunkRunner`.
* Redis (``settings.redis_url`` set): the store is :mod:`~service.jobs.redis_store`;
  chunks are RQ jobs (:class:`~service.jobs.runners.QueueRunner`) that ``screening
  worker`` processes on any machine work off (:mod:`service.jobs.worker`).
* SQLite under ``settings.batches_path`` (embedded default): the API process runs
  chunks in a background thread (:mod:`service.jobs.local`).
* :mod:`~service.jobs.pool` screens a local file's chunks on forked processes, in
  order, for ``screening file``.

No Flask here: the HTTP layer calls :mod:`service.jobs.submit` and the store.
"""

"""Batch execution: where batch data lives, the chunk job, and the workers.

Two backends behind one :class:`~service.jobs.store.BatchStore` interface:

* Redis (``settings.redis_url`` set): chunks are RQ jobs; ``screening worker``
  processes on any machine work them off (:mod:`service.jobs.worker`).
* SQLite under ``settings.batches_path`` (embedded default): the API process
  runs chunks in a background thread pool (:mod:`service.jobs.local`).

No Flask here: the HTTP layer calls :mod:`service.jobs.submit` and the store.
"""

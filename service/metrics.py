"""Prometheus metrics every process records: requests, decisions, lists, reloads, batches.

The metric objects live here, free of Flask, so the list reloader (gunicorn master) and
batch workers record too. Under gunicorn each worker is its own process: with
``PROMETHEUS_MULTIPROC_DIR`` set (``screening serve`` sets it before anything imports
prometheus-client) every process writes its samples to files there and ``/metrics``
adds them up (``prometheus_client.multiprocess``). Gauges that describe the state of one
process (list versions and ages, queue depth) are read when scraped instead.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter(
    "screening_http_requests_total", "HTTP requests answered", ["endpoint", "method", "status"]
)
LATENCY = Histogram(
    "screening_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["endpoint", "method", "status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DECISIONS = Counter(
    "screening_decisions_total", "Screening decisions by source", ["source", "decision"]
)
MATCHES = Counter("screening_matches_total", "Matches returned, per list", ["list"])
RELOADS = Counter("screening_list_reloads_total", "List reload attempts", ["outcome"])
BATCH_ROWS = Counter("screening_batch_rows_total", "Batch rows screened", ["outcome"])
WEBHOOK_ATTEMPTS = Counter(
    "screening_webhook_attempts_total", "Webhook delivery attempts, per outcome", ["outcome"]
)


class StateCollector:
    """Gauges read at scrape time from callables (list versions and ages, queue depth),
    so they always describe now, in the process that answers the scrape."""

    def __init__(self, lists, queue_depth) -> None:
        self._lists = lists
        self._queue_depth = queue_depth

    def collect(self):
        ages = GaugeMetricFamily(
            "screening_list_age_hours", "Hours since the list's data date", labels=["list"]
        )
        versions = GaugeMetricFamily(
            "screening_list_info", "Loaded list version (value 1)", labels=["list", "version"]
        )
        for list_id, version, age in self._lists():
            versions.add_metric([list_id, version], 1)
            if age is not None:
                ages.add_metric([list_id], age)
        yield versions
        yield ages
        depth = self._queue_depth()
        if depth is not None:
            yield GaugeMetricFamily(
                "screening_batch_queue_depth", "Batch chunks waiting in the queue", value=depth
            )


def exposition(state: StateCollector) -> tuple[bytes, str]:
    """The text format of every sample: this process's (or all processes', in
    multiprocess mode) counters plus the state gauges."""
    registry = CollectorRegistry()
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY

        registry = REGISTRY
        body = generate_latest(registry)
        extra = CollectorRegistry()
        extra.register(state)
        return body + generate_latest(extra), CONTENT_TYPE_LATEST
    registry.register(state)
    return generate_latest(registry), CONTENT_TYPE_LATEST


def mark_process_dead(pid: int) -> None:
    """gunicorn ``child_exit``: drop a dead worker's live gauges (multiprocess mode)."""
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)

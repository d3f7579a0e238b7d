"""``GET /metrics`` and the per-request measurements behind it (``service.metrics``).

Every request is counted and timed by its route (``/v1/batches/<batch_id>``, not the
id) and status; a screening answer also counts its decision and the lists its matches
came from. ``/metrics`` is open unless ``SCREENING_METRICS_KEY`` is set, then it wants
``Authorization: Bearer <key>``. It is not an API operation, so not in the OpenAPI.
"""

from __future__ import annotations

import hmac
import time
from datetime import UTC, datetime

from flask import Flask, Response, g, request
from flask_smorest import abort

from service import metrics
from service.api.state import get_state
from service.jobs.backend import backend_down_errors, open_queue, uses_redis

SOURCES = {"/v1/screen": "screen", "/v1/screen/transaction": "transaction"}
"""Screening endpoints whose answers are counted by decision (path -> source label)."""


def start_timer() -> None:
    g.started = time.perf_counter()


def record(response: Response) -> Response:
    """``after_request``: count and time the request; count a screening's decision."""
    rule = request.url_rule.rule if request.url_rule is not None else "unmatched"
    labels = (rule, request.method, str(response.status_code))
    metrics.REQUESTS.labels(*labels).inc()
    started = g.get("started")
    if started is not None:
        metrics.LATENCY.labels(*labels).observe(time.perf_counter() - started)
    source = SOURCES.get(request.path)
    if source and response.status_code == 200 and response.is_json:
        body = response.get_json(silent=True) or {}
        metrics.DECISIONS.labels(source, str(body.get("decision"))).inc()
        for match in body.get("matches") or ():
            metrics.MATCHES.labels(str(match.get("list"))).inc()
    return response


def metrics_view() -> Response:
    key = get_state().settings.metrics_key
    if key:
        sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(sent.encode(), key.encode()):
            abort(401, message="Send SCREENING_METRICS_KEY as 'Authorization: Bearer <key>'.")
    body, content_type = metrics.exposition(metrics.StateCollector(_list_gauges, _queue_depth))
    return Response(body, content_type=content_type, headers={"Cache-Control": "no-store"})


def _list_gauges():
    catalog = get_state().catalog
    if catalog is None:
        return []
    ages = catalog.ages_hours(datetime.now(UTC))
    return [(lid, s.version, ages.get(lid)) for lid, s in catalog.snapshots.items()]


def _queue_depth() -> int | None:
    settings = get_state().settings
    if not uses_redis(settings):
        return None
    try:
        return len(open_queue(settings))
    except backend_down_errors():
        return None


def register(app: Flask) -> None:
    app.before_request(start_timer)
    app.after_request(record)
    app.add_url_rule("/metrics", "metrics", metrics_view, methods=["GET"])

"""``/v1/batches``: upload a customer file, follow its progress, download the results.

The HTTP layer only: reading, splitting and screening live in ``service.batch``
and ``service.jobs``. With ``SCREENING_REDIS_URL`` chunks go to RQ for
``screening worker`` processes; without it they run in a background thread here.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator

from flask import Response, current_app, request, stream_with_context, url_for
from flask_smorest import abort

from service.api.auth import current_principal, get_auth
from service.api.blueprint import Blueprint
from service.api.schemas.batches import (
    BatchStatusSchema,
    BatchUploadSchema,
    ResultsQuerySchema,
)
from service.api.state import get_state
from service.batch.writers import CONTENT_TYPES, stream_results
from service.jobs.backend import BatchBackend, open_backend
from service.jobs.chunk import batch_outcome
from service.jobs.store import (
    BatchStatus,
    expected_result_rows,
    iter_result_rows,
)
from service.jobs.submit import Upload, submit_batch
from service.records import RecordsUnavailable
from service.records.batches import batch_owner, record_batch, record_batch_outcome
from service.screening import ScreeningUnavailable

RESULT_ROWS_HEADER = "Screening-Result-Rows"
"""How many rows the results file holds: a client can tell a download cut short."""

blp = Blueprint(
    "batches", __name__, url_prefix="/v1/batches", description="Screen whole customer files"
)

_KEY = "sanctions-screening.batches"
MULTIPART_OVERHEAD = 64 * 1024
"""Room for multipart boundaries and the small form fields beside the file."""


def batch_backend() -> BatchBackend:
    """This process's batch backend, built on first use (after gunicorn forked), kept on
    the app; chunks run here take the app's current screener."""
    backend = current_app.extensions.get(_KEY)
    if backend is None:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        backend = open_backend(get_state().settings, lambda: get_state(app).screener)
        current_app.extensions[_KEY] = backend
    return backend


# --- views ----------------------------------------------------------------------------


@blp.before_request
def allow_large_uploads() -> None:
    """Before the form is parsed: the upload limit replaces MAX_BODY_BYTES here, and a
    body that is too large or not multipart is refused without reading it."""
    if request.method != "POST":
        return
    limit = get_state().settings.batch_max_upload_bytes
    request.max_content_length = limit + MULTIPART_OVERHEAD
    if request.content_length and request.content_length > limit + MULTIPART_OVERHEAD:
        abort(413, message=_too_large("upload", limit))
    if request.mimetype != "multipart/form-data":
        abort(415, message="Upload the file as multipart/form-data with a 'file' part.")


@blp.route("", methods=["POST"])
@blp.arguments(BatchUploadSchema(), location="multipart")
@blp.response(202, BatchStatusSchema)
@blp.problem(400, "Unreadable file, bad mapping or option, too many rows (naming the field)")
@blp.problem(413, "File larger than SCREENING_BATCH_MAX_UPLOAD_BYTES")
@blp.problem(415, "Not multipart/form-data")
@blp.problem(503, "Embedded mode with no list loaded: nothing is screened")
def create_batch(form: dict):
    """Upload a file to screen every row; answers 202 with the batch and its ``Location``."""
    return start_batch(form)


def start_batch(form: dict):  # noqa: ANN201 - a Flask view's return
    """Store the upload as a batch owned by the caller and dispatch its chunks (also
    ``POST /v1/customers/import``, whose options say the rows go into the book)."""
    state = get_state()
    settings = state.settings
    upload_file = form.pop("file")
    stream = upload_file.stream
    stream.seek(0, 2)
    if stream.tell() > settings.batch_max_upload_bytes:
        abort(413, message=_too_large("file", settings.batch_max_upload_bytes))
    stream.seek(0)
    upload = Upload(stream=stream, filename=upload_file.filename, **form)
    backend = batch_backend()
    if backend.screens_here and not state.screener.available:
        raise ScreeningUnavailable("No sanctions list is loaded; batches cannot be screened.")
    owned: set[str] = set()

    def submit(batch_id: str, n: int):  # noqa: ANN202 - the runner's own result
        # The owner goes on record before the first chunk can run: the chunk job opens
        # the rows' alerts in the owner's tenant and applies its suppressions.
        if batch_id not in owned:
            _record_owner(backend, batch_id, upload.filename)
            owned.add(batch_id)
        return backend.runner.submit(batch_id, n)

    batch_id = submit_batch(
        backend.store,
        upload,
        submit,
        chunk_rows=settings.batch_chunk_rows,
        max_rows=settings.batch_max_rows,
        list_versions=_versions(state.catalog),
    )
    if batch_id not in owned:
        _record_owner(backend, batch_id, upload.filename)
    status = backend.store.status(batch_id)
    location = url_for("batches.batch", batch_id=batch_id)
    return _status_body(status), 202, {"Location": location}


@blp.route("/<batch_id>", methods=["GET"], endpoint="batch")
@blp.response(200, BatchStatusSchema)
@blp.problem(404, "No such batch (or it expired)")
def get_batch(batch_id: str):
    """State, progress, hits so far, speed and ETA, and the list versions used."""
    return _status_body(_status_or_404(batch_id))


@blp.route("/<batch_id>/results", methods=["GET"])
@blp.arguments(ResultsQuerySchema, location="query")
@blp.response(200, description="One row per input row (CSV, XLSX or JSON Lines), streamed")
@blp.problem(400, "Unknown format or only (naming the field)")
@blp.problem(404, "No such batch (or it expired)")
@blp.problem(409, "The batch is not done")
@blp.problem(410, "The batch's stored rows or results are gone (expired or lost)")
def get_results(args: dict, batch_id: str):
    """The input columns of every row plus decision, best match, score, list, source id,
    a one-line explanation and the row's error. ``only=hits`` keeps review and block."""
    status = _status_or_404(batch_id)
    if status.state != "done":
        message = (
            f"Batch {batch_id} is {status.state}: {status.rows_done} of {status.rows_total} "
            "rows screened; results are available once it is done."
        )
        abort(409, message=message)
    fmt = args["format"]
    only_hits = args["only"] == "hits"
    rows = iter_result_rows(batch_backend().store, status, only_hits)
    stem = status.info.filename.rsplit(".", 1)[0] or "batch"
    headers = {
        "Content-Disposition": f'attachment; filename="{_safe(stem)}-results.{fmt}"',
        RESULT_ROWS_HEADER: str(expected_result_rows(status, only_hits)),
    }
    body = stream_with_context(_first_block_now(stream_results(fmt, status.info.columns, rows)))
    return Response(body, headers=headers, content_type=CONTENT_TYPES[fmt])


@blp.route("/<batch_id>", methods=["DELETE"])
@blp.response(204)
@blp.problem(404, "No such batch (or it expired)")
def delete_batch(batch_id: str):
    """Cancel the batch if it is still running and delete its data and results."""
    store = batch_backend().store
    _status_or_404(batch_id)
    store.set_state(batch_id, "cancelled", "cancelled by DELETE")
    store.delete(batch_id)
    return ""


# --- helpers --------------------------------------------------------------------------


def _first_block_now(blocks: Iterator[bytes]) -> Iterator[bytes]:
    """Make the first block of the file before answering, so results already gone answer
    410 (a problem document, :class:`ResultsIncomplete`) before any header is sent. A
    chunk lost later cuts the stream: the client sees a chunked body without its end, and
    fewer rows than ``Screening-Result-Rows``; it never gets a file that ends short."""
    first = next(blocks, b"")
    return itertools.chain((first,), blocks)


def _status_or_404(batch_id: str) -> BatchStatus:
    """The batch's status; 404 for an unknown batch and for another tenant's alike."""
    status = batch_backend().store.status(batch_id)
    if status is None or not _visible(batch_id):
        abort(404, message=f"No batch {batch_id} (unknown, deleted or expired).")
    if status.state == "done":
        record_batch_outcome(get_auth().db, batch_id, batch_outcome(status))
    return status


def _record_owner(backend: BatchBackend, batch_id: str, filename: str) -> None:
    """Put the batch's tenant and submitter on record; without the record, no batch."""
    principal = current_principal()
    try:
        record_batch(get_auth().db, batch_id, principal.tenant, principal.ref, filename)
    except RecordsUnavailable:
        backend.store.set_state(batch_id, "cancelled", "the batch could not be recorded")
        backend.store.delete(batch_id)
        raise


def _visible(batch_id: str) -> bool:
    owner = batch_owner(get_auth().db, batch_id)
    if owner is None:  # submitted before records existed: only when auth is off
        return not get_auth().enabled
    return owner.tenant == current_principal().tenant


def _status_body(status: BatchStatus) -> dict:
    now = time.time()
    rate = status.rate(now)
    eta = status.eta_seconds(now)
    seen = status.list_versions
    return {
        "id": status.info.id,
        "state": status.state,
        "filename": status.info.filename,
        "format": status.info.format,
        "rows_total": status.rows_total,
        "rows_done": status.rows_done,
        "hits": status.hits,
        "errors": status.errors,
        "decisions": status.decisions,
        "rows_per_second": None if rate is None else round(rate, 1),
        "eta_seconds": None if eta is None else round(eta, 1),
        "list_versions": seen[0] if seen else status.info.submitted_versions,
        "list_versions_mixed": len(seen) > 1,
        "list_versions_seen": seen,
        "columns": status.info.columns,
        "mapping": status.info.mapping,
        "options": status.info.options,
        "created_at": status.info.created_at,
        "started_at": status.started_at,
        "finished_at": status.finished_at,
        "error": status.error,
        "results": url_for("batches.get_results", batch_id=status.info.id),
    }


def _too_large(what: str, limit: int) -> str:
    return (f"The {what} is larger than the {limit} bytes allowed "
            "(SCREENING_BATCH_MAX_UPLOAD_BYTES).")  # fmt: skip


def _versions(catalog) -> dict[str, str]:
    if catalog is None:
        return {}
    return {k: str(v["version"]) for k, v in catalog.versions().items()}


def _safe(stem: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in stem)[:80]

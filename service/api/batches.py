"""``/v1/batches``: upload a customer file, follow its progress, download the results.

The HTTP layer only: reading, splitting and screening live in ``service.batch``
and ``service.jobs``. With ``SCREENING_REDIS_URL`` chunks go to RQ for
``screening worker`` processes; without it they run in a background thread here.
"""

from __future__ import annotations

import codecs
import json
import time

import marshmallow as ma
from flask import Response, current_app, request, stream_with_context, url_for
from flask_smorest import abort

from service.api.blueprint import Blueprint
from service.api.state import get_state
from service.batch.formats import OUTPUT_FORMATS, UnsupportedFile
from service.batch.mapping import MappingError, parse_override
from service.batch.rows import BatchOptions
from service.batch.table import UnreadableFile
from service.batch.writers import CONTENT_TYPES, stream_results
from service.core.model import ENTITY_TYPES
from service.jobs.backend import BatchBackend, open_backend
from service.jobs.store import BatchStatus, iter_result_rows
from service.jobs.submit import TooManyRows, Upload, submit_batch
from service.screening import ScreeningUnavailable

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


# --- schemas (documentation and query parsing) ---------------------------------------


class BatchStatusSchema(ma.Schema):
    id = ma.fields.String()
    state = ma.fields.String(
        metadata={"enum": ["queued", "running", "done", "failed", "cancelled"]}
    )
    filename = ma.fields.String()
    format = ma.fields.String()
    rows_total = ma.fields.Integer(allow_none=True)
    rows_done = ma.fields.Integer()
    hits = ma.fields.Integer(metadata={"description": "Rows decided review or block so far"})
    errors = ma.fields.Integer(metadata={"description": "Rows that could not be screened"})
    decisions = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer())
    rows_per_second = ma.fields.Float(allow_none=True)
    eta_seconds = ma.fields.Float(allow_none=True)
    list_versions = ma.fields.Dict(
        metadata={"description": "List id -> version the rows were screened against"}
    )
    list_versions_mixed = ma.fields.Boolean(
        metadata={"description": "True when chunks were screened against different versions"}
    )
    list_versions_seen = ma.fields.List(ma.fields.Dict())
    columns = ma.fields.List(ma.fields.String())
    mapping = ma.fields.Dict()
    options = ma.fields.Dict()
    created_at = ma.fields.Float()
    started_at = ma.fields.Float(allow_none=True)
    finished_at = ma.fields.Float(allow_none=True)
    error = ma.fields.String(allow_none=True)
    results = ma.fields.String(metadata={"description": "URL of the results"})


class ResultsQuerySchema(ma.Schema):
    format = ma.fields.String(load_default="csv", validate=ma.validate.OneOf(OUTPUT_FORMATS))
    only = ma.fields.String(load_default=None, validate=ma.validate.OneOf(["hits"]))


_UPLOAD_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "CSV (delimiter and encoding detected), "
                            "XLSX or JSON Lines",
                        },
                        "mapping": {
                            "type": "string",
                            "description": 'JSON: {"name": "Client", "country": null}',
                        },
                        "threshold": {"type": "number", "minimum": 0, "maximum": 1},
                        "lists": {"type": "string", "description": "Comma-separated list ids"},
                        "entity_type": {"type": "string", "enum": list(ENTITY_TYPES)},
                        "encoding": {"type": "string", "description": "Override detection"},
                    },
                }  # fmt: skip
            }
        },
    }
}


# --- views ----------------------------------------------------------------------------


@blp.before_request
def _allow_large_uploads() -> None:
    if request.method == "POST":
        settings = get_state().settings
        request.max_content_length = settings.batch_max_upload_bytes + MULTIPART_OVERHEAD


@blp.route("", methods=["POST"])
@blp.doc(**_UPLOAD_DOC)
@blp.response(202, BatchStatusSchema)
@blp.alt_response(400, description="Unreadable file, bad mapping or option, too many rows")
@blp.alt_response(413, description="File larger than SCREENING_BATCH_MAX_UPLOAD_BYTES")
@blp.alt_response(415, description="Not multipart/form-data")
def create_batch():
    """Upload a file to screen every row; answers 202 with the batch and its ``Location``."""
    settings = get_state().settings
    limit = settings.batch_max_upload_bytes
    if request.content_length and request.content_length > limit + MULTIPART_OVERHEAD:
        abort(413, message=f"The upload is larger than the {limit} bytes allowed "
              "(SCREENING_BATCH_MAX_UPLOAD_BYTES).")  # fmt: skip
    if request.mimetype != "multipart/form-data":
        abort(415, message="Upload the file as multipart/form-data with a 'file' part.")
    upload_file = request.files.get("file")
    if upload_file is None or not upload_file.filename:
        abort(400, message="No file uploaded.", errors={"file": ["A file part is required."]})
    stream = upload_file.stream
    stream.seek(0, 2)
    if stream.tell() > limit:
        abort(413, message=f"The file is larger than the {limit} bytes allowed "
              "(SCREENING_BATCH_MAX_UPLOAD_BYTES).")  # fmt: skip
    stream.seek(0)
    upload = Upload(
        stream=stream,
        filename=upload_file.filename,
        mapping=_mapping_field(),
        options=_options(),
        encoding=_encoding_field(),
    )
    backend = batch_backend()
    state = get_state()
    if backend.screens_here and not state.screener.available:
        raise ScreeningUnavailable("No sanctions list is loaded; batches cannot be screened.")
    try:
        batch_id = submit_batch(
            backend.store,
            upload,
            backend.runner.submit,
            chunk_rows=settings.batch_chunk_rows,
            max_rows=settings.batch_max_rows,
            list_versions=_versions(state.catalog),
        )
    except (UnreadableFile, UnsupportedFile) as exc:
        _bad("file", f"The file cannot be read: {exc}")
    except MappingError as exc:
        _bad(exc.field, str(exc))
    except TooManyRows as exc:
        _bad("file", f"Too many rows: {exc}.")
    status = backend.store.status(batch_id)
    location = url_for("batches.batch", batch_id=batch_id)
    return _status_body(status), 202, {"Location": location}


@blp.route("/<batch_id>", methods=["GET"], endpoint="batch")
@blp.response(200, BatchStatusSchema)
@blp.alt_response(404, description="No such batch (or it expired)")
def get_batch(batch_id: str):
    """State, progress, hits so far, speed and ETA, and the list versions used."""
    return _status_body(_status_or_404(batch_id))


@blp.route("/<batch_id>/results", methods=["GET"])
@blp.arguments(ResultsQuerySchema, location="query")
@blp.response(200, description="One row per input row (CSV, XLSX or JSON Lines), streamed")
@blp.alt_response(404, description="No such batch (or it expired)")
@blp.alt_response(409, description="The batch is not done")
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
    rows = iter_result_rows(batch_backend().store, status, only_hits=args["only"] == "hits")
    stem = status.info.filename.rsplit(".", 1)[0] or "batch"
    headers = {"Content-Disposition": f'attachment; filename="{_safe(stem)}-results.{fmt}"'}
    body = stream_with_context(stream_results(fmt, status.info.columns, rows))
    return Response(body, headers=headers, content_type=CONTENT_TYPES[fmt])


@blp.route("/<batch_id>", methods=["DELETE"])
@blp.response(204)
@blp.alt_response(404, description="No such batch (or it expired)")
def delete_batch(batch_id: str):
    """Cancel the batch if it is still running and delete its data and results."""
    store = batch_backend().store
    _status_or_404(batch_id)
    store.set_state(batch_id, "cancelled", "cancelled by DELETE")
    store.delete(batch_id)
    return ""


# --- helpers --------------------------------------------------------------------------


def _status_or_404(batch_id: str) -> BatchStatus:
    status = batch_backend().store.status(batch_id)
    if status is None:
        abort(404, message=f"No batch {batch_id} (unknown, deleted or expired).")
    return status


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


def _bad(field: str, message: str):
    abort(400, message=message, errors={field: [message]})


def _mapping_field() -> dict:
    try:
        return parse_override(request.form.get("mapping"))
    except MappingError as exc:
        _bad(exc.field, str(exc))


def _encoding_field() -> str | None:
    encoding = request.form.get("encoding") or None
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            _bad("encoding", f"Unknown encoding {encoding!r}.")
    return encoding


def _options() -> BatchOptions:
    form = request.form
    threshold = None
    if form.get("threshold"):
        try:
            threshold = float(form["threshold"])
        except ValueError:
            _bad("threshold", "threshold must be a number between 0 and 1.")
        if not 0 <= threshold <= 1:
            _bad("threshold", "threshold must be a number between 0 and 1.")
    entity_type = form.get("entity_type") or None
    if entity_type is not None and entity_type not in ENTITY_TYPES:
        _bad("entity_type", f"entity_type must be one of {list(ENTITY_TYPES)}.")
    return BatchOptions(threshold, _lists_field(form.get("lists")), entity_type)


def _lists_field(raw: str | None) -> tuple[str, ...] | None:
    if not raw:
        return None
    try:
        ids = json.loads(raw) if raw.lstrip().startswith("[") else raw.split(",")
    except ValueError:
        _bad("lists", "lists must be comma-separated list ids or a JSON array.")
    ids = tuple(str(i).strip() for i in ids if str(i).strip())
    screener = get_state().screener
    loaded = set(screener.list_ids())
    unknown = sorted(set(ids) - loaded) if loaded else []
    if unknown:
        _bad("lists", f"Unknown list id(s) {unknown}; loaded lists are {sorted(loaded)}.")
    return ids or None


def _versions(catalog) -> dict[str, str]:
    if catalog is None:
        return {}
    return {k: str(v["version"]) for k, v in catalog.versions().items()}


def _safe(stem: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in stem)[:80]

"""Schemas of ``/v1/batches``: the upload form, the batch status, the results query.

The upload is ``multipart/form-data``: :class:`BatchUploadSchema` reads the file part
and the text fields beside it (webargs location ``multipart``, see
``service.api.blueprint``), each field checked and named in the problem document when
wrong. It loads into the file and :class:`service.jobs.submit.Upload`'s mapping,
options and encoding.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

import marshmallow as ma
from werkzeug.datastructures import FileStorage

from service.api.state import get_state
from service.batch.formats import OUTPUT_FORMATS
from service.batch.mapping import MappingError, parse_override
from service.batch.rows import BatchOptions
from service.core.model import ENTITY_TYPES

THRESHOLD_ERROR = "threshold must be a number between 0 and 1."
LISTS_ERROR = "lists must be comma-separated list ids or a JSON array."
FILE_REQUIRED = "A file part is required."


def _uploaded(value: Any) -> None:
    if not isinstance(value, FileStorage) or not value.filename:
        raise ma.ValidationError(FILE_REQUIRED)


class BatchUploadSchema(ma.Schema):
    """The multipart form: the ``file`` part and the text fields beside it; an empty
    text field means "not given"."""

    class Meta:
        unknown = ma.EXCLUDE  # a browser form may send more; they mean nothing to us

    file = ma.fields.Raw(
        required=True,
        validate=_uploaded,
        error_messages={"required": FILE_REQUIRED, "null": FILE_REQUIRED},
        metadata={"type": "string", "format": "binary",
                  "description": "CSV (delimiter and encoding detected), XLSX or JSON Lines"},
    )  # fmt: skip
    mapping = ma.fields.String(
        load_default=None, metadata={"description": 'JSON: {"name": "Client", "country": null}'}
    )
    threshold = ma.fields.Float(
        load_default=None,
        allow_nan=False,
        validate=ma.validate.Range(0, 1, error=THRESHOLD_ERROR),
        error_messages={"invalid": THRESHOLD_ERROR, "special": THRESHOLD_ERROR},
        metadata={"description": "Lowest score reported, 0-1"},
    )
    lists = ma.fields.String(
        load_default=None, metadata={"description": "Comma-separated list ids (or a JSON array)"}
    )
    entity_type = ma.fields.String(
        load_default=None,
        validate=ma.validate.OneOf(
            ENTITY_TYPES, error=f"entity_type must be one of {list(ENTITY_TYPES)}."
        ),
    )
    encoding = ma.fields.String(
        load_default=None, metadata={"description": "CSV encoding (default: detected)"}
    )

    @staticmethod
    def problem_detail(errors: dict[str, list[str]]) -> str | None:
        """One bad field: its message is the detail (several: the generic sentence)."""
        if len(errors) != 1:
            return None
        ((field, messages),) = errors.items()
        return "No file uploaded." if field == "file" else messages[0]

    @ma.pre_load
    def _blank_is_absent(self, data: Any, **_: Any) -> dict:
        return {k: v for k, v in data.items() if v != ""}

    @ma.validates("encoding")
    def _known_encoding(self, value: str | None, **_: Any) -> None:
        if value is None:
            return
        try:
            info = codecs.lookup(value)
        except (LookupError, ValueError) as exc:  # ValueError: a NUL in the name
            raise ma.ValidationError(f"Unknown encoding {value!r}.") from exc
        if not getattr(info, "_is_text_encoding", True):  # rot13, zlib_codec, base64...
            raise ma.ValidationError(f"{value!r} is not a text encoding.")

    @ma.post_load
    def _to_upload_fields(self, data: dict, **_: Any) -> dict:
        """``mapping`` as field -> column, ``options`` as :class:`BatchOptions`."""
        try:
            mapping = parse_override(data["mapping"])
        except MappingError as exc:
            raise ma.ValidationError(str(exc), exc.field) from exc
        options = BatchOptions(data["threshold"], _list_ids(data["lists"]), data["entity_type"])
        return {"file": data["file"], "mapping": mapping, "options": options,
                "encoding": data["encoding"]}  # fmt: skip


def _list_ids(raw: str | None) -> tuple[str, ...] | None:
    """Comma-separated or JSON-array list ids, each one loaded in this process."""
    if not raw:
        return None
    try:
        ids = json.loads(raw) if raw.lstrip().startswith("[") else raw.split(",")
    except (ValueError, RecursionError) as exc:
        raise ma.ValidationError(LISTS_ERROR, "lists") from exc
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ma.ValidationError(LISTS_ERROR, "lists")
    ids = tuple(i.strip() for i in ids if i.strip())
    loaded = set(get_state().screener.list_ids())
    unknown = sorted(set(ids) - loaded) if loaded else []
    if unknown:
        message = f"Unknown list id(s) {unknown}; loaded lists are {sorted(loaded)}."
        raise ma.ValidationError(message, "lists")
    return ids or None


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

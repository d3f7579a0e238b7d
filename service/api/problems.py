"""Every HTTP error as an RFC 9457 ``application/problem+json`` document, made here only.

flask-smorest already routes every ``HTTPException`` (and, as a 500, every unhandled
exception) through ``Api.handle_http_exception``; :class:`ProblemApi` overrides that one
hook and the documented error schema, so there is no second error system. Domain
exceptions carry no HTTP status; :data:`DOMAIN_ERRORS` maps them to one here.

A problem document::

    {"type": "/problems/invalid-request", "title": "Invalid request", "status": 400,
     "detail": "Invalid field(s): name.", "instance": "urn:uuid:...",
     "errors": {"name": ["Missing data for required field."]}}

``errors`` (validation problems only) maps each offending field, as a dotted path into the
request body (``identifiers.0.value``), to its messages.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from flask import Response, json, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException, InternalServerError

from service.alerts.store import InvalidAlertCursor
from service.alerts.suppression import SuppressionNotFound
from service.alerts.workflow import (
    AlertNotFound,
    FourEyes,
    IllegalTransition,
    InvalidDecision,
)
from service.api.schemas.problems import ProblemSchema
from service.auth import InvalidKey, InvalidTenant, InvalidUser, UnknownRole
from service.batch.formats import UnsupportedFile
from service.batch.mapping import MappingError
from service.batch.table import UnreadableFile
from service.jobs.backend import backend_down_errors
from service.jobs.store import ResultsIncomplete
from service.jobs.submit import TooManyRows
from service.monitoring.book import CustomerNotFound, InvalidCustomerCursor
from service.payments import MessageError
from service.records import RecordsUnavailable
from service.records.screenings import IdempotencyConflict, InvalidCursor
from service.screening import InvalidScreenRequest, ScreeningUnavailable
from service.webhooks.deliveries import DeliveryNotFound, InvalidDeliveryCursor, NotReplayable
from service.webhooks.events import UnknownEvent
from service.webhooks.registry import TooManyWebhooks, WebhookNotFound
from service.webhooks.urls import RefusedUrl

PROBLEM_MIMETYPE = "application/problem+json"

_log = logging.getLogger(__name__)

_TYPES: dict[int, tuple[str, str]] = {
    400: ("/problems/invalid-request", "Invalid request"),
    401: ("/problems/unauthenticated", "Credentials required"),
    403: ("/problems/forbidden", "Not allowed for this role"),
    409: ("/problems/conflict", "Conflict"),
    413: ("/problems/body-too-large", "Request body too large"),
    415: ("/problems/unsupported-media-type", "Unsupported media type"),
    503: ("/problems/screening-unavailable", "Screening unavailable"),
}
"""Our own problem types; any other status uses ``about:blank`` and the HTTP phrase."""


@dataclass(frozen=True)
class DomainProblem:
    """How a domain exception reads as a problem: its status, the field it names (else
    the exception's own ``field``), and the detail (``{}`` is the exception's text)."""

    status: int
    field: str | None = None
    detail: str = "{}"
    retry_after: int | None = None
    """Seconds for a ``Retry-After`` header (a passing outage, not a bad request)."""


DOMAIN_ERRORS: dict[type[Exception], DomainProblem] = {
    ScreeningUnavailable: DomainProblem(503),
    InvalidScreenRequest: DomainProblem(400),
    UnreadableFile: DomainProblem(400, None, "The file cannot be read: {}"),
    UnsupportedFile: DomainProblem(400, "file", "The file cannot be read: {}"),
    MappingError: DomainProblem(400),
    TooManyRows: DomainProblem(400, "file", "Too many rows: {}."),
    MessageError: DomainProblem(400),
    RecordsUnavailable: DomainProblem(503),
    ResultsIncomplete: DomainProblem(410),
    IdempotencyConflict: DomainProblem(409),
    InvalidCursor: DomainProblem(400),
    UnknownRole: DomainProblem(400),
    InvalidTenant: DomainProblem(400),
    InvalidKey: DomainProblem(400),
    InvalidUser: DomainProblem(400),
    AlertNotFound: DomainProblem(404),
    SuppressionNotFound: DomainProblem(404),
    IllegalTransition: DomainProblem(409),
    InvalidDecision: DomainProblem(400),
    FourEyes: DomainProblem(403),
    InvalidAlertCursor: DomainProblem(400),
    RefusedUrl: DomainProblem(400),
    UnknownEvent: DomainProblem(400),
    TooManyWebhooks: DomainProblem(409),
    WebhookNotFound: DomainProblem(404),
    DeliveryNotFound: DomainProblem(404),
    NotReplayable: DomainProblem(409),
    InvalidDeliveryCursor: DomainProblem(400),
    CustomerNotFound: DomainProblem(404),
    InvalidCustomerCursor: DomainProblem(400),
    **dict.fromkeys(
        backend_down_errors(),
        DomainProblem(503, None, "The batch backend (Redis) is unreachable: {}", retry_after=30),
    ),
}
"""Domain exception -> HTTP status; the only place the two meet."""


class ProblemApi(Api):
    """flask-smorest ``Api`` whose every error is a problem document."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self) -> None:
        super()._register_error_handlers()
        for exc_type, how in DOMAIN_ERRORS.items():
            self._app.register_error_handler(exc_type, _domain_handler(how))

    def _register_responses(self) -> None:
        # Document error responses with the problem media type, not application/json.
        default = self.DEFAULT_RESPONSE_CONTENT_TYPE
        self.DEFAULT_RESPONSE_CONTENT_TYPE = PROBLEM_MIMETYPE
        try:
            super()._register_responses()
        finally:
            self.DEFAULT_RESPONSE_CONTENT_TYPE = default

    def handle_http_exception(self, error: HTTPException) -> Response:
        data = getattr(error, "data", None) or {}
        errors = _field_errors(data.get("errors") or data.get("messages"))
        detail = data.get("message") or _schema_detail(data.get("schema"), errors)
        detail = detail or _detail(error, errors)
        if isinstance(error, InternalServerError):
            _log.error("unhandled error", exc_info=error.original_exception or error)
        response = problem(error.code or 500, detail, errors=errors)
        for name, value in (data.get("headers") or {}).items():
            response.headers[name] = value
        if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response


def problem(status: int, detail: str, *, errors: Mapping[str, list[str]] | None = None) -> Response:
    """Build one problem response; ``errors`` names the offending fields."""
    type_, title = _TYPES.get(status, ("about:blank", _phrase(status)))
    body: dict[str, Any] = {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": f"urn:uuid:{uuid.uuid4()}",
    }
    if errors:
        body["errors"] = dict(errors)
    if status >= 500:
        _log.warning("problem %s %s: %s", status, body["instance"], detail)
    return Response(json.dumps(body), status=status, mimetype=PROBLEM_MIMETYPE)


def _domain_handler(how: DomainProblem):
    def handle(error: Exception) -> Response:
        detail = how.detail.format(error)
        field = how.field or getattr(error, "field", None)
        errors = {field: [detail]} if field else None
        response = problem(how.status, detail, errors=errors)
        if how.retry_after is not None:
            response.headers["Retry-After"] = str(how.retry_after)
        return response

    return handle


def _schema_detail(schema: Any, errors: dict[str, list[str]]) -> str | None:
    """A request schema may say how its errors read as one sentence (``problem_detail``)."""
    hook = getattr(schema, "problem_detail", None)
    return hook(errors) if hook and errors else None


_LOCATIONS = frozenset(
    {"json", "query", "form", "files", "multipart", "headers", "view_args", "path"}
)
"""webargs' first level of messages: where in the request, not which field."""


def _field_errors(messages: Any) -> dict[str, list[str]]:
    """Flatten marshmallow/webargs messages to {"a.0.b": [...]}; drop the location level."""
    if not isinstance(messages, Mapping):
        return {}
    if set(messages) <= {
        "json",
        "query",
        "form",
        "files",
        "multipart",
        "headers",
        "view_args",
        "path",
    }:
        merged: dict[str, Any] = {}
        for part in messages.values():
            if isinstance(part, Mapping):
                merged.update(part)
            else:
                merged["_body"] = part
        messages = merged
    flat: dict[str, list[str]] = {}
    _flatten(messages, "", flat)
    return flat


def _flatten(node: Any, path: str, out: dict[str, list[str]]) -> None:
    if isinstance(node, Mapping):
        for key, value in node.items():
            part = "" if key in ("_schema", "_body") else str(key)
            _flatten(value, ".".join(p for p in (path, part) if p), out)
    elif isinstance(node, list | tuple):
        for value in node:
            if isinstance(value, Mapping | list | tuple):
                _flatten(value, path, out)
            else:
                out.setdefault(path or "body", []).append(str(value))
    else:
        out.setdefault(path or "body", []).append(str(node))


def _detail(error: HTTPException, errors: Mapping[str, list[str]]) -> str:
    if set(errors) == {"body"}:
        return " ".join(errors["body"])
    if errors:
        return f"Invalid field(s): {', '.join(errors)}. See 'errors' for each one."
    if error.code == 413:
        limit = request.max_content_length
        return f"The request body is larger than the {limit} bytes allowed."
    if error.code == 404:
        return f"No resource at {request.path}."
    if error.code == 405:
        return f"Method {request.method} is not allowed on {request.path}."
    return error.description or _phrase(error.code or 500)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"

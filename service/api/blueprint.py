"""The flask-smorest ``Blueprint`` every API module uses, with our request-body rules.

webargs answers a bad body with 422 and silently ignores a non-JSON content type; a
screening client needs 400 for a bad field, 415 for the wrong media type, and never a
500 for hostile input (deep nesting). One parser here makes every blueprint behave so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flask
import flask_smorest
from webargs import core
from webargs.flaskparser import FlaskParser, abort, is_json_request
from werkzeug.datastructures import CombinedMultiDict

from service.api.problems import PROBLEM_MIMETYPE
from service.api.schemas.problems import ProblemSchema


class JsonBodyParser(FlaskParser):
    """webargs parser: 400 on invalid fields, 415 on non-JSON bodies, and a
    ``multipart`` location: the file parts and text fields of one form, read by one
    schema (webargs reads ``form`` and ``files`` apart, and flask-smorest documents
    only one of them as the request body)."""

    DEFAULT_VALIDATION_STATUS = 400
    __location_map__ = dict(FlaskParser.__location_map__, multipart="load_multipart")

    def load_multipart(self, req: flask.Request, schema: Any) -> Any:
        return self._makeproxy(CombinedMultiDict([req.files, req.form]), schema)

    def _raw_load_json(self, req: flask.Request) -> Any:
        if not is_json_request(req):
            got = req.mimetype or "no Content-Type"
            abort(415, message=f"Send the request body as application/json (got {got}).")
        try:
            return core.parse_json(req.get_data(cache=True))
        except RecursionError:
            abort(400, messages={"json": ["JSON body is nested too deeply."]})
        except ValueError as exc:  # not JSONDecodeError: e.g. an integer of 5,000 digits
            if isinstance(exc, core.json.JSONDecodeError):
                raise
            abort(400, messages={"json": [f"JSON body cannot be read: {exc}"]})


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest blueprint using :class:`JsonBodyParser`."""

    ARGUMENTS_PARSER = JsonBodyParser()
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {
        **flask_smorest.Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING,
        "multipart": "multipart/form-data",
    }

    def problem(self, status: int, description: str) -> Callable:
        """Document an error response of a view as a problem+json document."""
        return self.alt_response(
            status, schema=ProblemSchema, description=description, content_type=PROBLEM_MIMETYPE
        )

    def problems(self, *documented: tuple[int, str]) -> Callable:
        """Document several error responses at once: a set views share (e.g.
        :data:`JSON_BODY_REFUSALS`) is written once, so their descriptions cannot drift."""

        def document(view: Callable) -> Callable:
            for status, description in reversed(documented):  # as if stacked in this order
                view = self.problem(status, description)(view)
            return view

        return document


JSON_BODY_REFUSALS = (
    (400, "Invalid field (problem+json naming it)"),
    (413, "Body larger than SCREENING_MAX_BODY_BYTES"),
    (415, "Body is not application/json"),
)
"""What :class:`JsonBodyParser` (and the body size limit) refuse a JSON body with."""

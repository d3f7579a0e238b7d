"""Schemathesis over every operation of the real app: no 5xx, every answer as documented.

Seeded (``derandomize``) and bounded (``MAX_EXAMPLES`` per operation, a couple of minutes
in all), with every check schemathesis has (server errors, status codes, content types,
response schemas and headers, invalid input refused) but one: ``positive_data_acceptance``
expects every schema-valid request to be accepted, and three of our rules are not in
the schema's power to say: a goods line needs a description *or* an HS code, ``lists``
must name lists loaded at run time, and multipart form values arrive as text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from factories import TEST_ENTITIES, catalog_from
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from service.api import create_app
from service.settings import Settings

MAX_EXAMPLES = 25

_DATA = Path(tempfile.mkdtemp(prefix="schemathesis-"))
APP = create_app(Settings(data_dir=_DATA, batch_dir=_DATA / "batches"), catalog_from(TEST_ENTITIES))
schema = schemathesis.openapi.from_wsgi("/openapi.json", APP)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(case) -> None:
    case.call_and_validate(excluded_checks=[positive_data_acceptance])

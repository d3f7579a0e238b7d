"""``/v1/customers``: the tenant's customer book, each customer screened when it changes.

Another tenant's customer answers 404. A PUT screens the customer at once (recorded like
any screening, kind ``monitoring``); a hit opens an alert with source ``monitoring``.
A PUT that changes nothing screening reads does not screen again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask_smorest import abort

from service.api import batches
from service.api.auth import current_principal, get_auth
from service.api.blueprint import Blueprint
from service.api.schemas.batches import BatchStatusSchema
from service.api.schemas.customers import (
    CustomerBodySchema,
    CustomerPageSchema,
    CustomerSchema,
    CustomersQuerySchema,
    CustomerUploadSchema,
    PutCustomerSchema,
)
from service.api.state import get_state
from service.core.model import Identifier
from service.monitoring import book
from service.monitoring.book import CustomerData
from service.monitoring.screen import Monitoring, put_customer

blp = Blueprint("customers", __name__, url_prefix="/v1", description="The customer book")
blp.before_request(batches.allow_large_uploads)  # the import's limits are a batch's

MAX_ID = 200


def _customer_id(customer_id: str) -> str:
    if not 1 <= len(customer_id) <= MAX_ID or not customer_id.isprintable():
        abort(
            400,
            message=f"customer_id must be 1-{MAX_ID} printable characters.",
            errors={"customer_id": ["Invalid customer id."]},
        )
    return customer_id


def monitoring() -> Monitoring:
    state = get_state()
    return Monitoring(get_auth().db, state.screener, state.settings)


@blp.route("/customers/<path:customer_id>", methods=["PUT"])
@blp.arguments(CustomerBodySchema())
@blp.response(200, PutCustomerSchema())
@blp.problem(400, "Invalid field (problem+json naming it)")
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Role may not screen")
@blp.problem(503, "No list loaded, or the record could not be written: not saved")
def put(body: dict[str, Any], customer_id: str) -> dict[str, Any]:
    """Add or change a customer; it is screened at once unless nothing screened changed."""
    principal = current_principal()
    data = CustomerData(
        customer_id=_customer_id(customer_id),
        name=body["name"].strip(),
        entity_type=body["entity_type"],
        country=(body["country"] or "").strip() or None,
        date_of_birth=body["date_of_birth"],
        identifiers=tuple(
            Identifier(i["type"].strip().lower(), i["value"].strip(), i["country"])
            for i in body["identifiers"]
        ),
        fields=body["fields"],
    )
    saved, outcome = put_customer(monitoring(), principal.tenant, principal.ref, data)
    return {
        **saved,
        "screened": outcome is not None,
        "alert_id": outcome.alert_id if outcome else None,
        "new_alert": bool(outcome and outcome.new_alert),
    }


@blp.route("/customers/<path:customer_id>", methods=["GET"])
@blp.response(200, CustomerSchema())
@blp.problem(401, "No valid credentials")
@blp.problem(404, "No such customer for this tenant")
def get(customer_id: str) -> dict[str, Any]:
    """One customer with its last screening."""
    return book.get_customer(get_auth().db, current_principal().tenant, _customer_id(customer_id))


@blp.route("/customers/<path:customer_id>", methods=["DELETE"])
@blp.response(204)
@blp.problem(401, "No valid credentials")
@blp.problem(404, "No such customer for this tenant")
def delete(customer_id: str) -> None:
    """Take a customer out of the book (its screenings and alerts stay on record)."""
    book.delete_customer(get_auth().db, current_principal().tenant, _customer_id(customer_id))


@blp.route("/customers", methods=["GET"])
@blp.arguments(CustomersQuerySchema(), location="query")
@blp.response(200, CustomerPageSchema())
@blp.problem(400, "Invalid cursor")
@blp.problem(401, "No valid credentials")
def customers(args: dict[str, Any]) -> dict[str, Any]:
    """The tenant's customers in customer id order, ``limit`` per page."""
    items, next_cursor = book.list_customers(
        get_auth().db, current_principal().tenant, args["limit"], args["cursor"]
    )
    return {"items": items, "next_cursor": next_cursor}


@blp.route("/customers/import", methods=["POST"])
@blp.arguments(CustomerUploadSchema(), location="multipart")
@blp.response(202, BatchStatusSchema)
@blp.problem(400, "Unreadable file or bad mapping, too many rows (naming the field)")
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Role may not screen")
@blp.problem(413, "File larger than SCREENING_BATCH_MAX_UPLOAD_BYTES")
@blp.problem(415, "Not multipart/form-data")
@blp.problem(503, "Embedded mode with no list loaded: nothing is imported")
def import_customers(form: dict[str, Any]):  # noqa: ANN201 - a Flask view's return
    """Import a CSV, XLSX or JSON Lines file into the book (the batch column mapping; the
    ``id`` column is the customer id). It runs as a batch: follow it at ``Location``
    (``/v1/batches/{id}``); each row's results line says how it was screened, a row
    without a name or an id is an error row."""
    form["options"] = replace(form["options"], customers=True)
    return batches.start_batch(form)

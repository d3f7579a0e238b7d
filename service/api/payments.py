"""``POST /v1/screen/payment``: screen a payment message as the bank's system sends it.

The body is the message itself (``application/xml``: ISO 20022 pacs.008, pacs.009 and
its COV, pain.001; ``text/plain``: a SWIFT FIN MT103, MT202 or MT202 COV) or JSON
``{"format", "message", "context", "as_of"}``. The text index over every listed name is
built with the catalog (in the gunicorn master), never in a request.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import request
from webargs.flaskparser import abort

from service.api.alerting import suppress_party
from service.api.blueprint import Blueprint
from service.api.recording import SCREENING_REFUSALS, recorded
from service.api.schemas.payment import PaymentJsonRequestSchema, PaymentResponseSchema
from service.api.state import get_state
from service.payments import XmlLimits

blp = Blueprint(
    "payments",
    __name__,
    url_prefix="/v1",
    description="Screen an ISO 20022 or SWIFT MT payment message, every field",
)

XML_TYPES = frozenset({"application/xml", "text/xml"})
FIN_TYPES = frozenset({"text/plain", "application/x-swift-fin"})
_JSON = PaymentJsonRequestSchema()
_BODY_DOC = {
    "required": True,
    "content": {
        "application/xml": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
        "application/json": {"schema": PaymentJsonRequestSchema},
    },
}


@blp.route("/screen/payment", methods=["POST"])
@recorded("payment")
@blp.doc(requestBody=_BODY_DOC)
@blp.response(200, PaymentResponseSchema())
@blp.problem(400, "Malformed message (problem+json naming the element or line)")
@blp.problem(413, "Body larger than SCREENING_MAX_BODY_BYTES")
@blp.problem(415, "Body is not application/xml, text/plain or application/json")
@blp.problems(*SCREENING_REFUSALS)
def screen_payment() -> dict[str, Any]:
    """Screen every party, agent and free-text field of a payment message.

    Each party is screened as ``/v1/screen`` screens a counterparty (an exact listed BIC
    is decisive; a BIC's country letters place the bank); remittance information, MT
    70/72/77B, purpose, instructions and address lines are scanned for listed names,
    vessels, IMO numbers, BICs, sanctioned places, country terms and restricted goods;
    the red-flag rules see the message as a transaction. ``action`` is ``release`` only
    for a ``clear`` decision; each hit names its ``field`` (ISO element path or MT tag).
    A message with a DTD or entities, too large or deep, of an unsupported type or
    version, or an MT without block 4 is refused with a problem naming where. A party's
    match cleared as a false positive for that party (its ``customer_id`` from
    ``context`` or the message, else its name and particulars) is shown with
    ``suppressed``, as a ``clear`` hit, listed in ``suppressed``, and not counted.
    """
    state = get_state()
    mimetype = request.mimetype
    data = request.get_data(cache=False)
    context: dict[str, Any] = {}
    as_of = None
    if mimetype == "application/json":
        try:
            body = _JSON.loads(data)
        except ma.ValidationError as exc:
            abort(400, messages=exc.messages)
        except ValueError:
            abort(400, messages={"json": ["The body is not valid JSON."]})
        fmt, message = body["format"], body["message"]
        context, as_of = body["context"], body["as_of"]
    elif mimetype in XML_TYPES:
        fmt, message = "iso20022", data
    elif mimetype in FIN_TYPES:
        fmt, message = "swift_mt", data
    else:
        got = mimetype or "no Content-Type"
        abort(
            415,
            message="Send the message as application/xml (ISO 20022), text/plain (SWIFT FIN) "
            f"or application/json {{format, message}} (got {got}).",
        )
    limits = XmlLimits(max_bytes=state.settings.max_body_bytes)
    result = state.payments.screen(
        message,
        fmt,
        context=context,
        as_of=as_of.isoformat() if as_of else None,
        limits=limits,
        review_party=suppress_party,
    )
    return result.to_dict()

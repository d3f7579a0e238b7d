"""``POST /v1/screen``: screen one counterparty by name, type, country and identifiers."""

from __future__ import annotations

from service.api.blueprint import Blueprint
from service.api.recording import recorded
from service.api.schemas.screening import ScreenRequestSchema, ScreenResponseSchema
from service.api.state import get_state
from service.screening import ScreenRequest, ScreenResult

blp = Blueprint("screening", __name__, url_prefix="/v1", description="Screen one counterparty")


@blp.route("/screen", methods=["POST"])
@recorded("screen")
@blp.arguments(ScreenRequestSchema())  # an instance: a class is rebuilt per request
@blp.response(200, ScreenResponseSchema())
@blp.problem(400, "Invalid field (problem+json naming it)")
@blp.problem(413, "Body larger than SCREENING_MAX_BODY_BYTES")
@blp.problem(415, "Body is not application/json")
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Role may not screen")
@blp.problem(409, "Idempotency-Key reused with another body")
@blp.problem(503, "No list loaded, or the record could not be written: never clear")
def screen(request: ScreenRequest) -> ScreenResult:
    """Screen one counterparty against the loaded sanctions lists.

    The decision is ``block`` for a strong uncontradicted name match or a comprehensively
    sanctioned jurisdiction, ``review`` for a weaker match or a sanctions-exposed or
    ambiguous country, else ``clear``; ``reasons`` says why in words. Counterparty
    context (``address``, ``industry``, ``website``, ``web_presence``, ``physical_office``,
    ``incorporation_date``, ``goods``) also runs the red-flag rules: their outcome is in
    ``red_flags`` and counts towards the decision.
    """
    return get_state().screener.screen(request)

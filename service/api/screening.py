"""``POST /v1/screen``: screen one counterparty by name, type, country and identifiers."""

from __future__ import annotations

from service.api.alerting import suppress
from service.api.blueprint import JSON_BODY_REFUSALS, Blueprint
from service.api.recording import SCREENING_REFUSALS, recorded
from service.api.schemas.screening import ScreenRequestSchema, ScreenResponseSchema
from service.api.state import get_state
from service.screening import ScreenRequest, ScreenResult

blp = Blueprint("screening", __name__, url_prefix="/v1", description="Screen one counterparty")


@blp.route("/screen", methods=["POST"])
@recorded("screen")
@blp.arguments(ScreenRequestSchema())  # an instance: a class is rebuilt per request
@blp.response(200, ScreenResponseSchema())
@blp.problems(*JSON_BODY_REFUSALS, *SCREENING_REFUSALS)
def screen(request: ScreenRequest) -> ScreenResult:
    """Screen one counterparty against the loaded sanctions lists.

    The decision is ``block`` for a strong uncontradicted name match or a comprehensively
    sanctioned jurisdiction, ``review`` for a weaker match or a sanctions-exposed or
    ambiguous country, else ``clear``; ``reasons`` says why in words. Counterparty
    context (``address``, ``industry``, ``website``, ``web_presence``, ``physical_office``,
    ``incorporation_date``, ``goods``) also runs the red-flag rules: their outcome is in
    ``red_flags`` and counts towards the decision.
    """
    return suppress(request, get_state().screener.screen(request))

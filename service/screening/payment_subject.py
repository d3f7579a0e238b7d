"""Who a payment message's party is, for its suppressions: the subject key's inputs.

A party of a message is keyed as ``/v1/screen``, batches and ``/v1/screen/transaction``
key theirs (:func:`service.alerts.subject.subject_of`), so a customer cleared on one
path is cleared on all: the bank's customer id, else name, entity type, date of birth
and country as the message states them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from service.payments import Party
from service.rules import request as rules_request
from service.rules.facts.countries import bic_country


def party_country(party: Party) -> str | None:
    """The party's stated two-letter country, else its BIC's country letters."""
    if party.country is not None and re.fullmatch(r"[A-Za-z]{2}", party.country.text):
        return party.country.text.upper()
    bic = party.bic
    return bic_country(bic.value) if bic is not None else None


def subject_party(party: Party, context: Mapping[str, Mapping[str, Any]]) -> rules_request.Party:
    """A message party as the subject its suppressions are keyed by, as a transaction
    party (``service.rules.request.Party``, what ``subject_of`` and ``review_party``
    read): the bank's ``customer_id`` for the role (``context``) or the message's own
    (an ISO ``CUST`` / MT ``CUST`` party id), else its name with the entity type, date of
    birth (as ISO) and country the bank gave or the message states (a bank: an
    organisation)."""
    told = context.get(party.role.removeprefix("underlying_"), {}) if not party.agent else {}
    stated = next((i.value for i in party.identifiers if i.type == "customer_id"), None)
    return rules_request.Party(
        id=party.role,
        role=party.role,
        name=party.name.text if party.name else "",
        entity_type=told.get("entity_type") or ("organization" if party.agent else None),
        country=told.get("country") or party_country(party),
        date_of_birth=told.get("date_of_birth") or _iso_day(party.birth_date),
        customer_id=told.get("customer_id") or stated,
    )


def _iso_day(value: Any) -> str | None:
    """A birth date as ``/v1/screen`` is given it: MT's ``19700101`` is ``1970-01-01``."""
    text = value.text.strip() if value is not None else ""
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text or None

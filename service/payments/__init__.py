"""Payment messages: ISO 20022 and SWIFT FIN parsers and the free-text scanner. PURE.

``parse_message(data, format)`` turns pacs.008, pacs.009 (COV), pain.001, MT103, MT202
and MT202 COV into one neutral :class:`Message`; :class:`TextScanner` finds listed
names, vessels, identifiers, places and goods words inside free text. No Flask, no
I/O, no settings: the service layer feeds them bytes, entities and reference tables.
"""

from service.payments.hits import Term, TextHit
from service.payments.model import (
    FreeText,
    Message,
    MessageError,
    Party,
    PartyId,
    Transaction,
    Value,
    supported_text,
)
from service.payments.parse import parse_message, sniff
from service.payments.scanner import TextScanner
from service.payments.terms import entity_terms, reference_terms
from service.payments.xmlsafe import XmlLimits

__all__ = [
    "FreeText",
    "Message",
    "MessageError",
    "Party",
    "PartyId",
    "Term",
    "TextHit",
    "TextScanner",
    "Transaction",
    "Value",
    "XmlLimits",
    "entity_terms",
    "parse_message",
    "reference_terms",
    "sniff",
    "supported_text",
]

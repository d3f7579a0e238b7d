"""One entry point for every supported payment message: sniff the format, parse it.

``format`` may be given (``iso20022`` or ``swift_mt``, as a client's content type or
JSON ``format`` says); a message whose content contradicts it is an error rather than
a guess, since screening the wrong reading of a message could clear it. Pure.
"""

from __future__ import annotations

from service.payments.iso20022 import parse_iso20022
from service.payments.model import Message, MessageError, supported_text
from service.payments.mt import parse_mt
from service.payments.xmlsafe import XmlLimits

FORMATS = {
    "iso20022": "iso20022",
    "xml": "iso20022",
    "mx": "iso20022",
    "swift_mt": "swift_mt",
    "mt": "swift_mt",
    "fin": "swift_mt",
}


def sniff(data: bytes | str) -> str | None:
    """``iso20022`` for XML, ``swift_mt`` for a FIN block structure, else None."""
    head = data[:64].lstrip()
    if isinstance(head, bytes):
        head = head.lstrip(b"\xef\xbb\xbf").decode("latin-1")
    head = head.lstrip("\ufeff")
    if head.startswith("<"):
        return "iso20022"
    if head.startswith("{") and head[1:3] in ("1:", "2:", "3:", "4:"):
        return "swift_mt"
    return None


def parse_message(
    data: bytes | str, format: str | None = None, limits: XmlLimits | None = None
) -> Message:
    """Parse ``data`` as ``format`` (sniffed when None)."""
    found = sniff(data)
    wanted = FORMATS.get((format or "").strip().lower()) if format else found
    if format and wanted is None:
        raise MessageError(
            f"Unknown format {format!r}: use iso20022 or swift_mt. Supported: {supported_text()}.",
            where="format",
            code="unsupported",
        )
    if wanted is None:
        raise MessageError(
            "Neither ISO 20022 XML nor a SWIFT FIN message ({1:...}{2:...}{4:...-}). "
            f"Supported: {supported_text()}.",
            where="line 1",
            code="unsupported",
        )
    if found is not None and found != wanted:
        raise MessageError(
            f"The message was sent as {wanted} but reads as {found}.", where="format"
        )
    if wanted == "iso20022":
        return parse_iso20022(data, limits)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MessageError(
                f"A FIN message must be text; byte {exc.start} is not UTF-8.", where="encoding"
            ) from exc
    return parse_mt(data)

"""One entry point: the format sniffed or given, and a contradiction refused."""

from __future__ import annotations

import pytest
from payment_messages import mt103, pacs008

from service.payments import MessageError, parse_message, sniff


def test_sniff() -> None:
    assert sniff(pacs008()) == "iso20022"
    assert sniff("\ufeff" + pacs008()) == "iso20022"
    assert sniff(b"\xef\xbb\xbf" + pacs008().encode()) == "iso20022"
    assert sniff(mt103()) == "swift_mt"
    assert sniff("  {4:\n:20:X\n-}") == "swift_mt"
    assert sniff("PAYMENT") is None


@pytest.mark.parametrize("name", ["iso20022", "xml", "MX", " iso20022 "])
def test_format_aliases_for_xml(name: str) -> None:
    assert parse_message(pacs008(), name).format == "iso20022"


@pytest.mark.parametrize("name", ["swift_mt", "mt", "FIN"])
def test_format_aliases_for_fin(name: str) -> None:
    assert parse_message(mt103().encode(), name).type == "MT103"


def test_unknown_and_contradicting_formats() -> None:
    with pytest.raises(MessageError, match="Unknown format 'pdf'") as err:
        parse_message(pacs008(), "pdf")
    assert err.value.code == "unsupported"
    with pytest.raises(MessageError, match="sent as iso20022 but reads as swift_mt"):
        parse_message(mt103(), "iso20022")


def test_fin_bytes_must_be_text() -> None:
    with pytest.raises(MessageError, match="not UTF-8") as err:
        parse_message(b"{1:F01}{4:\n:20:\xff\n-}")
    assert err.value.where == "encoding"

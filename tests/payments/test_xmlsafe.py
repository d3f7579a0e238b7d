"""Hostile XML is refused before it can expand, reach out or exhaust anything."""

from __future__ import annotations

import pytest
from payment_messages import pacs008

from service.payments import MessageError, XmlLimits, parse_message

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">&lol2;</Document>"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><A>&x;</A></Document>"""


@pytest.mark.parametrize("xml", [LAUGHS, XXE], ids=["billion-laughs", "external-entity"])
def test_a_dtd_or_entity_is_refused(xml: str) -> None:
    with pytest.raises(MessageError) as err:
        parse_message(xml)
    assert err.value.code == "forbidden"
    assert err.value.where == "line 2"


def test_size_limit() -> None:
    with pytest.raises(MessageError) as err:
        parse_message(pacs008(), limits=XmlLimits(max_bytes=2000))
    assert err.value.code == "too_large"


def test_depth_limit_names_the_element() -> None:
    deep = "<A>" * 60 + "x" + "</A>" * 60
    with pytest.raises(MessageError) as err:
        parse_message(deep)
    assert err.value.code == "too_deep"
    assert err.value.where == "A at line 1"


def test_element_count_limit() -> None:
    with pytest.raises(MessageError) as err:
        parse_message(pacs008(transactions=3), limits=XmlLimits(max_elements=100))
    assert err.value.code == "too_large"


def test_not_xml_at_all() -> None:
    with pytest.raises(MessageError, match="Neither ISO 20022 XML nor a SWIFT FIN"):
        parse_message("hello")
    with pytest.raises(MessageError, match="sent as swift_mt but reads as iso20022"):
        parse_message(pacs008(), "swift_mt")

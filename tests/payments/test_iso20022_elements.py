"""Element lookups: children by path, stripped text, and where an element sits."""

from __future__ import annotations

from lxml import etree

from service.payments.iso20022_elements import _at, _child, _children_at, _text

XML = b"<Tx>\n<Id><Othr><Id> A1 </Id></Othr><Othr><Id>B2</Id></Othr></Id>\n<Nm>  </Nm></Tx>"


def test_paths_text_and_line() -> None:
    tx = etree.fromstring(XML)
    assert [_text(o, "Id") for o in _children_at(tx, "Id/Othr")] == ["A1", "B2"]
    assert _children_at(tx, "Missing/Othr") == []
    assert _text(tx, "Nm") is None and _text(tx, "Missing") is None
    nm = _child(tx, "Nm")
    assert nm is not None and _at(nm) == "Nm at line 3"

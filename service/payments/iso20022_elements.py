"""Element lookups shared by the ISO 20022 readers: children by path, stripped text
and where an element sits (for :class:`MessageError`). Pure.

The document's tags are plain local names by the time these run (see
:func:`service.payments.iso20022.parse_iso20022`), so lxml's own path search does the
work.
"""

from __future__ import annotations

from lxml import etree

from service.payments.xmlsafe import local


def _child(el: etree._Element, path: str) -> etree._Element | None:
    return el.find(path)


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    return el.findall(tag)


def _children_at(el: etree._Element, path: str) -> list[etree._Element]:
    head, _, last = path.rpartition("/")
    parent = _child(el, head) if head else el
    return [] if parent is None else _children(parent, last)


def _text(el: etree._Element, path: str) -> str | None:
    node = _child(el, path)
    if node is None:
        return None
    text = (node.text or "").strip()
    return text or None


def _at(el: etree._Element) -> str:
    return f"{local(el.tag)} at line {el.sourceline}"

"""Parse untrusted XML without letting it reach outside itself or eat the machine.

A payment message is hostile input: a DTD can define entities that expand to
gigabytes ("billion laughs") or read local files and URLs (XXE). Payment XML never
needs a DTD, so one is refused outright, before and after parsing; lxml is told not to
resolve entities, load DTDs or touch the network, and ``huge_tree`` stays off so
libxml2's own limits on text size and nesting apply. On top: a byte limit, a depth
limit and an element-count limit, each reported with what was exceeded.

Pure apart from parsing the bytes it is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from service.payments.model import MessageError


@dataclass(frozen=True, slots=True)
class XmlLimits:
    """Bounds on one message; the defaults are far above any real payment message."""

    max_bytes: int = 1 << 20
    max_depth: int = 40
    max_elements: int = 50_000


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes | str, limits: XmlLimits | None = None) -> etree._Element:
    """The root element of ``data``, or :class:`MessageError` saying what is wrong."""
    limits = limits or XmlLimits()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > limits.max_bytes:
        raise MessageError(
            f"The message is {len(raw)} bytes; at most {limits.max_bytes} are accepted.",
            code="too_large",
        )
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise MessageError(
            "XML with a DTD or entity declarations is refused: payment messages never "
            "need one, and it is how entity-expansion and external-entity attacks work.",
            where=f"line {_line_of(raw, b'<!')}",
            code="forbidden",
        )
    if isinstance(data, str) and raw.lstrip().startswith(b"<?xml"):
        data = raw  # lxml refuses str input with an encoding declaration
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        raise MessageError(
            f"Not well-formed XML: {exc.msg}", where=f"line {line}" if line else None
        ) from exc
    if root is None:
        raise MessageError("The message is empty.")
    if root.getroottree().docinfo.doctype:
        raise MessageError("XML with a DTD is refused.", code="forbidden")
    _check_shape(root, limits)
    return root


def _check_shape(root: etree._Element, limits: XmlLimits) -> None:
    """Depth and element count, walked without recursion (a deep tree must not blow
    the Python stack either)."""
    count = 0
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        count += 1
        if depth > limits.max_depth:
            raise MessageError(
                f"Elements are nested {depth} deep; at most {limits.max_depth} levels are "
                "accepted.",
                where=f"{local(el.tag)} at line {el.sourceline}",
                code="too_deep",
            )
        if count > limits.max_elements:
            raise MessageError(
                f"The message has more than {limits.max_elements} elements.", code="too_large"
            )
        stack.extend((child, depth + 1) for child in el if isinstance(child.tag, str))


def local(tag: object) -> str:
    """Local name of an element tag (``{urn:...}Nm`` -> ``Nm``)."""
    return str(tag).rpartition("}")[2]


def _line_of(raw: bytes, needle: bytes) -> int:
    return raw[: max(raw.find(needle), 0)].count(b"\n") + 1

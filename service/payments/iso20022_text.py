"""ISO 20022 free text -> :class:`FreeText`: every text leaf under the remittance,
instruction, regulatory, purpose and tax elements, with its numbered path. Pure."""

from __future__ import annotations

import re

from lxml import etree

from service.payments.model import FreeText
from service.payments.xmlsafe import local

TEXT_PARENTS = {
    "RmtInf": "remittance",
    "InstrForCdtrAgt": "instruction",
    "InstrForNxtAgt": "instruction",
    "InstrForDbtrAgt": "instruction",
    "RgltryRptg": "regulatory",
    "Purp": "purpose",
    "RltdRmtInf": "remittance",
    "Tax": "regulatory",
}
"""Element name -> text kind: every text leaf under these is scanned."""
_NOT_TEXT = frozenset({"Cd", "Dt", "DtTm", "Amt", "RmtLctnMtd", "Ctry", "Tp", "Ccy", "RltdDt"})
"""Leaves under a text parent that hold codes, dates or amounts, not words (``Cd`` of
``Purp`` is a purpose code and is kept as the purpose instead)."""


def _texts(tx: etree._Element, base: str, only: tuple[str, ...] | None = None) -> list[FreeText]:
    out = []
    for child in tx:
        if not isinstance(child.tag, str):
            continue
        tag = local(child.tag)
        kind = TEXT_PARENTS.get(tag)
        if kind is None or (only is not None and tag not in only):
            continue
        out.extend(_leaves(child, f"{base}/{tag}", kind))
    return out


def _leaves(el: etree._Element, path: str, kind: str) -> list[FreeText]:
    """Every text leaf under ``el`` with its numbered path (iteratively: depth is
    bounded by the parser's limits already)."""
    out = []
    stack = [(el, path)]
    while stack:
        node, where = stack.pop()
        kids = [c for c in node if isinstance(c.tag, str)]
        if not kids:
            text = (node.text or "").strip()
            name = local(node.tag)
            if text and (name not in _NOT_TEXT or kind == "purpose"):
                out.append(FreeText(kind, text, where))
            continue
        seen: dict[str, int] = {}
        tags = [local(c.tag) for c in kids]
        for child, tag in zip(kids, tags, strict=True):
            seen[tag] = seen.get(tag, 0) + 1
            step = f"{tag}[{seen[tag]}]" if tags.count(tag) > 1 else tag
            stack.append((child, f"{where}/{step}"))
    out.sort(key=lambda t: _natural(t.field))
    return out


def _natural(path: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"\[(\d+)\]", path)]

"""ISO 20022 pacs.008, pacs.009 (incl. COV) and pain.001 -> the neutral model.

The message type and version come from the namespace of ``Document``
(``urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08``), whatever prefix it is bound to,
and whether or not the document sits in a business-message envelope with its AppHdr.
Every party role the message definitions give a credit transfer is read, by element
name; agents (``FinInstnId``) and parties (``Nm``/``PstlAdr``/``Id``) alike. pain.001
parties stated once per payment information block (``PmtInf/Dbtr``...) and the
initiating party of the group header belong to each transaction under them.

Field paths are element paths under the message element, repeated siblings numbered
from 1 (``CdtTrfTxInf/RmtInf/Ustrd[2]``); a transaction's own position is on the
transaction (``PmtInf[1]/CdtTrfTxInf[3]``). Pure.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from lxml import etree

from service.payments.iso20022_elements import _at, _child, _children, _text
from service.payments.iso20022_parties import ROLES, _parties, _renamed
from service.payments.iso20022_text import TEXT_PARENTS, _texts
from service.payments.model import (
    Message,
    MessageError,
    Transaction,
    supported_text,
)
from service.payments.xmlsafe import XmlLimits, local, parse_xml

_NS = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:([a-z]{4})\.(\d{3})\.(\d{3})\.(\d{2})$")
MINIMUM = {"pacs.008": (1, 8), "pacs.009": (1, 8), "pain.001": (1, 9)}
"""Oldest version of each type we read: earlier ones name elements differently."""
ROOTS = {"pacs.008": "FIToFICstmrCdtTrf", "pacs.009": "FICdtTrf", "pain.001": "CstmrCdtTrfInitn"}

__all__ = ["MINIMUM", "ROLES", "ROOTS", "TEXT_PARENTS", "parse_iso20022"]


def parse_iso20022(data: bytes | str, limits: XmlLimits | None = None) -> Message:
    """Parse one ISO 20022 message; :class:`MessageError` names what is wrong."""
    root = parse_xml(data, limits)
    doc = _document(root)
    ns = etree.QName(doc).namespace or ""
    kind, version = _type_of(ns, doc)
    for el in doc.iter():
        # One namespace for the whole document: plain names let lxml's C path search do
        # the lookups (``find("Id/OrgId/LEI")``), whatever prefix the sender used.
        if isinstance(el.tag, str):
            el.tag = local(el.tag)
    body = _child(doc, ROOTS[kind])
    if body is None:
        found = next((local(c.tag) for c in doc if isinstance(c.tag, str)), "nothing")
        raise MessageError(
            f"A {kind} Document must hold {ROOTS[kind]}; it holds {found}.",
            where=f"Document at line {doc.sourceline}",
        )
    header = _child(body, "GrpHdr")
    if header is None:
        raise MessageError(f"{ROOTS[kind]} has no GrpHdr.", where=_at(body))
    msg_id = _text(header, "MsgId")
    if kind == "pain.001":
        txs = _pain_transactions(body, header)
    else:
        txs = _pacs_transactions(body, header, kind)
    if not txs:
        raise MessageError(f"{ROOTS[kind]} holds no CdtTrfTxInf.", where=_at(body))
    variant = None
    if kind == "pacs.009" and any(
        _child(tx, "UndrlygCstmrCdtTrf") is not None for tx in _children(body, "CdtTrfTxInf")
    ):
        variant = "COV"
    head = {"created": _text(header, "CreDtTm") or "", "transactions": str(len(txs))}
    return Message("iso20022", kind, version, msg_id, tuple(txs), variant, head)


# --- envelope and type ---------------------------------------------------------------


def _document(root: etree._Element) -> etree._Element:
    if local(root.tag) == "Document":
        return root
    for el in root.iter():
        if isinstance(el.tag, str) and local(el.tag) == "Document":
            return el
    raise MessageError(
        f"No ISO 20022 Document element; the root is {local(root.tag)}. Supported: "
        f"{supported_text()}.",
        where=_at(root),
        code="unsupported",
    )


def _type_of(ns: str, doc: etree._Element) -> tuple[str, str]:
    m = _NS.match(ns)
    if not m:
        raise MessageError(
            f"Unknown ISO 20022 namespace {ns!r}. Supported: {supported_text()}.",
            where=_at(doc),
            code="unsupported",
        )
    area, number, variant, ver = m.groups()
    kind = f"{area}.{number}"
    if kind not in MINIMUM:
        raise MessageError(
            f"{kind}.{variant}.{ver} is not a supported message type. Supported: "
            f"{supported_text()}.",
            where=_at(doc),
            code="unsupported",
        )
    if (int(variant), int(ver)) < MINIMUM[kind]:
        low = "{:03d}.{:02d}".format(*MINIMUM[kind])
        raise MessageError(
            f"{kind}.{variant}.{ver} is older than the oldest supported version "
            f"{kind}.{low}. Supported: {supported_text()}.",
            where=_at(doc),
            code="unsupported",
        )
    return kind, f"{variant}.{ver}"


# --- transactions --------------------------------------------------------------------


def _pacs_transactions(
    body: etree._Element, header: etree._Element, kind: str
) -> list[Transaction]:
    out = []
    txs = _children(body, "CdtTrfTxInf")
    for i, tx in enumerate(txs, 1):
        base = "CdtTrfTxInf"
        # v08 may still carry the instructing/instructed agents in the group header.
        group = _parties(header, "GrpHdr", only=("InstgAgt", "InstdAgt"))
        parties = _parties(tx, base, agents_only=kind == "pacs.009")
        roles = {p.role for p in parties}
        parties += [p for p in group if p.role not in roles]
        texts = _texts(tx, base)
        cov = _child(tx, "UndrlygCstmrCdtTrf")
        if cov is not None:
            under = f"{base}/UndrlygCstmrCdtTrf"
            parties += [_renamed(p, "underlying_") for p in _parties(cov, under)]
            texts += _texts(cov, under)
        amount, ccy = _amount(tx, "IntrBkSttlmAmt", base)
        out.append(
            Transaction(
                index=i,
                field=f"CdtTrfTxInf[{i}]" if len(txs) > 1 else "CdtTrfTxInf",
                end_to_end_id=_text(tx, "PmtId/EndToEndId"),
                instruction_id=_text(tx, "PmtId/InstrId"),
                uetr=_text(tx, "PmtId/UETR"),
                amount=amount,
                currency=ccy,
                settlement_date=_text(tx, "IntrBkSttlmDt"),
                purpose=_purpose(tx),
                parties=tuple(parties),
                texts=tuple(texts),
            )
        )
    return out


def _pain_transactions(body: etree._Element, header: etree._Element) -> list[Transaction]:
    out = []
    initiating = _parties(header, "GrpHdr", only=("InitgPty",))
    blocks = _children(body, "PmtInf")
    if not blocks:
        raise MessageError("CstmrCdtTrfInitn holds no PmtInf.", where=_at(body))
    for b, block in enumerate(blocks, 1):
        shared = _parties(block, "PmtInf", only=("Dbtr", "DbtrAgt", "UltmtDbtr"))
        shared_texts = _texts(block, "PmtInf", only=("InstrForDbtrAgt",))
        txs = _children(block, "CdtTrfTxInf")
        if not txs:
            raise MessageError(f"PmtInf[{b}] holds no CdtTrfTxInf.", where=_at(block))
        for t, tx in enumerate(txs, 1):
            base = "PmtInf/CdtTrfTxInf"
            own = _parties(tx, base)
            roles = {p.role for p in own}
            parties = own + [p for p in shared + initiating if p.role not in roles]
            amount, ccy = _amount(tx, "Amt/InstdAmt", base)
            if amount is None:
                amount, ccy = _amount(tx, "Amt/EqvtAmt/Amt", base)
            out.append(
                Transaction(
                    index=len(out) + 1,
                    field=f"PmtInf[{b}]/CdtTrfTxInf[{t}]",
                    end_to_end_id=_text(tx, "PmtId/EndToEndId"),
                    instruction_id=_text(tx, "PmtId/InstrId"),
                    uetr=_text(tx, "PmtId/UETR"),
                    amount=amount,
                    currency=ccy,
                    settlement_date=_text(block, "ReqdExctnDt/Dt") or _text(block, "ReqdExctnDt"),
                    purpose=_purpose(tx),
                    parties=tuple(parties),
                    texts=tuple(shared_texts + _texts(tx, base)),
                )
            )
    return out


def _purpose(tx: etree._Element) -> str | None:
    return _text(tx, "Purp/Cd") or _text(tx, "Purp/Prtry")


def _amount(tx: etree._Element, path: str, base: str) -> tuple[Decimal | None, str | None]:
    el = _child(tx, path)
    if el is None:
        return None, None
    try:
        value = Decimal((el.text or "").strip())
    except InvalidOperation as exc:
        raise MessageError(
            f"{base}/{path} is not an amount: {el.text!r}.", where=f"{base}/{path} {_at(el)}"
        ) from exc
    return value, (el.get("Ccy") or "").upper() or None

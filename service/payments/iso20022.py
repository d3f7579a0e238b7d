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
from service.payments.xmlsafe import XmlLimits, local, parse_xml

_NS = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:([a-z]{4})\.(\d{3})\.(\d{3})\.(\d{2})$")
MINIMUM = {"pacs.008": (1, 8), "pacs.009": (1, 8), "pain.001": (1, 9)}
"""Oldest version of each type we read: earlier ones name elements differently."""
ROOTS = {"pacs.008": "FIToFICstmrCdtTrf", "pacs.009": "FICdtTrf", "pain.001": "CstmrCdtTrfInitn"}

ROLES = {
    "UltmtDbtr": "ultimate_debtor",
    "InitgPty": "initiating_party",
    "Dbtr": "debtor",
    "DbtrAgt": "debtor_agent",
    "CdtrAgt": "creditor_agent",
    "Cdtr": "creditor",
    "UltmtCdtr": "ultimate_creditor",
    "IntrmyAgt1": "intermediary_agent_1",
    "IntrmyAgt2": "intermediary_agent_2",
    "IntrmyAgt3": "intermediary_agent_3",
    "InstgAgt": "instructing_agent",
    "InstdAgt": "instructed_agent",
    "PrvsInstgAgt1": "previous_instructing_agent_1",
    "PrvsInstgAgt2": "previous_instructing_agent_2",
    "PrvsInstgAgt3": "previous_instructing_agent_3",
}
"""Element name -> role, for every party a credit transfer can carry."""

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
_ADDRESS_TEXT = ("AdrLine", "StrtNm", "BldgNm", "Flr", "Room", "TwnLctnNm", "DstrctNm",
                 "CtrySubDvsn", "Dept", "SubDept", "PstBx", "BldgNb", "PstCd")  # fmt: skip


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


# --- parties -------------------------------------------------------------------------


def _parties(
    parent: etree._Element,
    base: str,
    *,
    only: tuple[str, ...] | None = None,
    agents_only: bool = False,
) -> list[Party]:
    found = []
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        tag = local(child.tag)
        if tag not in ROLES or (only is not None and tag not in only):
            continue
        path = f"{base}/{tag}"
        account = _account(parent, f"{tag}Acct", base)
        if _child(child, "FinInstnId") is not None or agents_only:
            found.append(_agent(child, ROLES[tag], path, account))
        else:
            found.append(_party(child, ROLES[tag], path, account))
    return found


def _agent(el: etree._Element, role: str, path: str, account: list[PartyId]) -> Party:
    fin = _child(el, "FinInstnId")
    if fin is None:
        raise MessageError(f"{path} has no FinInstnId.", where=_at(el))
    fpath = f"{path}/FinInstnId"
    ids = []
    for tag, kind in (("BICFI", "bic"), ("LEI", "lei"), ("ClrSysMmbId/MmbId", "clearing"),
                      ("Othr/Id", "other")):  # fmt: skip
        value = _text(fin, tag)
        if value:
            ids.append(PartyId(kind, value, f"{fpath}/{tag}"))
    name, lines, town, country = _name_address(fin, fpath)
    return Party(role, path, True, name, lines, town, country, tuple(ids + account))


def _party(el: etree._Element, role: str, path: str, account: list[PartyId]) -> Party:
    name, lines, town, country = _name_address(el, path)
    ids = []
    org = _child(el, "Id/OrgId")
    if org is not None:
        for tag, kind in (("AnyBIC", "bic"), ("LEI", "lei")):
            value = _text(org, tag)
            if value:
                ids.append(PartyId(kind, value, f"{path}/Id/OrgId/{tag}"))
    for scope in ("OrgId", "PrvtId"):
        for i, other in enumerate(_children_at(el, f"Id/{scope}/Othr"), 1):
            value = _text(other, "Id")
            if value:
                scheme = (_text(other, "SchmeNm/Cd") or _text(other, "SchmeNm/Prtry") or "").upper()
                ids.append(PartyId(_SCHEMES.get(scheme, "other"), value,
                                   f"{path}/Id/{scope}/Othr[{i}]/Id"))  # fmt: skip
    birth = _text(el, "Id/PrvtId/DtAndPlcOfBirth/BirthDt")
    born = Value(birth, f"{path}/Id/PrvtId/DtAndPlcOfBirth/BirthDt") if birth else None
    if country is None:
        residence = _text(el, "CtryOfRes")
        country = Value(residence, f"{path}/CtryOfRes") if residence else None
    return Party(role, path, False, name, lines, town, country, tuple(ids + account), born)


_SCHEMES = {"CCPT": "passport", "NIDN": "national_id", "CUST": "customer_id", "TXID": "tax_id",
            "SOSE": "social_security", "DRLC": "driving_licence", "BANK": "bank_party_id",
            "COID": "registration_number", "CINC": "registration_number"}  # fmt: skip


def _name_address(
    el: etree._Element, path: str
) -> tuple[Value | None, tuple[Value, ...], Value | None, Value | None]:
    name_text = _text(el, "Nm")
    name = Value(name_text, f"{path}/Nm") if name_text else None
    adr = _child(el, "PstlAdr")
    if adr is None:
        return name, (), None, None
    apath = f"{path}/PstlAdr"
    lines = []
    counts: dict[str, int] = {}
    for child in adr:
        if not isinstance(child.tag, str):
            continue
        tag = local(child.tag)
        if tag in _ADDRESS_TEXT and (child.text or "").strip():
            counts[tag] = counts.get(tag, 0) + 1
            same = len(_children(adr, tag)) > 1
            where = f"{apath}/{tag}[{counts[tag]}]" if same else f"{apath}/{tag}"
            lines.append(Value(child.text.strip(), where))
    town_text = _text(adr, "TwnNm")
    country_text = _text(adr, "Ctry")
    return (
        name,
        tuple(lines),
        Value(town_text, f"{apath}/TwnNm") if town_text else None,
        Value(country_text.upper(), f"{apath}/Ctry") if country_text else None,
    )


def _account(parent: etree._Element, tag: str, base: str) -> list[PartyId]:
    acct = _child(parent, tag)
    if acct is None:
        return []
    iban = _text(acct, "Id/IBAN")
    if iban:
        return [PartyId("iban", iban, f"{base}/{tag}/Id/IBAN", iban[:2].upper())]
    other = _text(acct, "Id/Othr/Id")
    return [PartyId("account", other, f"{base}/{tag}/Id/Othr/Id")] if other else []


def _renamed(party: Party, prefix: str) -> Party:
    from dataclasses import replace

    return replace(party, role=prefix + party.role)


# --- free text -----------------------------------------------------------------------


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


# --- element helpers -----------------------------------------------------------------


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

"""ISO 20022 parties and agents -> :class:`Party`, every role by element name.

Agents (``FinInstnId``) carry BIC, LEI, clearing and other ids; parties carry name,
postal address, organisation and private ids and a date of birth; both carry the
account next to them (``DbtrAcct``...). Field paths are element paths, repeated siblings
numbered from 1. Pure.
"""

from __future__ import annotations

from lxml import etree

from service.payments.iso20022_elements import _at, _child, _children, _children_at, _text
from service.payments.model import MessageError, Party, PartyId, Value
from service.payments.xmlsafe import local

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

_ADDRESS_TEXT = ("AdrLine", "StrtNm", "BldgNm", "Flr", "Room", "TwnLctnNm", "DstrctNm",
                 "CtrySubDvsn", "Dept", "SubDept", "PstBx", "BldgNb", "PstCd")  # fmt: skip


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

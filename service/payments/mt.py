"""SWIFT MT103, MT202 and MT202 COV -> the neutral model, field options included.

Roles follow the ISO 20022 names (the CBPR+ mapping), so both formats are screened and
reported alike: 50a is the debtor, 59a the creditor, 52a the debtor agent (MT103) or
the debtor institution (MT202), 56a intermediary agent 1, 57a the creditor agent, 58a
the creditor institution, 53a/54a/55a the correspondents; the sender and receiver of
blocks 1/2 are the instructing and instructed agents. MT202 COV's sequence B (from 50a
on) is the underlying customer credit transfer: its parties are ``underlying_*`` and
its fields are named ``B/:50F:``.

Options: A = [/party identifier] + BIC; B = [/party identifier] + location; C = /account;
D, K and no letter = [/account] + name and address lines; F = party identifier + numbered
lines (1/ name, 2/ address, 3/ CC/town, 4/ birth date, 5/ CC/birth place, 6/ CC/issuer/id,
7/ CC/national id, 8/ more of an identifier). Pure.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from service.payments.fin import Field, FinMessage, parse_fin
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

BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")
_AMOUNT = re.compile(r"^(\d{6})([A-Z]{3})(\d{1,15},\d{0,2})$")
_F_ID = re.compile(r"^([A-Z]{4})/([A-Z]{2})/(.+)$")
_F_LINE = re.compile(r"^([1-8])/(.*)$")

CUSTOMER_ROLES = {"50": "debtor", "59": "creditor"}
AGENT_ROLES_103 = {
    "52": "debtor_agent",
    "53": "senders_correspondent",
    "54": "receivers_correspondent",
    "55": "third_reimbursement_institution",
    "56": "intermediary_agent_1",
    "57": "creditor_agent",
}
AGENT_ROLES_202 = {**AGENT_ROLES_103, "52": "debtor", "58": "creditor"}
OPTIONS = {
    "50": "AFK", "52": "AD", "53": "ABD", "54": "ABD", "55": "ABD", "56": "ACD",
    "57": "ABCD", "58": "AD", "59": "AF",
}  # fmt: skip
"""Allowed option letters per tag (59 also without a letter)."""
TEXT_TAGS = {"70": "remittance", "72": "instruction", "77B": "regulatory", "23E": "instruction"}
_F_IDS = {"ARNU": "alien_registration", "CCPT": "passport", "CUST": "customer_id",
          "DRLC": "driving_licence", "EMPL": "employer_id", "NIDN": "national_id",
          "SOSE": "social_security", "TXID": "tax_id"}  # fmt: skip


def parse_mt(text: str) -> Message:
    """Parse one FIN message; :class:`MessageError` names the field or line."""
    fin = parse_fin(text)
    mt = fin.message_type
    fields = list(fin.fields)
    cov = fin.user.get("119") == "COV" or (mt == "202" and _seq_b_start(fields) is not None)
    if mt not in ("103", "202"):
        raise MessageError(
            f"MT{mt} is not a supported message type. Supported: {supported_text()}.",
            where="block 2",
            code="unsupported",
        )
    kind = "MT103" if mt == "103" else ("MT202COV" if cov else "MT202")
    seq_a, seq_b = fields, []
    if kind == "MT202COV":
        start = _seq_b_start(fields)
        if start is None:
            raise MessageError(
                "An MT202 COV needs sequence B (the underlying customer credit transfer, "
                "from field 50a on); none found.",
                where="block 4",
            )
        seq_a, seq_b = fields[:start], fields[start:]
    _require(seq_a, ("20", "32A") + (("50", "59") if mt == "103" else ("58",)), "")
    if seq_b:
        _require(seq_b, ("50", "59"), "B/")
    roles = AGENT_ROLES_103 if mt == "103" else AGENT_ROLES_202
    parties = _envelope_parties(fin) + _parties(seq_a, roles, "", "")
    texts = _texts(seq_a, "")
    if seq_b:
        parties += _parties(seq_b, AGENT_ROLES_103, "B/", "underlying_")
        texts += _texts(seq_b, "B/")
    amount, ccy, day = _value_date_amount(_get(seq_a, "32A"))
    ref = _get(seq_a, "20")
    tx = Transaction(
        index=1,
        field="B4",
        end_to_end_id=(_get(seq_a, "21").value if _get(seq_a, "21") else None)
        or fin.user.get("121")
        or (ref.value if ref else None),
        instruction_id=ref.value if ref else None,
        uetr=fin.user.get("121"),
        amount=amount,
        currency=ccy,
        settlement_date=day,
        parties=tuple(parties),
        texts=tuple(texts),
    )
    header = {"sender": fin.basic[3:15], "receiver": _receiver(fin), "user": str(fin.user)}
    return Message(
        "swift_mt",
        kind,
        None,
        ref.value if ref else None,
        (tx,),
        "COV" if kind == "MT202COV" else None,
        header,
    )


def _seq_b_start(fields: list[Field]) -> int | None:
    return next((i for i, f in enumerate(fields) if f.tag[:2] == "50"), None)


def _require(fields: list[Field], tags: tuple[str, ...], seq: str) -> None:
    have = {f.tag for f in fields} | {f.tag[:2] for f in fields}
    missing = [t for t in tags if t not in have]
    if missing:
        names = ", ".join(f"{seq}:{t}{'a' if len(t) == 2 and t != '20' else ''}:" for t in missing)
        raise MessageError(f"Mandatory field(s) missing: {names}.", where=f"block 4 {names}")


def _get(fields: list[Field], tag: str) -> Field | None:
    return next((f for f in fields if f.tag == tag), None)


def _receiver(fin: FinMessage) -> str:
    app = fin.application
    return app[4:16] if fin.direction == "I" else fin.basic[3:15]


def _envelope_parties(fin: FinMessage) -> list[Party]:
    """Sender and receiver: the instructing and instructed agents."""
    out = []
    sender = fin.basic[3:15] if fin.direction == "I" else fin.application[14:26]
    receiver = _receiver(fin)
    for role, where, lt in (("instructing_agent", "{1:}", sender),
                            ("instructed_agent", "{2:}", receiver)):  # fmt: skip
        bic = _bic_of_lt(lt)
        if bic:
            out.append(Party(role, where, True, identifiers=(PartyId("bic", bic, where),)))
    return out


def _bic_of_lt(lt: str) -> str | None:
    """A 12-character logical terminal address is BIC8 + terminal letter + branch."""
    if len(lt) != 12:
        return None
    bic = lt[:8] + ("" if lt[9:] == "XXX" else lt[9:])
    return bic if BIC.match(bic) else None


# --- parties -------------------------------------------------------------------------


def _parties(fields: list[Field], agents: dict[str, str], seq: str, prefix: str) -> list[Party]:
    out = []
    for f in fields:
        base, option = f.tag[:2], f.tag[2:]
        if base not in CUSTOMER_ROLES and base not in agents:
            continue
        allowed = OPTIONS.get(base, "")
        if option and option not in allowed or (not option and base != "59"):
            raise MessageError(
                f"Field {f.tag} is not a valid option of {base}a "
                f"(allowed: {', '.join(base + o for o in allowed)}).",
                where=f"{seq}:{f.tag}: at line {f.line}",
            )
        where = f"{seq}:{f.tag}:"
        role = prefix + (CUSTOMER_ROLES.get(base) or agents[base])
        agent = base not in CUSTOMER_ROLES
        if option == "F":
            out.append(_option_f(f, role, where))
        else:
            out.append(_option_plain(f, role, where, agent))
    return out


def _option_plain(f: Field, role: str, where: str, agent: bool) -> Party:
    lines = [ln.strip() for ln in f.lines if ln.strip()]
    ids: list[PartyId] = []
    if lines and lines[0].startswith("/"):
        ids += _account(lines.pop(0), where)
    option = f.tag[2:]
    if option == "A":
        if not lines or not BIC.match(lines[0].replace(" ", "")):
            raise MessageError(
                f"Option A needs a BIC line (4 letters bank, 2 country, 2 location, optional "
                f"3 branch); got {lines[0] if lines else 'nothing'!r}.",
                where=f"{where} at line {f.line}",
            )
        ids.append(PartyId("bic", lines[0].replace(" ", ""), where))
        return Party(role, where, agent, identifiers=tuple(ids))
    if option == "B":
        loc = tuple(Value(ln, where) for ln in lines)
        return Party(role, where, agent, address_lines=loc, identifiers=tuple(ids))
    if option == "C":
        return Party(role, where, agent, identifiers=tuple(ids))
    name = Value(lines[0], where) if lines else None
    address = tuple(Value(ln, where) for ln in lines[1:])
    return Party(role, where, agent, name, address, identifiers=tuple(ids))


def _account(line: str, where: str) -> list[PartyId]:
    """``/ACCOUNT``, ``/D/ACCOUNT``, ``/C/ACCOUNT`` or ``//CH123456`` (clearing code)."""
    body = line[1:]
    if body.startswith("/"):
        return [PartyId("clearing", body[1:], where)] if body[1:] else []
    m = re.match(r"^[CD]/(.+)$", body)
    value = m.group(1) if m else body
    if not value:
        return []
    kind = "iban" if re.match(r"^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$", value) else "account"
    return [PartyId(kind, value, where, value[:2] if kind == "iban" else None)]


def _option_f(f: Field, role: str, where: str) -> Party:
    raw = [ln.strip() for ln in f.lines if ln.strip()]
    ids: list[PartyId] = []
    if raw and not _F_LINE.match(raw[0]):
        first = raw.pop(0)
        m = _F_ID.match(first)
        if first.startswith("/"):
            ids += _account(first, where)
        elif m:
            ids.append(PartyId(_F_IDS.get(m.group(1), "other"), m.group(3), where, m.group(2)))
        else:
            raise MessageError(
                f"Option F starts with a party identifier ('/account' or 'CODE/CC/id'); "
                f"got {first!r}.",
                where=f"{where} at line {f.line}",
            )
    names, address, town, country, born = [], [], None, None, None
    for ln in raw:
        m = _F_LINE.match(ln)
        if not m:
            raise MessageError(
                f"Option F lines are numbered (1/ name, 2/ address, 3/ country and town ...); "
                f"got {ln!r}.",
                where=f"{where} at line {f.line}",
            )
        number, text = m.group(1), m.group(2).strip()
        if number == "1":
            names.append(text)
        elif number == "2":
            address.append(Value(text, where))
        elif number == "3":
            cc, _, rest = text.partition("/")
            country = Value(cc.upper(), where) if len(cc) == 2 else None
            if rest:
                town = Value(rest, where)
                address.append(Value(rest, where))
        elif number == "4":
            born = Value(text, where)
        elif number in ("6", "7"):
            parts = text.split("/")
            ids.append(PartyId("national_id" if number == "7" else "customer_id",
                               parts[-1], where, parts[0] if len(parts) > 1 else None))  # fmt: skip
        elif number in ("5", "8"):
            address.append(Value(text, where))  # birth place, more of an id: scanned
    name = Value(" ".join(names), where) if names else None
    return Party(role, where, False, name, tuple(address), town, country, tuple(ids), born)


# --- text and amounts ------------------------------------------------------------------


def _texts(fields: list[Field], seq: str) -> list[FreeText]:
    out = []
    for f in fields:
        kind = TEXT_TAGS.get(f.tag)
        if kind and f.value.strip():
            out.append(FreeText(kind, f.value, f"{seq}:{f.tag}:"))
    return out


def _value_date_amount(f: Field | None) -> tuple[Decimal | None, str | None, str | None]:
    if f is None:
        return None, None, None
    m = _AMOUNT.match(f.value.strip())
    if not m:
        raise MessageError(
            f"Field 32A must be date (YYMMDD), currency and amount with a decimal comma, "
            f"e.g. 261120USD1000,00; got {f.value!r}.",
            where=f":32A: at line {f.line}",
        )
    day, ccy, amount = m.groups()
    try:
        value = Decimal(amount.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits digits only
        raise MessageError(f"Bad amount {amount!r}.", where=f":32A: at line {f.line}") from exc
    return value, ccy, f"20{day[:2]}-{day[2:4]}-{day[4:]}"

"""Our own payment messages, shaped like the examples of the ISO 20022 message
definition reports and SWIFT's MT103/MT202 COV examples (written here, not copied).

Every text value of a message comes through :class:`Plant`, keyed by the field path the
parser must report for it (``CdtTrfTxInf/Cdtr/Nm``, ``:59F:``). A test builds the
message once with :meth:`Plant.paths` recording to learn every field, then once per
field with a listed name (or BIC, vessel, place, goods word) planted in it, and checks
the hit names that field: a field the parser or the scanner skips fails the test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

NS = "urn:iso:std:iso:20022:tech:xsd:{kind}.{version}"


@dataclass
class Plant:
    """Values to put in named fields; records every field a builder asks for."""

    values: dict[str, str] = field(default_factory=dict)
    seen: dict[str, str] = field(default_factory=dict)
    """field path -> kind of value (name | text | bic | country | address)."""

    def __call__(self, path: str, default: str, kind: str = "text") -> str:
        self.seen.setdefault(path, kind)
        return self.values.get(path, default)


class Xml:
    """A tiny element writer: ``x("Nm", "text")`` or ``x("Dbtr", x(...), x(...))``,
    every tag under one optional namespace prefix."""

    def __init__(self, prefix: str | None = None) -> None:
        self.p = f"{prefix}:" if prefix else ""

    def __call__(self, tag: str, *content: str, **attrs: str) -> str:
        attr = "".join(f' {k}="{v}"' for k, v in attrs.items())
        body = "".join(content)
        return f"<{self.p}{tag}{attr}>{_esc(body) if _leaf(content) else body}</{self.p}{tag}>"


def _leaf(content: tuple[str, ...]) -> bool:
    return len(content) == 1 and not content[0].startswith("<")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def document(kind: str, version: str, body: str, prefix: str | None = None) -> str:
    ns = NS.format(kind=kind, version=version)
    decl = f'xmlns:{prefix}="{ns}"' if prefix else f'xmlns="{ns}"'
    p = f"{prefix}:" if prefix else ""
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<{p}Document {decl}>{body}</{p}Document>'


# --- parties -------------------------------------------------------------------------

AGENTS = {
    "DbtrAgt": ("DEUTDEFF", "Deutsche Bank AG", "Frankfurt am Main", "DE"),
    "CdtrAgt": ("DBSSSGSG", "DBS Bank Ltd", "Singapore", "SG"),
    "IntrmyAgt1": ("CHASUS33", "JPMorgan Chase Bank NA", "New York", "US"),
    "IntrmyAgt2": ("CITISGSG", "Citibank NA Singapore Branch", "Singapore", "SG"),
    "IntrmyAgt3": ("OCBCSGSG", "Oversea-Chinese Banking Corporation", "Singapore", "SG"),
    "InstgAgt": ("COBADEFF", "Commerzbank AG", "Frankfurt am Main", "DE"),
    "InstdAgt": ("CHASUS33", "JPMorgan Chase Bank NA", "New York", "US"),
    "PrvsInstgAgt1": ("BNPAFRPP", "BNP Paribas SA", "Paris", "FR"),
    "PrvsInstgAgt2": ("INGBNL2A", "ING Bank NV", "Amsterdam", "NL"),
    "PrvsInstgAgt3": ("RABONL2U", "Cooperatieve Rabobank UA", "Utrecht", "NL"),
}
PARTIES = {
    "Dbtr": ("Nordlicht Maschinenbau GmbH", ("Speicherstadt 14",), "Hamburg", "DE"),
    "Cdtr": (
        "Straits Precision Components Pte Ltd",
        ("21 Tampines Industrial Ave 5",),
        "Singapore",
        "SG",
    ),
    "UltmtDbtr": ("Nordlicht Holding AG", ("Bahnhofstrasse 3",), "Zug", "CH"),
    "UltmtCdtr": ("Lim Wei Ling", ("Blk 118 Bedok North Road #04-12",), "Singapore", "SG"),
    "InitgPty": ("Nordlicht Shared Services GmbH", ("Ferdinandstrasse 29",), "Hamburg", "DE"),
}


def agent(x: Xml, v: Plant, base: str, tag: str, *, full: bool = True) -> str:
    bic, name, town, country = AGENTS[tag]
    path = f"{base}/{tag}/FinInstnId"
    parts = [x("BICFI", v(f"{path}/BICFI", bic, "bic"))]
    if full:
        parts += [
            x("Nm", v(f"{path}/Nm", name, "name")),
            x(
                "PstlAdr",
                x("TwnNm", v(f"{path}/PstlAdr/TwnNm", town, "address")),
                x("Ctry", v(f"{path}/PstlAdr/Ctry", country, "country")),
            ),
        ]
    return x(tag, x("FinInstnId", *parts))


def party(x: Xml, v: Plant, base: str, tag: str, *, lines: int = 2) -> str:
    name, street, town, country = PARTIES[tag]
    path = f"{base}/{tag}"
    adr = [
        x("StrtNm", v(f"{path}/PstlAdr/StrtNm", street[0], "address")),
        x("TwnNm", v(f"{path}/PstlAdr/TwnNm", town, "address")),
        x("Ctry", v(f"{path}/PstlAdr/Ctry", country, "country")),
    ]
    adr += [
        x(
            "AdrLine",
            v(
                f"{path}/PstlAdr/AdrLine{f'[{i}]' if lines > 1 else ''}",
                f"{street[0]} unit {i}",
                "address",
            ),
        )
        for i in range(1, lines + 1)
    ]
    ident = x("Id", x("OrgId", x("LEI", v(f"{path}/Id/OrgId/LEI", "529900T8BM49AURSDO55", "id"))))
    return x(tag, x("Nm", v(f"{path}/Nm", name, "name")), x("PstlAdr", *adr), ident)


def instruction(x: Xml, v: Plant, base: str, tag: str, text: str) -> str:
    """A free-text instruction (``InstrForCdtrAgt``, ``InstrForNxtAgt``), a planted field."""
    return x(tag, x("InstrInf", v(f"{base}/{tag}/InstrInf", text, "text")))


def creditor_side(x: Xml, v: Plant, base: str) -> list[str]:
    """The intermediaries, the creditor's agent, the creditor and the ultimate creditor,
    in schema order."""
    agents = [agent(x, v, base, tag) for tag in ("IntrmyAgt1", "IntrmyAgt2", "IntrmyAgt3")]
    return [
        *agents,
        agent(x, v, base, "CdtrAgt"),
        party(x, v, base, "Cdtr"),
        party(x, v, base, "UltmtCdtr"),
    ]


def group_header(x: Xml, msg_id: str, created: str, count: int, last: str) -> str:
    """``GrpHdr``: message id, creation time, number of transactions, then the
    settlement method (pacs) or the initiating party (pain)."""
    return x("GrpHdr", x("MsgId", msg_id), x("CreDtTm", created), x("NbOfTxs", str(count)), last)


def account(x: Xml, tag: str, iban: str) -> str:
    return x(tag, x("Id", x("IBAN", iban)))


def remittance(x: Xml, v: Plant, base: str) -> str:
    p = f"{base}/RmtInf"
    return x(
        "RmtInf",
        x("Ustrd", v(f"{p}/Ustrd[1]", "INV 2026-0412 CNC SPINDLE BEARINGS PO 88123", "text")),
        x("Ustrd", v(f"{p}/Ustrd[2]", "LESS 2 PCT EARLY PAYMENT DISCOUNT", "text")),
        x(
            "Strd",
            x(
                "RfrdDocInf",
                x("Tp", x("CdOrPrtry", x("Cd", "CINV"))),
                x("Nb", v(f"{p}/Strd/RfrdDocInf/Nb", "SPC-INV-2026-0412", "text")),
            ),
            x("AddtlRmtInf", v(f"{p}/Strd/AddtlRmtInf", "Delivery note DN-55120", "text")),
        ),
    )


# --- ISO 20022 messages --------------------------------------------------------------


def credit_transfer(
    x: Xml,
    v: Plant,
    base: str,
    n: int = 1,
    *,
    amount: str = "48250.00",
    currency: str = "EUR",
    agents_only: bool = False,
) -> str:
    """One pacs.008 CdtTrfTxInf with every party role and free-text field."""
    parts = [
        x(
            "PmtId",
            x("InstrId", f"NMB-{n:04d}"),
            x("EndToEndId", f"E2E-NMB-{n:04d}"),
            x("UETR", f"8a562c67-ca16-48ba-b074-65581be6f{n:03d}"),
        ),
        x("IntrBkSttlmAmt", amount, Ccy=currency),
        x("IntrBkSttlmDt", "2026-11-20"),
        x("ChrgBr", "SHAR"),
    ]
    for tag in (
        "PrvsInstgAgt1",
        "PrvsInstgAgt2",
        "PrvsInstgAgt3",
        "InstgAgt",
        "InstdAgt",
        "IntrmyAgt1",
        "IntrmyAgt2",
        "IntrmyAgt3",
    ):
        parts.append(agent(x, v, base, tag))
    parts += [
        party(x, v, base, "UltmtDbtr"),
        party(x, v, base, "InitgPty"),
        party(x, v, base, "Dbtr"),
        account(x, "DbtrAcct", "DE89370400440532013000"),
        agent(x, v, base, "DbtrAgt"),
        agent(x, v, base, "CdtrAgt"),
        party(x, v, base, "Cdtr"),
        x("CdtrAcct", x("Id", x("Othr", x("Id", "0721234567")))),
        party(x, v, base, "UltmtCdtr"),
        instruction(x, v, base, "InstrForCdtrAgt", "PLEASE ADVISE BENEFICIARY BY PHONE"),
        instruction(x, v, base, "InstrForNxtAgt", "URGENT SAME DAY VALUE"),
        x("Purp", x("Prtry", v(f"{base}/Purp/Prtry", "TRADE SETTLEMENT", "text"))),
        x(
            "RgltryRptg",
            x("Dtls", x("Inf", v(f"{base}/RgltryRptg/Dtls/Inf", "GOODS IMPORT CODE 8482", "text"))),
        ),
        remittance(x, v, base),
    ]
    return x("CdtTrfTxInf", *parts)


def pacs008(
    v: Plant | None = None,
    *,
    version: str = "001.08",
    prefix: str | None = None,
    transactions: int = 1,
    **kw: str,
) -> str:
    v = v or Plant()
    x = Xml(prefix)
    header = group_header(
        x,
        "NMB20261120-0001",
        "2026-11-20T09:30:47+01:00",
        transactions,
        x("SttlmInf", x("SttlmMtd", "INDA")),
    )
    txs = "".join(credit_transfer(x, v, "CdtTrfTxInf", n, **kw) for n in range(1, transactions + 1))
    return document("pacs.008", version, x("FIToFICstmrCdtTrf", header, txs), prefix)


def pacs009(
    v: Plant | None = None, *, version: str = "001.08", cov: bool = True, prefix: str | None = None
) -> str:
    """A bank-to-bank transfer; with ``cov`` it carries the underlying customer credit
    transfer it covers (pacs.009 COV)."""
    v = v or Plant()
    x = Xml(prefix)
    base = "CdtTrfTxInf"
    parts = [
        x(
            "PmtId",
            x("InstrId", "COV-77120"),
            x("EndToEndId", "E2E-NMB-0001"),
            x("UETR", "8a562c67-ca16-48ba-b074-65581be6f001"),
        ),
        x("IntrBkSttlmAmt", "48250.00", Ccy="EUR"),
        x("IntrBkSttlmDt", "2026-11-20"),
        agent(x, v, base, "InstgAgt"),
        agent(x, v, base, "InstdAgt"),
        agent(x, v, base, "IntrmyAgt1"),
        _fi(x, v, base, "Dbtr", "DEUTDEFF", "Deutsche Bank AG"),
        agent(x, v, base, "DbtrAgt"),
        agent(x, v, base, "CdtrAgt"),
        _fi(x, v, base, "Cdtr", "DBSSSGSG", "DBS Bank Ltd"),
        instruction(x, v, base, "InstrForCdtrAgt", "COVER FOR MT103 NMB-0001"),
    ]
    if cov:
        u = f"{base}/UndrlygCstmrCdtTrf"
        parts.append(
            x(
                "UndrlygCstmrCdtTrf",
                party(x, v, u, "UltmtDbtr"),
                party(x, v, u, "InitgPty"),
                party(x, v, u, "Dbtr"),
                agent(x, v, u, "DbtrAgt"),
                agent(x, v, u, "PrvsInstgAgt1"),
                *creditor_side(x, v, u),
                instruction(x, v, u, "InstrForCdtrAgt", "BENEFICIARY PHONE ADVICE"),
                remittance(x, v, u),
                x("InstdAmt", "48250.00", Ccy="EUR"),
            )
        )
    header = group_header(
        x,
        "DEUT20261120-COV-1",
        "2026-11-20T09:31:02+01:00",
        1,
        x("SttlmInf", x("SttlmMtd", "COVE")),
    )
    return document("pacs.009", version, x("FICdtTrf", header, x("CdtTrfTxInf", *parts)), prefix)


def _fi(x: Xml, v: Plant, base: str, tag: str, bic: str, name: str) -> str:
    path = f"{base}/{tag}/FinInstnId"
    return x(
        tag,
        x(
            "FinInstnId",
            x("BICFI", v(f"{path}/BICFI", bic, "bic")),
            x("Nm", v(f"{path}/Nm", name, "name")),
        ),
    )


def pain001(
    v: Plant | None = None,
    *,
    version: str = "001.09",
    blocks: int = 1,
    per_block: int = 2,
    prefix: str | None = None,
) -> str:
    """A customer's payment initiation: payment blocks sharing a debtor, each with
    several credit transfers."""
    v = v or Plant()
    x = Xml(prefix)
    header = group_header(
        x,
        "NMB-PAYRUN-2026-47",
        "2026-11-19T17:02:11",
        blocks * per_block,
        party(x, v, "GrpHdr", "InitgPty", lines=1),
    )
    out = []
    for b in range(1, blocks + 1):
        txs = []
        for t in range(1, per_block + 1):
            base = "PmtInf/CdtTrfTxInf"
            txs.append(
                x(
                    "CdtTrfTxInf",
                    x("PmtId", x("InstrId", f"PR47-{b}-{t}"), x("EndToEndId", f"E2E-PR47-{b}-{t}")),
                    x("Amt", x("InstdAmt", f"{1250 * t}.50", Ccy="EUR")),
                    *creditor_side(x, v, base),
                    instruction(x, v, base, "InstrForCdtrAgt", "CALL BENEFICIARY BEFORE CREDIT"),
                    x("Purp", x("Cd", "SUPP")),
                    remittance(x, v, base),
                )
            )
        out.append(
            x(
                "PmtInf",
                x("PmtInfId", f"PR47-{b}"),
                x("PmtMtd", "TRF"),
                x("ReqdExctnDt", x("Dt", "2026-11-20")),
                party(x, v, "PmtInf", "Dbtr"),
                account(x, "DbtrAcct", "DE89370400440532013000"),
                agent(x, v, "PmtInf", "DbtrAgt"),
                party(x, v, "PmtInf", "UltmtDbtr"),
                x("InstrForDbtrAgt", v("PmtInf/InstrForDbtrAgt", "EXECUTE WITH NEXT SWIFT RUN")),
                *txs,
            )
        )
    return document("pain.001", version, x("CstmrCdtTrfInitn", header, *out), prefix)


# --- SWIFT MT ------------------------------------------------------------------------

MT103_FIELDS: list[tuple[str, str]] = [
    ("20", "NMB2026112000001"),
    ("23B", "CRED"),
    ("32A", "261120EUR48250,00"),
    ("33B", "EUR48250,00"),
    (
        "50K",
        "/DE89370400440532013000\nNORDLICHT MASCHINENBAU GMBH\nSPEICHERSTADT 14\n20457 HAMBURG",
    ),
    ("52A", "DEUTDEFF"),
    ("53A", "/C/1234567890\nCOBADEFF"),
    ("54A", "CHASUS33"),
    ("56A", "CITISGSG"),
    ("57A", "DBSSSGSG"),
    (
        "59",
        "/0721234567\nSTRAITS PRECISION COMPONENTS PTE\n21 TAMPINES INDUSTRIAL AVE 5\nSINGAPORE",
    ),
    ("70", "/INV/2026-0412 CNC SPINDLE BEARINGS\nPO 88123"),
    ("71A", "SHA"),
    ("72", "/ACC/PLEASE ADVISE BENEFICIARY\n//BY PHONE"),
    ("77B", "/ORDERRES/DE//GOODS IMPORT 8482"),
]
"""An MT103 in the shape of SWIFT's published examples: every option-A agent, 50K and
59 without letter. Tests swap in other options (50F, 59F, 52D, 53B, 56C, 57D ...)."""

OPTIONS: dict[str, str] = {
    "50A": "/DE89370400440532013000\nNOLIHHDEXXX",
    "50F": "/DE89370400440532013000\n1/NORDLICHT MASCHINENBAU GMBH\n2/SPEICHERSTADT 14\n"
    "3/DE/20457 HAMBURG",
    "52D": "/D/DE44500105175407324931\nDEUTSCHE BANK AG\nTAUNUSANLAGE 12\nFRANKFURT AM MAIN",
    "53B": "/C/1234567890\nFRANKFURT",
    "53D": "COMMERZBANK AG\nKAISERPLATZ\nFRANKFURT AM MAIN",
    "54B": "NEW YORK",
    "54D": "JPMORGAN CHASE BANK NA\n383 MADISON AVENUE\nNEW YORK",
    "56C": "//SC123456",
    "56D": "CITIBANK NA SINGAPORE BRANCH\n8 MARINA VIEW\nSINGAPORE",
    "57B": "/0721234567\nSINGAPORE",
    "57C": "//SC654321",
    "57D": "DBS BANK LTD\n12 MARINA BOULEVARD\nSINGAPORE",
    "59A": "/0721234567\nSPRCSGSG",
    "59F": "/0721234567\n1/STRAITS PRECISION COMPONENTS\n1/PTE LTD\n"
    "2/21 TAMPINES INDUSTRIAL AVE 5\n3/SG/SINGAPORE",
}


UETR = "{121:8a562c67-ca16-48ba-b074-65581be6f001}"


def fin(
    fields: list[tuple[str, str]],
    *,
    mt: str = "103",
    user: str = UETR,
    sender: str = "COBADEFFAXXX",
    receiver: str = "CHASUS33XXXX",
) -> str:
    body = "\n".join(f":{tag}:{value}" for tag, value in fields)
    return (
        f"{{1:F01{sender}0000000000}}{{2:I{mt}{receiver}N}}{{3:{user}}}"
        f"{{4:\n{body}\n-}}{{5:{{CHK:A1B2C3D4E5F6}}}}"
    )


def mt103(options: dict[str, str] | None = None, replace: dict[str, str] | None = None) -> str:
    """MT103; ``options`` swaps a field for another option of it (``{"59F": ...}``
    replaces 59/59A), ``replace`` sets a field's value as is."""
    fields = list(MT103_FIELDS)
    for tag, value in (options or {}).items():
        fields = [(t, v) if t[:2] != tag[:2] else (tag, value) for t, v in fields]
    for tag, value in (replace or {}).items():
        fields = [(t, value if t == tag else v) for t, v in fields]
    return fin(fields)


MT202COV_A = [
    ("20", "COV77120"),
    ("21", "NMB2026112000001"),
    ("32A", "261120EUR48250,00"),
    ("52A", "DEUTDEFF"),
    ("56A", "CHASUS33"),
    ("57A", "DBSSSGSG"),
    ("58A", "DBSSSGSG"),
    ("72", "/BNF/COVER NMB2026112000001"),
]
MT202COV_B = [
    ("50F", OPTIONS["50F"]),
    ("52A", "DEUTDEFF"),
    ("56A", "CITISGSG"),
    ("57A", "DBSSSGSG"),
    ("59F", OPTIONS["59F"]),
    ("70", "/INV/2026-0412 CNC SPINDLE BEARINGS"),
    ("72", "/INS/COBADEFF"),
    ("33B", "EUR48250,00"),
]


def mt202cov(seq_a: dict[str, str] | None = None, seq_b: dict[str, str] | None = None) -> str:
    a = [(t, (seq_a or {}).get(t, v)) for t, v in MT202COV_A]
    b = [(t, (seq_b or {}).get(t, v)) for t, v in MT202COV_B]
    return fin(a + b, mt="202", user="{119:COV}{121:8a562c67-ca16-48ba-b074-65581be6f001}")


def mt202(replace: dict[str, str] | None = None) -> str:
    fields = [(t, (replace or {}).get(t, v)) for t, v in MT202COV_A]
    return fin(fields, mt="202", user="{121:1f0e7a9c-3b2d-4e5f-8a6b-7c8d9e0f1a2b}")


Builder = Callable[[Plant], str]


# --- the motivating case as a pacs.008 ------------------------------------------------

SEED_CONTEXT = {
    "ultimate_debtor": {
        "role": "buyer",
        "entity_type": "organization",
        "industry": "Real estate management (ISIC L68)",
        "incorporation_date": "2026-06-15",
        "web_presence": "none",
        "website": None,
        "physical_office": "none",
    },
    "debtor": {"entity_type": "individual", "nationality": "KP"},
    "creditor": {"entity_type": "organization", "industry": "fuel trading"},
}
"""What the paying bank knows of its customer and the counterparties (KYC), given with
the message as the JSON form's ``context``: a payment message carries no industry or web
presence, so the rules that need them read it from here, as they do from the JSON."""


def seed_pacs008(prefix: str | None = None) -> str:
    """Tests/transaction_scenarios T01 paid as a pacs.008 through a Singapore bank: the
    payer (a DPRK national) pays for the front company, the Russian fuel seller is paid
    through Hong Kong, and the remittance text names the diesel cargo."""
    x = Xml(prefix)
    base = "CdtTrfTxInf"

    def fin(tag: str, bic: str) -> str:
        return x(tag, x("FinInstnId", x("BICFI", bic)))

    def adr(town: str, country: str, line: str) -> str:
        return x("PstlAdr", x("StrtNm", line), x("TwnNm", town), x("Ctry", country))

    tx = x(
        base,
        x(
            "PmtId",
            x("InstrId", "GH-0001"),
            x("EndToEndId", "GH-DIESEL-0001"),
            x("UETR", "3f1c9f52-7a0e-4d2b-9a61-0c1d2e3f4a5b"),
        ),
        x("IntrBkSttlmAmt", "6900000.00", Ccy="USD"),
        x("IntrBkSttlmDt", "2026-11-20"),
        x("ChrgBr", "SHAR"),
        fin("InstgAgt", "DBSSSGSG"),
        fin("InstdAgt", "HSBCHKHH"),
        fin("IntrmyAgt1", "HSBCHKHH"),
        x(
            "UltmtDbtr",
            x("Nm", "Golden Harbour Property Management Pte Ltd"),
            adr("Singapore", "SG", "10 Anson Road #20-05"),
        ),
        x("Dbtr", x("Nm", "Ri Chol Min")),
        x("DbtrAcct", x("Id", x("Othr", x("Id", "0039281774")))),
        fin("DbtrAgt", "DBSSSGSG"),
        fin("CdtrAgt", "HSBCHKHH"),
        x(
            "Cdtr",
            x("Nm", "Vostok Fuel Supply LLC"),
            adr("Vladivostok", "RU", "ul. Svetlanskaya 5"),
        ),
        x("CdtrAcct", x("Id", x("Othr", x("Id", "801552190838")))),
        x("RmtInf", x("Ustrd", "PAYMENT FOR DIESEL CARGO EX VLADIVOSTOK TO CHINA")),
    )
    header = group_header(
        x, "DBS20261120-GH-1", "2026-11-20T08:02:00+08:00", 1, x("SttlmInf", x("SttlmMtd", "INDA"))
    )
    return document("pacs.008", "001.08", x("FIToFICstmrCdtTrf", header, tx), prefix)

"""Remittance texts for the payments benchmark: clean ones from invoice, payroll and
trade wording (never from list names), and dirty ones with a listed name planted.

Deterministic (seeded), so before/after runs compare the same texts.
"""

from __future__ import annotations

import random
from xml.sax.saxutils import escape

MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
GOODS = [
    "CNC SPINDLE BEARINGS",
    "FROZEN SHRIMP 2 X 40FT REEFER",
    "OFFICE FURNITURE",
    "LED PANELS",
    "COTTON T-SHIRTS",
    "SPARE PARTS FOR PACKAGING LINE",
    "STAINLESS FLANGES DN50",
    "ROASTED COFFEE BEANS",
    "LAPTOPS AND DOCKING STATIONS",
    "PHARMACEUTICAL BLISTER FOIL",
    "CERAMIC TILES",
    "HYDRAULIC HOSES",
    "SOLAR INVERTERS",
    "PET PREFORMS",
    "AUTOMOTIVE WIPERS",
    "PRINTED CIRCUIT BOARDS",
    "WOODEN PALLETS",
    "CANNED TUNA",
    "BABY FORMULA",
    "GLASS BOTTLES",
    "POLYPROPYLENE GRANULES",
    "FORKLIFT TYRES",
    "SURGICAL GLOVES",
    "WINE 12 CASES",
]
SERVICES = [
    "CONSULTING SERVICES",
    "SOFTWARE LICENCE RENEWAL",
    "AUDIT FEE FY2025",
    "LEGAL FEES",
    "MARKETING CAMPAIGN Q3",
    "IT SUPPORT RETAINER",
    "OFFICE RENT",
    "WAREHOUSE STORAGE",
    "CUSTOMS BROKERAGE",
    "INSURANCE PREMIUM POLICY",
    "TRAINING WORKSHOP",
    "CLEANING SERVICES",
    "TRANSLATION SERVICES",
    "CLOUD HOSTING",
    "MAINTENANCE CONTRACT",
    "ARCHITECT FEES",
]
FIRST = [
    "JOHN",
    "MARIA",
    "WEI",
    "ANNA",
    "PETER",
    "SITI",
    "RAJESH",
    "YUKI",
    "CARLOS",
    "EMMA",
    "LUCAS",
    "NGUYEN",
    "FATIMA",
    "OLIVIA",
    "HANS",
    "PRIYA",
    "JAMES",
    "SOFIA",
    "DAVID",
    "MEI",
    "THOMAS",
    "LAURA",
    "KENJI",
    "ELENA",
    "PAUL",
    "AISHA",
    "MARK",
    "CHLOE",
]
LAST = [
    "SMITH",
    "MUELLER",
    "TAN",
    "GARCIA",
    "JOHNSON",
    "LIM",
    "SHARMA",
    "SATO",
    "ROSSI",
    "DUBOIS",
    "BROWN",
    "WONG",
    "SILVA",
    "JANSEN",
    "KOWALSKI",
    "NOVAK",
    "MARTIN",
    "CHEN",
    "PATEL",
    "WILSON",
    "SCHMIDT",
    "LEE",
    "NIELSEN",
    "FERREIRA",
    "OKAFOR",
    "HANSEN",
]
CITIES = [
    "HAMBURG",
    "ROTTERDAM",
    "ANTWERP",
    "FELIXSTOWE",
    "SHANGHAI",
    "BUSAN",
    "LOS ANGELES",
    "SANTOS",
    "JEBEL ALI",
    "PORT KLANG",
    "LE HAVRE",
    "GENOA",
    "YOKOHAMA",
    "DURBAN",
    "MUMBAI",
    "VALENCIA",
    "GDANSK",
    "MELBOURNE",
    "VANCOUVER",
    "MANZANILLO",
]
COMPANIES = [
    "ACME INDUSTRIAL SUPPLIES",
    "NORDIC TIMBER AB",
    "SUNRISE FOODS",
    "BLUE RIVER LOGISTICS",
    "METRO OFFICE SOLUTIONS",
    "ALPINE TOOLING GMBH",
    "HARBOUR MARINE SERVICES",
    "GREENFIELD FARMS",
    "PACIFIC PRINTING",
    "SILVERLINE TEXTILES",
    "ORCHID PHARMA",
    "CEDAR CONSTRUCTION",
    "BRIGHTSTAR ELECTRONICS",
    "EVERGREEN PACKAGING",
]
TEMPLATES = [
    "INV {inv} DD {d} {m} {y} {goods} PO {po}",
    "PAYMENT OF INVOICE {inv} AND {inv2} FOR {goods} LESS {pct} PCT DISCOUNT",
    "/INV/{inv}/{y}{mm}{d} {services} {company}",
    "SALARY {m} {y} {first} {last} EMP NO {emp}",
    "PAYROLL {m} {y} BONUS AND OVERTIME {first} {last}",
    "EXPENSE REIMBURSEMENT {first} {last} TRAVEL {city} {m} {y}",
    "FREIGHT {city} TO {city2} BL {bl} CONTAINER {cont} {goods}",
    "LC {lc} DOCUMENTS PRESENTED {goods} SHIPPED FROM {city} INVOICE {inv}",
    "DEPOSIT 30 PCT PROFORMA {inv} {goods} BALANCE AGAINST BL COPY",
    "RENT {m} {y} UNIT {unit} {company} REF {po}",
    "{services} {m} {y} CONTRACT {po} {company}",
    "REFUND OF OVERPAYMENT ON INVOICE {inv} CUSTOMER {emp}",
    "PAYMENT FOR {goods} AS PER CONTRACT {po} DELIVERY {city} INCOTERMS CIF",
    "TUITION FEES SEMESTER {d} STUDENT {first} {last} ID {emp}",
    "INSURANCE CLAIM {lc} SETTLEMENT {company} {m} {y}",
    "DIVIDEND PAYMENT {y} SHAREHOLDER {first} {last}",
    "SUPPLIER PAYMENT RUN {y}-{mm}-{d} {company} INV {inv}",
    "DEMURRAGE AND DETENTION CHARGES PORT OF {city} BL {bl}",
]


def _values(rng: random.Random) -> dict[str, str]:
    month = rng.randrange(12)
    return {
        "inv": f"{rng.choice(['INV', 'SI', 'FAC', ''])}{rng.randrange(10000, 999999)}",
        "inv2": str(rng.randrange(10000, 999999)),
        "po": f"PO{rng.randrange(1000, 99999)}",
        "d": f"{rng.randrange(1, 29):02d}",
        "m": MONTHS[month],
        "mm": f"{month + 1:02d}",
        "y": str(rng.choice([2025, 2026])),
        "goods": rng.choice(GOODS),
        "services": rng.choice(SERVICES),
        "company": rng.choice(COMPANIES),
        "first": rng.choice(FIRST),
        "last": rng.choice(LAST),
        "emp": str(rng.randrange(1000, 99999)),
        "city": rng.choice(CITIES),
        "city2": rng.choice(CITIES),
        "bl": f"{rng.choice(['MAEU', 'MSCU', 'HLCU', 'CMDU'])}{rng.randrange(10**8, 10**9)}",
        "cont": f"{rng.choice(['MSKU', 'TGHU', 'CAIU'])}{rng.randrange(10**6, 10**7)}",
        "lc": f"LC{rng.randrange(10**5, 10**6)}",
        "pct": str(rng.choice([2, 3, 5])),
        "unit": f"{rng.randrange(1, 40)}-{rng.randrange(1, 20):02d}",
    }


def clean_texts(n: int, seed: int = 7, length: int = 140) -> list[str]:
    """``n`` remittance texts of about ``length`` characters from business wording."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        while sum(len(p) + 1 for p in parts) < length - 30:
            parts.append(rng.choice(TEMPLATES).format(**_values(rng)))
        out.append(" ".join(parts)[:length].rsplit(" ", 1)[0])
    return out


def plant(text: str, name: str, rng: random.Random) -> str:
    """``text`` with ``name`` put in at a word boundary, as a sender would type it."""
    words = text.split()
    at = rng.randrange(len(words) + 1)
    return " ".join([*words[:at], name, *words[at:]])


def typo(name: str, rng: random.Random) -> str:
    """One typing slip in the longest word (swap, drop or double a letter)."""
    words = name.split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) < 6:
        return name
    j = rng.randrange(1, len(w) - 2)
    kind = rng.choice(["swap", "drop", "double"])
    if kind == "swap":
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    elif kind == "drop":
        w = w[:j] + w[j + 1 :]
    else:
        w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


BANKS = [
    ("DEUTDEFF", "DE"),
    ("DBSSSGSG", "SG"),
    ("CHASUS33", "US"),
    ("BNPAFRPP", "FR"),
    ("HSBCHKHH", "HK"),
    ("CITISGSG", "SG"),
    ("INGBNL2A", "NL"),
    ("COBADEFF", "DE"),
    ("BARCGB22", "GB"),
    ("SCBLSGSG", "SG"),
    ("MHCBJPJT", "JP"),
    ("ANZBAU3M", "AU"),
]
TOWNS = [
    ("Hamburg", "DE"),
    ("Singapore", "SG"),
    ("Lyon", "FR"),
    ("Osaka", "JP"),
    ("Chicago", "US"),
    ("Leeds", "GB"),
    ("Utrecht", "NL"),
    ("Perth", "AU"),
]


def _party(tag: str, name: str, town: tuple[str, str], street: str) -> str:
    return (
        f"<{tag}><Nm>{escape(name)}</Nm><PstlAdr><StrtNm>{street}</StrtNm><TwnNm>{town[0]}</TwnNm>"
        f"<Ctry>{town[1]}</Ctry></PstlAdr></{tag}>"
    )


def _agent(tag: str, bank: tuple[str, str]) -> str:
    return f"<{tag}><FinInstnId><BICFI>{bank[0]}</BICFI></FinInstnId></{tag}>"


def pacs008_messages(texts: list[str], seed: int = 11) -> list[str]:
    """One pacs.008.001.08 per remittance text: one transaction, eight parties (debtor,
    creditor, ultimate debtor and creditor, debtor and creditor agents, an intermediary
    agent, the instructing agent), names drawn from a pool as a bank's customers repeat."""
    rng = random.Random(seed)
    out = []
    for n, text in enumerate(texts):
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        tx = "".join(
            [
                f"<PmtId><InstrId>B{n}</InstrId><EndToEndId>E2E-{n}</EndToEndId></PmtId>",
                f'<IntrBkSttlmAmt Ccy="EUR">{rng.randrange(100, 10**6)}.00</IntrBkSttlmAmt>',
                "<IntrBkSttlmDt>2026-11-20</IntrBkSttlmDt><ChrgBr>SHAR</ChrgBr>",
                _agent("InstgAgt", rng.choice(BANKS)),
                _agent("IntrmyAgt1", rng.choice(BANKS)),
                _party(
                    "UltmtDbtr",
                    rng.choice(COMPANIES) + " HOLDING",
                    rng.choice(TOWNS),
                    f"{rng.randrange(1, 200)} Market Street",
                ),
                _party(
                    "Dbtr",
                    rng.choice(COMPANIES),
                    rng.choice(TOWNS),
                    f"{rng.randrange(1, 200)} Harbour Road",
                ),
                _agent("DbtrAgt", rng.choice(BANKS)),
                _agent("CdtrAgt", rng.choice(BANKS)),
                _party(
                    "Cdtr",
                    rng.choice(COMPANIES),
                    rng.choice(TOWNS),
                    f"{rng.randrange(1, 200)} Station Road",
                ),
                _party("UltmtCdtr", person, rng.choice(TOWNS), f"{rng.randrange(1, 90)} Park Lane"),
                f"<RmtInf><Ustrd>{escape(text)}</Ustrd></RmtInf>",
            ]
        )
        out.append(
            '<?xml version="1.0" encoding="UTF-8"?><Document '
            'xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>'
            f"<GrpHdr><MsgId>BENCH-{n}</MsgId><CreDtTm>2026-11-20T09:00:00</CreDtTm>"
            "<NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>"
            f"<CdtTrfTxInf>{tx}</CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"
        )
    return out

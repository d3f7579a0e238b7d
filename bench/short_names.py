"""Short list names under the spellings payments carry: a typology family of the bench.

A *short* name has one or two distinctive words once legal forms and generic business
words are set aside ("MAHAN AIR", "SOVCOMFLOT PJSC", "KALASHNIKOV CONCERN"). One wrong
letter pair in its rare word already changes most of the name, so these are the
hardest variants for candidate gathering. Each generator returns ``None`` when the name
is not short or the manipulation does not apply.
"""

from __future__ import annotations

import random
import re

_LEGAL = re.compile(
    r"^(LIMITED|LTD|CO|COMPANY|CORP|CORPORATION|INC|LLC|JSC|PJSC|OJSC|CJSC|OAO|ZAO|PAO|OOO|"
    r"AO|GMBH|AG|PTE|PLC|FZE|FZCO|SARL|SRL|SPA|BV|NV|LLP|SA|S\.A\.|LIABILITY|JOINT|STOCK|"
    r"PUBLIC|PRIVATE|OPEN|CLOSED|SOCIEDAD|ANONIMA|TOO|DOO|EOOD|OU|AS|AB|KG)\.?,?$",
    re.IGNORECASE,
)
_GENERIC = frozenset(
    "AIR AIRLINES LINES TRADING GROUP INTERNATIONAL INDUSTRIES INDUSTRIAL SERVICES "
    "SHIPPING COMPANY BANK HOLDING HOLDINGS MANAGEMENT ENTERPRISE ENTERPRISES GENERAL "
    "NATIONAL TECHNOLOGY TECHNOLOGIES ENGINEERING INVESTMENT INVESTMENTS DEVELOPMENT "
    "CONCERN FACTORY PLANT COMMERCIAL ELECTRONICS THE OF AND FOR DE LA".split()
)
_LEGAL_LONG = re.compile(
    r"\s*,?\s*\b(LIMITED LIABILITY COMPANY|(?:OPEN |CLOSED |PUBLIC |PRIVATE )?JOINT[- ]STOCK "
    r"COMPANY|SOCIEDAD ANONIMA|COMPANY LIMITED|PRIVATE LIMITED|PUBLIC LIMITED COMPANY|"
    r"CO\.,? LTD\.?|LIMITED LIABILITY PARTNERSHIP|SOCIETE ANONYME)\b\.?",
    re.IGNORECASE,
)
_ABBREVIATIONS = {
    "MANAGEMENT": "MGMT", "INTERNATIONAL": "INTL", "CORPORATION": "CORP", "COMPANY": "CO",
    "LIMITED": "LTD", "INDUSTRIES": "INDS", "INDUSTRIAL": "INDL", "ENGINEERING": "ENGG",
    "TRADING": "TRDG", "SERVICES": "SVCS", "BROTHERS": "BROS", "ASSOCIATION": "ASSN",
    "DEVELOPMENT": "DEVT", "GOVERNMENT": "GOVT", "DEPARTMENT": "DEPT", "NATIONAL": "NATL",
    "TECHNOLOGY": "TECH", "TECHNOLOGIES": "TECH", "INVESTMENT": "INVT", "EQUIPMENT": "EQPT",
    "MANUFACTURING": "MFG", "ORGANIZATION": "ORG", "SHIPPING": "SHPG", "GENERAL": "GENL",
    "COMMERCIAL": "COML", "HOLDING": "HLDG", "INSTITUTE": "INST", "UNIVERSITY": "UNIV",
    "AND": "&", "SAINT": "ST", "INCORPORATED": "INC", "ENTERPRISE": "ENT",
}  # fmt: skip
_FOREIGN = [("U", "OU"), ("Y", "J"), ("V", "W"), ("SH", "SCH"), ("KH", "CH"), ("J", "DJ")]
_PREFIXES = (
    "AIR", "AERO", "PETRO", "TRANS", "INTER", "ENERGO", "NEFTE", "TECHNO", "ROS", "SEA",
    "SHIP", "OIL", "SUN", "STAR", "GOLD", "NORTH", "SOUTH", "EAST", "WEST", "NEW", "GREEN",
    "BLUE", "WHITE", "BLACK", "MEGA", "AGRO", "AVIA", "SOV", "GAZ", "ELECTRO", "RADIO",
)  # fmt: skip


def _rare_words(name: str) -> list[int] | None:
    """Indexes of the distinctive words when there are one or two of them (the longest
    at least five letters), else ``None``."""
    words = name.replace(",", " ").split()
    rare = [
        i
        for i, w in enumerate(words)
        if not _LEGAL.match(w) and w.upper().strip(".,") not in _GENERIC and len(w) >= 2
    ]
    longest = max((words[i] for i in rare), key=len, default="")
    if not 1 <= len(rare) <= 2 or len(longest) < 5 or not longest.isalpha():
        return None
    return rare


def _apply(name: str, i: int, word: str) -> str:
    words = name.replace(",", " ").split()
    words[i] = word
    return " ".join(words)


def short_typo2(name: str, rng: random.Random) -> str | None:
    """Two wrong letters, or a swapped pair, in the rarest (longest) distinctive word."""
    rare = _rare_words(name)
    if rare is None:
        return None
    words = name.replace(",", " ").split()
    i = max(rare, key=lambda k: len(words[k]))
    w = words[i].upper()
    if rng.random() < 0.4:
        p = rng.randrange(1, len(w) - 1)
        if w[p] == w[p + 1]:
            return None
        return _apply(name, i, w[:p] + w[p + 1] + w[p] + w[p + 2 :])
    if len(w) < 6:
        return None
    for _ in range(2):
        p = rng.randrange(1, len(w))
        op = rng.choice(("delete", "insert", "substitute"))
        letter = rng.choice("AEIOURSTLNKM")
        if op == "delete":
            w = w[:p] + w[p + 1 :]
        elif op == "insert":
            w = w[:p] + letter + w[p:]
        else:
            w = w[:p] + letter + w[p + 1 :]
    return _apply(name, i, w)


def short_foreign_spelling(name: str, rng: random.Random) -> str | None:
    """The rare word as French or German spell it: OU for U, J for Y, W for V, SCH for
    SH, CH for KH, DJ for J."""
    rare = _rare_words(name)
    if rare is None:
        return None
    words = name.replace(",", " ").split()
    options = [(i, a, b) for i in rare for a, b in _FOREIGN if a in words[i].upper()[1:]]
    if not options:
        return None
    i, a, b = rng.choice(options)
    w = words[i].upper()
    return _apply(name, i, w[0] + w[1:].replace(a, b))


def short_compound(name: str, rng: random.Random) -> str | None:
    """A compound split at a known first part ("AIR LINES", "PETRO CHEM") or two
    adjacent words joined ("AIRLINES")."""
    if _rare_words(name) is None:
        return None
    words = name.replace(",", " ").split()
    splits = [
        (i, p)
        for i, w in enumerate(words)
        for p in _PREFIXES
        if w.upper().startswith(p) and len(w) - len(p) >= 3
    ]
    if splits and rng.random() < 0.5:
        i, p = rng.choice(splits)
        return " ".join(words[:i] + [words[i][: len(p)], words[i][len(p) :]] + words[i + 1 :])
    if len(words) < 2:
        return None
    i = rng.randrange(0, len(words) - 1)
    return " ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2 :])


def short_abbreviation(name: str, rng: random.Random) -> str | None:
    """A business word abbreviated as payments do (MGMT, INTL, CORP, INDS, &)."""
    if _rare_words(name) is None:
        return None
    words = name.replace(",", " ").split()
    spots = [i for i, w in enumerate(words) if w.upper().strip(".,") in _ABBREVIATIONS]
    if not spots:
        return None
    i = rng.choice(spots)
    return _apply(name, i, _ABBREVIATIONS[words[i].upper().strip(".,")])


def short_legal_dropped(name: str, rng: random.Random) -> str | None:
    """A long legal form ("LIMITED LIABILITY COMPANY") left off."""
    if _rare_words(name) is None or not _LEGAL_LONG.search(name):
        return None
    out = re.sub(r"\s+", " ", _LEGAL_LONG.sub(" ", name)).strip(" ,.\"'")
    return out if len(out) >= 3 and out != name else None


ORG_LIKE = ("organization", "vessel")
"""Aircraft are listed by registration marks (EP-ABC): a typo there is another mark."""
SHORT_TYPOLOGIES = {
    "short_typo2": (short_typo2, ORG_LIKE),
    "short_foreign_spelling": (short_foreign_spelling, ORG_LIKE),
    "short_compound": (short_compound, ORG_LIKE),
    "short_abbreviation": (short_abbreviation, ("organization",)),
    "short_legal_dropped": (short_legal_dropped, ("organization",)),
}

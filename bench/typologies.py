"""Seeded generators of labelled name variants, one function per screening typology.

Each generator takes a list name (primary name or strong alias) and a ``random.Random``
and returns the manipulated string a payment could carry, or ``None`` when the typology
does not apply to that name (e.g. no middle name to drop). The typologies follow the
screening-test literature (character level, token level, affixes, organisations,
scripts, vessels); see ``../shared/domain/prior-art.md`` section (e).

Manipulations avoid tokens shorter than 5 characters for character edits: a typo in a
three-letter name part makes a different name, not a variant (Deep Lake's warning
about unfair tests).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from bench.short_names import SHORT_TYPOLOGIES

Variant = Callable[[str, random.Random], str | None]

_KEYBOARD = {
    "a": "qwsz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc",
    "g": "ftyhbv", "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop",
    "m": "njk", "n": "bhjm", "o": "iklp", "p": "ol", "q": "wa", "r": "edft", "s": "awedxz",
    "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase", "x": "zsdc", "y": "tghu", "z": "asx",
}  # fmt: skip
_HOMOGLYPH = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і"}
_HOMOGLYPH.update({k.upper(): v.upper() for k, v in _HOMOGLYPH.items()})
_DIACRITIC = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "c": "ç", "n": "ñ", "s": "ş"}
_ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
_TITLES = [
    "Mr", "Mr.", "Dr", "Dr.", "Sheikh", "Shaikh", "Haji", "Hajji", "Al-Haj", "General",
    "Gen.", "Mrs", "Ms", "Prof.", "Mullah", "Sayyid", "Sayed", "Ayatollah", "Maulana",
    "Mufti", "Imam", "Eng.", "Engineer", "Capt.", "Colonel", "Col.", "Brig. Gen.", "H.E.",
    "His Excellency", "Sir", "Madame", "Herr", "Monsieur", "Commander",
]  # fmt: skip
_SUFFIXES = ["Jr.", "PhD", "Sr.", "Esq."]
_LOCATIONS = ["(Singapore)", "Dubai Branch", "(Hong Kong)", "- Moscow", "(UAE)", "Istanbul"]
_LEGAL_SWAP = [
    ("LIMITED", "LTD"), ("COMPANY", "CO"), ("CORPORATION", "CORP"), ("INCORPORATED", "INC"),
    ("JOINT STOCK COMPANY", "JSC"), ("LIMITED LIABILITY COMPANY", "LLC"),
    ("PUBLIC JOINT STOCK COMPANY", "PJSC"), ("OOO", "ООО"), ("AO", "JSC"), ("OAO", "OJSC"),
    ("CO., LTD.", "COMPANY LIMITED"), ("PTE. LTD.", "PRIVATE LIMITED"), ("S.A.", "SA"),
    ("GMBH", "GESELLSCHAFT MIT BESCHRANKTER HAFTUNG"),
]  # fmt: skip
_LEGAL_WORDS = re.compile(
    r"(?<![\w.])("
    r"LIMITED LIABILITY COMPANY|(?:OPEN |CLOSED |PUBLIC |PRIVATE )?JOINT[- ]STOCK COMPANY|"
    r"CO\.,? LTD|PTE\.? LTD|S\.A\. DE C\.V|S\.A\.S|S\.A|"
    r"LIMITED|LTD|CO|COMPANY|CORP|CORPORATION|INC|LLC|JSC|PJSC|OJSC|CJSC|OAO|ZAO|PAO|OOO|"
    r"AO|GMBH|AG|PTE|PLC|FZE|FZCO|SARL|SRL|SPA|BV|NV|LLP|EOOD|EAD)\.?(?![\w])",
    re.IGNORECASE,
)
_CYRILLIC = [
    ("shch", "щ"), ("kh", "х"), ("zh", "ж"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"),
    ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"),
    ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "ы"), ("k", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "к"), ("j", "дж"), ("w", "в"), ("x", "кс"),
    ("q", "к"),
]  # fmt: skip
_GREEK = [
    ("th", "θ"), ("ch", "χ"), ("ps", "ψ"), ("ks", "ξ"), ("a", "α"), ("b", "β"), ("v", "β"),
    ("g", "γ"), ("d", "δ"), ("e", "ε"), ("z", "ζ"), ("i", "ι"), ("k", "κ"), ("l", "λ"),
    ("m", "μ"), ("n", "ν"), ("x", "ξ"), ("o", "ο"), ("p", "π"), ("r", "ρ"), ("s", "σ"),
    ("t", "τ"), ("y", "υ"), ("f", "φ"), ("u", "ου"), ("h", "χ"), ("c", "κ"), ("j", "τζ"),
    ("w", "ου"), ("q", "κ"),
]  # fmt: skip


def _words(name: str) -> list[str]:
    return name.replace(",", " ").split()


def _pick_long(words: list[str], rng: random.Random, min_len: int = 5) -> int | None:
    idx = [i for i, w in enumerate(words) if len(w) >= min_len and w.isalpha()]
    return rng.choice(idx) if idx else None


def _edit(name: str, rng: random.Random, op: str) -> str | None:
    words = name.split()
    i = _pick_long(words, rng)
    if i is None:
        return None
    w = words[i]
    pos = rng.randrange(1, len(w) - 1)
    ch = w[pos].lower()
    if op == "delete":
        w = w[:pos] + w[pos + 1 :]
    elif op == "insert":
        w = w[:pos] + rng.choice(_KEYBOARD.get(ch, "e")) + w[pos:]
    elif op == "substitute":
        w = w[:pos] + rng.choice(_KEYBOARD.get(ch, "e")) + w[pos + 1 :]
    elif op == "transpose":
        if w[pos] == w[pos + 1] if pos + 1 < len(w) else True:
            return None
        w = w[:pos] + w[pos + 1] + w[pos] + w[pos + 2 :]
    words[i] = w.upper() if name.isupper() else w
    return " ".join(words)


def typo_delete(name: str, rng: random.Random) -> str | None:
    return _edit(name, rng, "delete")


def typo_insert(name: str, rng: random.Random) -> str | None:
    return _edit(name, rng, "insert")


def typo_substitute(name: str, rng: random.Random) -> str | None:
    return _edit(name, rng, "substitute")


def typo_transpose(name: str, rng: random.Random) -> str | None:
    return _edit(name, rng, "transpose")


def double_letter(name: str, rng: random.Random) -> str | None:
    """One or two letters doubled or a doubled letter collapsed, in any word of three
    letters or more (payments write ABDULLAH, ABDULAH and ABDDULLAH)."""
    out = name
    for _ in range(rng.choice((1, 1, 2))):
        doubled = [m.start() for m in re.finditer(r"([A-Za-z])\1", out)]
        if doubled and rng.random() < 0.5:
            p = rng.choice(doubled)
            out = out[:p] + out[p + 1 :]
            continue
        words = out.split()
        i = _pick_long(words, rng, 3)
        if i is None:
            return None
        w = words[i]
        p = rng.randrange(1, len(w))
        words[i] = w[:p] + w[p] + w[p:]
        out = " ".join(words)
    return out if out != name else None


def diacritics(name: str, rng: random.Random) -> str | None:
    chars = list(name)
    spots = [i for i, c in enumerate(chars) if c.lower() in _DIACRITIC]
    if not spots:
        return None
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
        d = _DIACRITIC[chars[i].lower()]
        chars[i] = d.upper() if chars[i].isupper() else d
    return "".join(chars)


def homoglyph(name: str, rng: random.Random) -> str | None:
    chars = list(name)
    spots = [i for i, c in enumerate(chars) if c in _HOMOGLYPH]
    if not spots:
        return None
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
        chars[i] = _HOMOGLYPH[chars[i]]
    return "".join(chars)


def zero_width(name: str, rng: random.Random) -> str | None:
    if len(name) < 4:
        return None
    p = rng.randrange(1, len(name) - 1)
    return name[:p] + rng.choice(_ZERO_WIDTH) + name[p:]


def odd_spacing(name: str, rng: random.Random) -> str | None:
    """Spaces become NBSP, double spaces, tabs or punctuation; case changes."""
    if " " not in name:
        return None
    sep = rng.choice(["\u00a0", "  ", "\t", " - ", ". ", "_", "\u3000"])
    out = name.replace(" ", sep)
    return out.lower() if rng.random() < 0.5 else out


def reorder(name: str, rng: random.Random) -> str | None:
    """'LAST, First Middle' -> 'First Middle LAST', or the tokens reversed."""
    if "," in name:
        last, _, first = name.partition(",")
        if first.strip():
            return f"{first.strip()} {last.strip()}"
    words = name.split()
    if len(words) < 2:
        return None
    return " ".join(reversed(words))


def missing_middle(name: str, rng: random.Random) -> str | None:
    """A middle word dropped from any name of three words or more (persons, companies,
    vessels alike)."""
    words = _words(name)
    if len(words) < 3:
        return None
    i = rng.randrange(1, len(words) - 1)
    return " ".join(words[:i] + words[i + 1 :])


def initials(name: str, rng: random.Random) -> str | None:
    """Given names shortened to their initials: every one of them in half the cases
    ('PUTIN, V. V.', 'V. V. PUTIN'), one of them in the other half ('PUTIN, V.
    Vladimirovich'). The family name is the part before OFAC's comma, else the last
    word."""
    if "," in name:
        last, _, given = name.partition(",")
        words = given.split()
        if not words or not last.split():
            return None
        prefix = last.strip() + ","
    else:
        words = name.split()
        if len(words) < 2:
            return None
        prefix, words = "", words
    given_idx = range(len(words)) if prefix else range(len(words) - 1)
    if not any(len(words[i]) >= 3 for i in given_idx):
        return None
    chosen = list(given_idx)
    if rng.random() < 0.5:
        chosen = [rng.choice([i for i in chosen if len(words[i]) >= 3])]
    for i in chosen:
        words[i] = words[i][0] + rng.choice([".", ".", ""])
    out = " ".join(([prefix] if prefix else []) + words)
    if not prefix and rng.random() < 0.3:
        *given, last = words
        out = f"{last} {' '.join(given)}"
    return out


def joined(name: str, rng: random.Random) -> str | None:
    """Two adjacent words glued, or (for a third of the names) every word."""
    words = name.replace(",", " ").split()
    if len(words) < 2:
        return None
    if len(words) >= 3 and rng.random() < 0.33:
        return "".join(words)
    i = rng.randrange(0, len(words) - 1)
    return " ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2 :])


def split_token(name: str, rng: random.Random) -> str | None:
    words = name.split()
    i = _pick_long(words, rng, 8)
    if i is None:
        return None
    w = words[i]
    p = rng.randrange(3, len(w) - 3)
    return " ".join(words[:i] + [w[:p], w[p:]] + words[i + 1 :])


def title_added(name: str, rng: random.Random) -> str | None:
    """An honorific or rank before the name, sometimes a suffix after it."""
    out = f"{rng.choice(_TITLES)} {name}"
    if rng.random() < 0.15:
        out = f"{out} {rng.choice(_SUFFIXES)}"
    return out


def particle_variant(name: str, rng: random.Random) -> str | None:
    """'AL-ZUMAR' <-> 'AL ZUMAR' <-> 'ALZUMAR'; 'BIN LADEN' <-> 'BINLADEN'."""
    m = re.search(r"\b(AL|EL|BIN|IBN|ABU|VAN|DE|ABD|UL)[- ](\w)", name, re.IGNORECASE)
    if not m:
        return None
    glue = rng.choice(["", " ", "-"])
    if glue == name[m.end(1)]:
        glue = ""
    return name[: m.end(1)] + glue + name[m.end(1) + 1 :]


def legal_form_variant(name: str, rng: random.Random) -> str | None:
    upper = name.upper()
    options = []
    for a, b in _LEGAL_SWAP:
        for x, y in ((a, b), (b, a)):
            if re.search(rf"(?<!\w){re.escape(x)}(?!\w)", upper):
                options.append((x, y))
    if not options:
        return None
    x, y = rng.choice(options)
    return re.sub(rf"(?<!\w){re.escape(x)}(?!\w)", y, upper, count=1)


def legal_form_dropped(name: str, rng: random.Random) -> str | None:
    out = _LEGAL_WORDS.sub("", name)
    out = re.sub(r"[\s,]+$", "", re.sub(r"\s+", " ", out)).strip(" ,")
    if out == name.strip() or len(out) < 3:
        return None
    return out


def location_added(name: str, rng: random.Random) -> str | None:
    return f"{name} {rng.choice(_LOCATIONS)}"


def vessel_prefix(name: str, rng: random.Random) -> str | None:
    return f"{rng.choice(['M/V', 'MV', 'M.V.', 'MT'])} {name}"


def _translit(name: str, table: list[tuple[str, str]]) -> str:
    out = name.lower().replace(",", "")
    for a, b in table:
        out = out.replace(a, b)
    return out


def cyrillic(name: str, rng: random.Random) -> str | None:
    """The name as a Russian speaker would write it (our rough Latin->Cyrillic table)."""
    if not re.fullmatch(r"[A-Za-z ,.'-]+", name):
        return None
    return _translit(name, _CYRILLIC)


def greek(name: str, rng: random.Random) -> str | None:
    if not re.fullmatch(r"[A-Za-z ,.'-]+", name):
        return None
    return _translit(name, _GREEK)


PERSON = ("person",)
ORG = ("organization",)
VESSEL = ("vessel",)
ANY = ("person", "organization", "vessel", "aircraft")

TYPOLOGIES: dict[str, tuple[Variant | None, tuple[str, ...]]] = {
    "exact": (None, ANY),
    "typo_delete": (typo_delete, ANY),
    "typo_insert": (typo_insert, ANY),
    "typo_substitute": (typo_substitute, ANY),
    "typo_transpose": (typo_transpose, ANY),
    "double_letter": (double_letter, ANY),
    "diacritics": (diacritics, ANY),
    "homoglyph": (homoglyph, ANY),
    "zero_width": (zero_width, ANY),
    "odd_spacing": (odd_spacing, ANY),
    "reorder": (reorder, PERSON),
    "missing_middle": (missing_middle, ANY),
    "initials": (initials, PERSON),
    "joined": (joined, ANY),
    "split": (split_token, ANY),
    "title_added": (title_added, PERSON),
    "particle_variant": (particle_variant, PERSON + ORG),
    "legal_form_variant": (legal_form_variant, ORG),
    "legal_form_dropped": (legal_form_dropped, ORG),
    "location_added": (location_added, ORG),
    "vessel_prefix": (vessel_prefix, VESSEL),
    "cyrillic": (cyrillic, PERSON),
    "greek": (greek, PERSON),
    **SHORT_TYPOLOGIES,
}
"""name -> (generator, entity types it applies to). ``None`` means the name as listed."""

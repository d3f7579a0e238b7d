"""Text normalisation: any input string -> lower-case ASCII tokens.

Why a single function: the index and the query must see names through exactly the
same lens, otherwise an exact list name could fail to match itself. The steps, in order:

1. Unicode NFKC (folds ligatures, full-width forms, compatibility digits).
2. Drop invisible characters (zero-width space/joiners, BOM, soft hyphen, bidi marks)
   that payment messages and copy-paste smuggle into names.
3. Inside words that mix Latin with Cyrillic/Greek letters, map look-alike letters
   (homoglyphs: Cyrillic ``с``, Greek ``Ο``...) to their Latin twins. A word written
   wholly in Cyrillic or Greek is a real foreign-script word and is transliterated.
4. Transliterate to ASCII with ``anyascii`` (diacritics, Cyrillic, Greek, Arabic...).
   Han and Hangul are transliterated per syllable so each syllable becomes a token;
   joined-token matching later glues them back ("jin ping" = "jinping").
5. Lower-case; apostrophes and the dots of initialisms are deleted ("O'Brien" ->
   "obrien", "U.S." -> "us", "E.ON" -> "eon"), but a dot between two words separates
   them ("CO.LTD" = "CO LTD", "VEB.RF" = "VEB RF"), and so does the dot that ends an
   initialism before a word ("S.A.DE C.V." = "S.A. DE C.V.", "J.P.MORGAN" = "JP
   MORGAN"); every other non-alphanumeric character separates tokens, and so does a
   letter/digit boundary ("HILL5" = "HILL 5").

Greek is read with modern Greek digraph rules first (μπ = b, ντ = d, γκ = g), because
that is how Greek writes foreign names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_FORMAT_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)  # fmt: skip
"""Every format character (Unicode category Cf, incl. the tag characters
U+E0000-E007F) as of Unicode 15: tests check it against ``unicodedata``. Written out
because scanning all code points at import would cost half a second per process."""
_OTHER_INVISIBLE = (
    (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x3164, 0x3164),
    (0xFFA0, 0xFFA0), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF),
)  # fmt: skip
"""Not Cf but invisible all the same: grapheme joiner, Hangul fillers, Khmer inherent
vowels, variation selectors."""
_INVISIBLE = dict.fromkeys(
    c for low, high in _FORMAT_RANGES + _OTHER_INVISIBLE for c in range(low, high + 1)
)
_RLO_RUN = re.compile("\u202e([^\u202a-\u202c\u2066-\u2069]*)\u202c?")


def hidden_characters(text: str) -> tuple[str, ...]:
    """The invisible code points in ``text`` (``U+E0041`` ...), which nobody types by
    accident: a name carrying any is flagged, though matching ignores them."""
    found = {ch for ch in text if ord(ch) in _INVISIBLE}
    return tuple(sorted(f"U+{ord(ch):04X}" for ch in found))


def displayed_form(text: str) -> str | None:
    """How ``text`` reads on screen when a right-to-left override (U+202E) reverses
    part of it (``None`` without one): a reversed listed name shown the right way."""
    if "\u202e" not in text:
        return None
    return _RLO_RUN.sub(lambda m: m.group(1)[::-1], text)


# Cyrillic and Greek letters that render like a Latin letter (both cases).
_HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i",
        "ј": "j", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ᴦ": "r",
        "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
        "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ї": "I",
        "Ј": "J", "Ԁ": "D", "Һ": "H", "Ԛ": "Q", "Ԝ": "W",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ς": "c",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip

_WORD = re.compile(r"\w+", re.UNICODE)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYR_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_ELIDE = re.compile(r"(?<=\w)['’‘`´.](?=\w)")
_DOT_BETWEEN_WORDS = re.compile(r"(?<=[a-z]{2})\.(?=[a-z]{2})|(?<=\b[a-z]\.[a-z])\.(?=[a-z]{2})")
_SPLIT = re.compile(r"[^a-z0-9]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")
_GREEK = re.compile(r"[\u0370-\u03ff]")
# Modern Greek writes foreign b/d/g as two letters; read them back before anyascii.
_GREEK_DIGRAPHS = [
    (re.compile(r"[μΜ][πΠ]"), "b"),
    (re.compile(r"(?<![\w])[νΝ][τΤ]"), "d"),
    (re.compile(r"[νΝ][τΤ]"), "nd"),
    (re.compile(r"[γΓ][κΚ]"), "g"),
    (re.compile(r"[γΓ][γΓ]"), "ng"),
    (re.compile(r"[αΑ][ιΙί]"), "e"),
    (re.compile(r"[τΤ][ζΖ]"), "j"),
    (re.compile(r"[χΧ]"), "h"),
    (re.compile(r"[οΟ][υΥύ]"), "u"),
]


def clean(text: str) -> str:
    """NFKC, invisible characters removed, homoglyphs in mixed-script words fixed."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    if _CYR_GREEK.search(text) and _LATIN.search(text):
        text = _WORD.sub(_fix_mixed_word, text)
    return text


def _fix_mixed_word(m: re.Match[str]) -> str:
    word = m.group(0)
    if _LATIN.search(word) and _CYR_GREEK.search(word):
        return word.translate(_HOMOGLYPHS)
    return word


def script_of(text: str) -> str:
    """The dominant non-Latin script of ``text`` ("latin" when there is none)."""
    if _HANGUL.search(text):
        return "hangul"
    if _HAN.search(text):
        return "han"
    if _ARABIC.search(text):
        return "arabic"
    if _CYR_GREEK.search(text):
        return "cyrillic_greek"
    return "latin"


_AR_ARTICLE = re.compile(
    r"(?<![\u0600-\u06ff])\u0627\u0644(?=[\u0600-\u06ff]{2})(?!\u0644\u0647(?![\u0600-\u06ff]))"
)
"""The article al- glued to its word, but not in ALLAH (a word of its own)."""
_AR_ABD_GLUED = re.compile(
    r"(?<![\u0600-\u06ff])\u0639\u0628\u062f(?=\u0627\u0644[\u0600-\u06ff]{2})"
    r"(?!\u0627\u0644\u0644\u0647(?![\u0600-\u06ff]))"
)
"""ABD glued to the article and a divine name (ABDALRAQIB = ABD AL RAQIB), written as
one word as often as not; ABDALLAH stays one word, as it is listed."""
_AR_WORDS = {
    "\u0628\u0646": " bin ",
    "\u0627\u0628\u0646": " ibn ",
    "\u0639\u0628\u062f": " abd ",
    "\u0627\u0644\u0644\u0647": " allah ",
}


_CYR_YO = re.compile(r"(?<![\u0400-\u04ff])[ёЁ]|(?<=[аеёиоуыэюяьъАЕЁИОУЫЭЮЯЬЪ])[ёЁ]")
"""Cyrillic yo where it is pronounced yo: starting a word or after a vowel or a sign
("Ёнг" YONG, "Воробьёв" VOROBYOV). After a consonant it stays e, as passports write it
("Пётр" PETR)."""


def _ascii(text: str) -> str:
    text = _CYR_YO.sub(lambda m: "Йо" if m.group(0) == "Ё" else "йо", text)
    if _GREEK.search(text):
        for pattern, repl in _GREEK_DIGRAPHS:
            text = pattern.sub(repl, text)
    if _ARABIC.search(text):
        # The article "al-" is written glued to its word; split it off as a token.
        text = _AR_ABD_GLUED.sub("\u0639\u0628\u062f ", text)
        text = _AR_ARTICLE.sub(" al ", text)
        text = re.sub(r"[\u0600-\u06ff]+", lambda m: _AR_WORDS.get(m.group(0), m.group(0)), text)
    # Syllabic scripts: one token per syllable (anyascii would glue them: "XiJinPing").
    if _HAN.search(text) or _HANGUL.search(text):
        text = "".join(f" {ch} " if _HAN.match(ch) or _HANGUL.match(ch) else ch for ch in text)
    return anyascii(text)


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """Normalised ASCII tokens of ``text`` (see module docstring)."""
    ascii_text = _ascii(clean(text)).lower()
    ascii_text = _DOT_BETWEEN_WORDS.sub(" ", ascii_text)
    ascii_text = _ELIDE.sub("", ascii_text)
    ascii_text = _LETTER_DIGIT.sub(" ", ascii_text)
    return tuple(t for t in _SPLIT.split(ascii_text) if t)


def normalize(text: str) -> str:
    """Tokens joined by single spaces: the comparable form of a whole string."""
    return " ".join(tokens(text))

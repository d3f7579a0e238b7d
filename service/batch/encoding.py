"""Text encoding of an uploaded CSV: byte-order marks first, then UTF-8, then a guess.

Customer files come from Excel on Windows (Windows-1252, UTF-16 "Unicode text"),
from databases (UTF-8, often with a BOM) and from old systems (Latin-1). We only
look at a sample so detection costs the same for a 10 kB and a 500 MB file.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

SAMPLE_BYTES = 256 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")

_NON_WESTERN_OK = frozenset(
    {
        "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
        "koi8_r", "koi8_u", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9",
        "shift_jis", "cp932", "euc_jp", "gb2312", "gbk", "gb18030", "big5", "euc_kr", "cp949",
    }
)  # fmt: skip
"""charset-normalizer guesses we accept over the Western default; only taken when it
also names a language, because for short Latin-script samples it often says cp1250."""


def detect_encoding(sample: bytes) -> str:
    """Return a Python codec name for a file whose first bytes are ``sample``."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    utf16 = _bomless_utf16(sample)
    if utf16:
        return utf16
    if _is_utf8(sample) or _mostly_utf8(sample):
        return "utf-8"
    guess = _charset_normalizer_guess(sample)
    if guess:
        return guess
    if any(b in _CP1252_UNDEFINED for b in sample):
        return "latin-1"
    return "cp1252"


def _is_utf8(sample: bytes) -> bool:
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        return exc.start >= len(sample) - 3 and exc.reason.startswith("unexpected end")


def _mostly_utf8(sample: bytes) -> bool:
    """Valid UTF-8 with a stray bad byte is still UTF-8 (the bad rows are reported);
    Latin-1 or Windows-1252 text almost never forms valid multi-byte sequences."""
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return good >= 20 and bad * 50 <= good


def _bomless_utf16(sample: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text has a NUL in every other byte."""
    head = sample[:4096]
    if len(head) < 4:
        return None
    even_nuls = head[0::2].count(0) / len(head[0::2])
    odd_nuls = head[1::2].count(0) / len(head[1::2])
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _charset_normalizer_guess(sample: bytes) -> str | None:
    best = from_bytes(sample[:65536]).best()
    if best is None or best.encoding not in _NON_WESTERN_OK:
        return None
    if best.language in ("Unknown", "English", "French", "German", "Spanish", "Italian"):
        return None
    return best.encoding

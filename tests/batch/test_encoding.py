import codecs

import pytest

from service.batch.encoding import detect_encoding

TEXT = "name;country\nMüller GmbH;DE\nSociété Générale;FR\nØrsted A/S;DK\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        ((TEXT + "Café “Quote”;FR\n").encode("cp1252"), "cp1252"),
        ((TEXT + "control \x81 byte;FR\n").encode("latin-1"), "latin-1"),
    ],
)
def test_detects_encoding(data: bytes, expected: str) -> None:
    assert detect_encoding(data) == expected


def test_detected_encoding_decodes_the_text() -> None:
    data = TEXT.encode("cp1252")
    assert data.decode(detect_encoding(data)) == TEXT


def test_multibyte_character_cut_at_sample_end_is_still_utf8() -> None:
    data = ("a" * 100 + "é").encode("utf-8")[:-1]
    assert detect_encoding(data) == "utf-8"

"""The FIN envelope: blocks 1-5, block 4's tagged fields with their lines, and errors."""

from __future__ import annotations

import pytest
from payment_messages import mt103

from service.payments import MessageError
from service.payments.fin import parse_fin


def test_blocks_and_fields_with_their_lines() -> None:
    fin = parse_fin(mt103())
    assert fin.basic == "F01COBADEFFAXXX0000000000"
    assert (fin.direction, fin.message_type) == ("I", "103")
    assert fin.user == {"121": "8a562c67-ca16-48ba-b074-65581be6f001"}
    assert fin.trailer == {"CHK": "A1B2C3D4E5F6"}
    tags = [f.tag for f in fin.fields]
    assert tags[:4] == ["20", "23B", "32A", "33B"]
    k = next(f for f in fin.fields if f.tag == "50K")
    assert k.line == 6 and k.lines[1] == "NORDLICHT MASCHINENBAU GMBH"


def test_crlf_line_ends_read_the_same() -> None:
    assert parse_fin(mt103().replace("\n", "\r\n")).fields == parse_fin(mt103()).fields


@pytest.mark.parametrize(
    ("text", "words", "where"),
    [
        ("", "empty", None),
        ("{1:F01X}{2:I103CHASUS33XXXXN}", "no block 4", "block 4"),
        ("hello {4:\n:20:X\n-}", "Expected a block", "line 1"),
        ("{1:A}{1:B}{4:\n:20:X\n-}", "Block 1 appears twice", "line 1"),
        ("{2:I103X}{4:\n:20:X\n", "does not end with a line '-}'", "block 4 at line 1"),
        ("{2:X103}{4:\n:20:X\n-}", "Block 2 (application header)", "block 2 at line 1"),
        ("{2:I103X}{4:\nno tag\n-}", "must start with a field tag", "line 2"),
        ("{2:I103X}{3:{121:x}{4:\n:20:X\n-}", "Block 3 is not closed", "line 1"),
    ],
)
def test_envelope_errors_say_where(text: str, words: str, where: str | None) -> None:
    with pytest.raises(MessageError) as err:
        parse_fin(text)
    assert words in err.value.message
    assert err.value.where == where


def test_size_limit() -> None:
    with pytest.raises(MessageError) as err:
        parse_fin("{4:\n:70:" + "X" * 70_000 + "\n-}")
    assert err.value.code == "too_large"

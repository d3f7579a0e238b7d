"""SWIFT FIN envelope: blocks 1-5 and the tagged fields of block 4, with line numbers.

No maintained Python library parses MT103/MT202 (PyPI has MT940 statement parsers and
an ``mt103`` package last released in 2020 that reads MT103 only and keeps no line
numbers), so this tokenizer is ours. It knows the envelope only; what each field means
is :mod:`service.payments.mt`'s business.

    {1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:{121:<uetr>}}
    {4:
    :20:REF
    :32A:261120USD1000,00
    -}{5:{CHK:...}}

Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.payments.model import MessageError

_FIELD = re.compile(r"^:(\d{2}[A-Z]?):(.*)$")
_TAG = re.compile(r"\{(\w+):([^{}]*)\}")
MAX_BYTES = 1 << 16
"""A FIN message is at most 10,000 characters of block 4; this leaves room for text
blocks 3 and 5 and for a little slack, and bounds the work on hostile input."""


@dataclass(frozen=True, slots=True)
class Field:
    tag: str
    """``50K``, ``32A``, ``59`` ..."""
    value: str
    """Lines joined by ``\\n``, as sent."""
    line: int
    """Line of the message the field starts on (1-based), for errors."""

    @property
    def lines(self) -> list[str]:
        return self.value.split("\n")


@dataclass(frozen=True, slots=True)
class FinMessage:
    basic: str
    application: str
    user: dict[str, str]
    fields: tuple[Field, ...]
    trailer: dict[str, str]

    @property
    def direction(self) -> str:
        return self.application[:1]

    @property
    def message_type(self) -> str:
        return self.application[1:4]


def parse_fin(text: str) -> FinMessage:
    """Split a FIN message into its blocks; :class:`MessageError` names the line."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise MessageError(
            f"The message is larger than {MAX_BYTES} bytes; a FIN message is far smaller.",
            code="too_large",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise MessageError("The message is empty.")
    blocks = _blocks(text)
    if "4" not in blocks:
        raise MessageError(
            "The message has no block 4 (text block {4:...-}): there is nothing to screen. "
            "Send the whole FIN message, blocks 1 to 5.",
            where="block 4",
        )
    b4, b4_line = blocks["4"]
    basic = blocks.get("1", ("", 0))[0]
    app = blocks.get("2", ("", 0))[0]
    if not re.match(r"^[IO]\d{3}", app):
        raise MessageError(
            "Block 2 (application header) must start with I or O and the message type, "
            f"e.g. {{2:I103BANKDEFFXXXXN}}; got {app[:20]!r}.",
            where=f"block 2 at line {blocks.get('2', ('', 1))[1]}",
        )
    return FinMessage(
        basic=basic,
        application=app,
        user=dict(_TAG.findall(blocks.get("3", ("", 0))[0])),
        fields=_fields(b4, b4_line),
        trailer=dict(_TAG.findall(blocks.get("5", ("", 0))[0])),
    )


def _blocks(text: str) -> dict[str, tuple[str, int]]:
    """Top-level ``{n:...}`` blocks -> (content, start line). Block 4 runs to ``-}``."""
    out: dict[str, tuple[str, int]] = {}
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        m = re.compile(r"\{([1-5S]):").match(text, i)
        if not m:
            raise MessageError(
                f"Expected a block such as {{1:...}} but found {text[i : i + 15]!r}.",
                where=f"line {_line(text, i)}",
            )
        key, start = m.group(1), m.end()
        line = _line(text, i)
        if key in out:
            raise MessageError(f"Block {key} appears twice.", where=f"line {line}")
        if key == "4":
            end = text.find("\n-}", start)
            if end < 0:
                raise MessageError(
                    "Block 4 does not end with a line '-}'.", where=f"block 4 at line {line}"
                )
            out[key] = (text[start:end], line)
            i = end + 3
            continue
        depth, j = 1, start
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        if depth:
            raise MessageError(f"Block {key} is not closed with '}}'.", where=f"line {line}")
        out[key] = (text[start : j - 1], line)
        i = j
    return out


def _fields(block: str, first_line: int) -> tuple[Field, ...]:
    fields: list[list] = []
    for offset, raw in enumerate(block.split("\n")):
        line = first_line + offset
        if offset == 0 and not raw.strip():
            continue  # "{4:" ends its own line
        m = _FIELD.match(raw)
        if m:
            fields.append([m.group(1), [m.group(2)], line])
        elif fields:
            fields[-1][1].append(raw)
        elif raw.strip():
            raise MessageError(
                f"Block 4 must start with a field tag such as ':20:'; got {raw[:20]!r}.",
                where=f"line {line}",
            )
    if not fields:
        raise MessageError("Block 4 holds no field.", where=f"block 4 at line {first_line}")
    return tuple(Field(tag, "\n".join(lines).rstrip(), line) for tag, lines, line in fields)


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1

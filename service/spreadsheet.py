"""Spreadsheet-safe cells: text a spreadsheet would run as a formula gets a leading quote.

Every CSV or XLSX the service writes (batch results, the examiner's audit export) may
hold screened names, customer ids and other text a customer or counterparty chose; a
reviewer opens these files in Excel or LibreOffice, which run a cell starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return as a formula (OWASP "CSV
injection"). Prefixing such a cell with a single quote makes the spreadsheet show it
as text. JSON and JSON Lines are data, not spreadsheets, and stay exact.
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP)."""


def escape_cell(value: object) -> object:
    """Neutralise a formula in a text cell; numbers and other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value

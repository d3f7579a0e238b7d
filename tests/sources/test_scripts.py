"""Which script a published name is written in."""

from __future__ import annotations

import pytest

from service.sources.scripts import script_of


@pytest.mark.parametrize(
    ("name", "script"),
    [
        ("Ivan PETROV", None),
        ("Müller-Lüdenscheidt", None),  # accented Latin is Latin
        ("Иван Петров", "Cyrillic"),
        ("بشار الأسد", "Arabic"),
        ("Ελένη", "Greek"),
        ("李四", "Han"),
        ("김정은", "Hangul"),
        ("ABC 123 Иван", "Cyrillic"),  # the first non-Latin letter decides
    ],
)
def test_script_of(name: str, script: str | None) -> None:
    assert script_of(name) == script

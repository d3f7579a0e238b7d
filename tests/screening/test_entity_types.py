"""The words callers use for entity types."""

from __future__ import annotations

import pytest

from service.screening.entity_types import ENTITY_TYPES, TYPE_WORDS, entity_type_of


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Individual", "person"),
        (" corp ", "organization"),
        ("SHIP", "vessel"),
        ("plane", "aircraft"),
    ],
)
def test_words_mean_types(word: str, kind: str | None) -> None:
    assert entity_type_of(word) == kind


def test_unknown_or_empty_is_none() -> None:
    assert entity_type_of("spaceship") is None
    assert entity_type_of(None) is None


def test_every_type_is_its_own_word() -> None:
    assert set(TYPE_WORDS.values()) == set(ENTITY_TYPES)
    assert all(entity_type_of(t) == t for t in ENTITY_TYPES)

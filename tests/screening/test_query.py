"""The matcher query: the settings' floor, never above the review threshold."""

from __future__ import annotations

from service.core import Identifier
from service.screening.query import build_query
from service.settings import Settings


def test_a_display_threshold_above_review_still_fetches_decisive_matches() -> None:
    query = build_query(Settings(), "Alpha", threshold=0.95)
    assert query.threshold == 0.80


def test_defaults_come_from_the_settings() -> None:
    query = build_query(Settings(threshold=0.6, max_matches=3), "Alpha")
    assert (query.threshold, query.limit, query.lists) == (0.6, 3, None)


def test_fields_pass_through() -> None:
    ident = Identifier("imo", "9074729")
    query = build_query(
        Settings(), "X", entity_type="vessel", countries=["KP"], identifiers=[ident], lists=["un"]
    )
    assert query.countries == ("KP",) and query.identifiers == (ident,)
    assert query.lists == frozenset({"un"}) and query.entity_type == "vessel"

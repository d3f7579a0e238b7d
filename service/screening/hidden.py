"""Names that hide something: invisible characters and right-to-left overrides.

The matcher ignores invisible code points (``service.core.normalize``), so a tag
character inside ``Banco Nacional de Cuba`` no longer hides it; but nobody types one by
accident, so such a name is flagged for review too. A right-to-left override can make a
reversed string *display* as a listed name: the name as displayed is screened as well.
"""

from __future__ import annotations

from dataclasses import replace

from service.core.normalize import displayed_form, hidden_characters
from service.core.query import Match, Matcher, Query


def search_as_displayed(matcher: Matcher, query: Query) -> list[Match]:
    """The matches of the name, and of the name as displayed when a right-to-left
    override shows it reversed (best score per listed entity)."""
    found = list(matcher.search(query))
    shown = displayed_form(query.name)
    if shown is None:
        return found
    best: dict[str, Match] = {}
    for match in found + list(matcher.search(replace(query, name=shown))):
        if match.entity.key not in best or match.score > best[match.entity.key].score:
            best[match.entity.key] = match
    return sorted(best.values(), key=lambda m: -m.score)[: query.limit]


def hidden_character_reasons(name: str) -> tuple[dict, ...]:
    """A ``review`` reason when the name carried invisible or direction-changing
    characters: ignored for matching, but nobody types them by accident."""
    hidden = hidden_characters(name)
    if not hidden:
        return ()
    also = ", and the name as displayed was screened too" if displayed_form(name) else ""
    return (
        {
            "code": "hidden_characters",
            "decision": "review",
            "characters": list(hidden),
            "message": f"The name contains invisible or direction-changing characters "
            f"({', '.join(hidden)}); they were ignored for matching{also}.",
        },
    )

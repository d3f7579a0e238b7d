"""What the text scanner looks for (:class:`Term`) and what it finds (:class:`TextHit`).

Kept apart from the scanner so that the term builders and the screening service can name
both without the index. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("name", "vessel", "place", "goods", "country", "bic", "imo")


@dataclass(frozen=True, slots=True)
class Term:
    """One string to look for, and what it stands for."""

    kind: str
    """name | vessel | place | goods | country"""
    text: str
    key: str
    """The caller's id for what the term names (entity key, place name, category)."""
    entity_type: str | None = None
    weak: bool = False
    """A weak alias: found only with all of its tokens, never on one word."""
    payload: Any = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class TextHit:
    """A term found in a text: where, how well and by which words."""

    term: Term
    start: int
    end: int
    found: str
    score: float
    alignment: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.term.kind,
            "list_string": self.term.text,
            "key": self.term.key,
            "found": self.found,
            "offsets": [self.start, self.end],
            "score": round(self.score, 4),
            "alignment": list(self.alignment),
        }

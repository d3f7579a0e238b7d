"""The words callers use for an entity's type, and the type each one means.

One vocabulary for every way a type reaches the service: a batch file's ``type`` column
("Individual", "corp", "ship"), a transaction party's ``entity_type``, a CLI option. The
four types themselves are the matcher's (:data:`service.core.model.ENTITY_TYPES`).
"""

from __future__ import annotations

from service.core.model import ENTITY_TYPES, EntityType

TYPE_WORDS: dict[str, EntityType] = {
    **{w: "person" for w in ("person", "individual", "natural person", "natural_person",
                             "private", "human", "ind", "indiv", "p", "i", "people")},
    **{w: "organization" for w in ("organization", "organisation", "company", "corporate",
                                   "corporation", "entity", "legal entity", "legal_entity",
                                   "business", "org", "corp", "firm", "o", "c", "enterprise")},
    **{w: "vessel" for w in ("vessel", "ship", "boat", "v")},
    **{w: "aircraft" for w in ("aircraft", "plane", "airplane", "a")},
}  # fmt: skip
"""Lower-case word -> entity type."""


def entity_type_of(text: str | None) -> EntityType | None:
    """The entity type a word means (any case, surrounding blanks ignored); None if none."""
    return TYPE_WORDS.get(text.strip().lower()) if text else None


__all__ = ["ENTITY_TYPES", "TYPE_WORDS", "entity_type_of"]

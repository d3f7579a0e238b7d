"""Pure matching core: no Flask, no Redis, no file or network I/O, no env reads.

Public surface: the entity model, the query/match types and the matcher factory.
"""

from service.core.config import MatchConfig
from service.core.matcher import build_matcher
from service.core.model import (
    ENTITY_TYPES,
    Address,
    Alias,
    Entity,
    EntityType,
    Identifier,
    ListSnapshot,
)
from service.core.query import Match, Matcher, Query

__all__ = [
    "ENTITY_TYPES",
    "Address",
    "Alias",
    "Entity",
    "EntityType",
    "Identifier",
    "ListSnapshot",
    "Match",
    "MatchConfig",
    "Matcher",
    "Query",
    "build_matcher",
]

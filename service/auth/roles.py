"""Roles and what each may do. ``admin`` implies every other role.

Views ask for a permission, not a role, so a role's reach is defined in one table.
"""

from __future__ import annotations

SCREENER, ANALYST, APPROVER, ADMIN = "screener", "analyst", "approver", "admin"
ROLES = (SCREENER, ANALYST, APPROVER, ADMIN)

SCREEN = "screen"
"""Screening endpoints and batches."""
READ_RECORDS = "read_records"
"""Read screening records (and, next, work alerts)."""
APPROVE = "approve"
"""The second pair of eyes on a decision."""
MANAGE = "manage"
"""Keys, users and settings."""

PERMISSIONS: dict[str, frozenset[str]] = {
    SCREENER: frozenset({SCREEN}),
    ANALYST: frozenset({READ_RECORDS}),
    APPROVER: frozenset({READ_RECORDS, APPROVE}),
    ADMIN: frozenset({SCREEN, READ_RECORDS, APPROVE, MANAGE}),
}


class UnknownRole(ValueError):
    field = "role"


def check_role(role: str) -> str:
    if role not in PERMISSIONS:
        raise UnknownRole(f"Unknown role {role!r}; one of: {', '.join(ROLES)}.")
    return role


def allows(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())

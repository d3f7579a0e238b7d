"""What each role may do; admin implies every other role."""

from __future__ import annotations

import pytest

from service.auth.roles import APPROVE, MANAGE, PERMISSIONS, READ_RECORDS, ROLES, SCREEN, allows


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("screener", {SCREEN}),
        ("analyst", {READ_RECORDS}),
        ("approver", {READ_RECORDS, APPROVE}),
        ("admin", {SCREEN, READ_RECORDS, APPROVE, MANAGE}),
    ],
)
def test_role_permissions(role: str, may: set[str]) -> None:
    assert {p for p in (SCREEN, READ_RECORDS, APPROVE, MANAGE) if allows(role, p)} == may


def test_admin_implies_every_role() -> None:
    assert all(PERMISSIONS[r] <= PERMISSIONS["admin"] for r in ROLES)
    assert not allows("nobody", SCREEN)

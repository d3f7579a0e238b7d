"""Tenant names, and tenants created once on first use."""

from __future__ import annotations

import pytest

from service.auth.tenants import InvalidTenant, check_tenant, ensure_tenant, tenant_names
from service.records import RecordsDatabase


@pytest.mark.parametrize("name", ["default", "acme-payments", "bu.7", "x"])
def test_good_names(name: str) -> None:
    assert check_tenant(name) == name


@pytest.mark.parametrize("name", ["", "Acme", "has space", "-dash", "a" * 65, "a/b"])
def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(InvalidTenant):
        check_tenant(name)


def test_ensure_tenant_creates_once(records_db: RecordsDatabase) -> None:
    for _ in range(2):
        with records_db.session() as session:
            ensure_tenant(session, "acme")
    with records_db.session() as session:
        assert tenant_names(session) == ["acme"]

"""Tenants: the walls between a bank's business units. Created on first use by an admin."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.records.canonical import now
from service.records.models import Tenant

_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


class InvalidTenant(ValueError):
    field = "tenant"


def check_tenant(name: str) -> str:
    if not _NAME.match(name):
        raise InvalidTenant(
            f"Tenant {name!r}: use 1-64 lower-case letters, digits, '.', '_' or '-'."
        )
    return name


def ensure_tenant(session: Session, name: str) -> None:
    """Create tenant ``name`` unless it exists (inside the caller's transaction)."""
    check_tenant(name)
    if session.get(Tenant, name) is None:
        session.add(Tenant(name=name, created_at=now()))
        session.flush()


def tenant_names(session: Session) -> list[str]:
    return list(session.scalars(select(Tenant.name).order_by(Tenant.name)))

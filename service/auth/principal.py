"""Who is asking: an API key, a console user, the local operator, or nobody (auth off)."""

from __future__ import annotations

from dataclasses import dataclass

from service.auth.roles import ADMIN, allows


@dataclass(frozen=True)
class Principal:
    """The authenticated caller. ``ref`` is what records name as the principal."""

    kind: str
    """``key``, ``user``, ``operator`` (local CLI) or ``anonymous`` (auth disabled)."""
    id: str
    tenant: str
    role: str
    name: str = ""

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.id}"

    def may(self, permission: str) -> bool:
        return allows(self.role, permission)


DEFAULT_TENANT = "default"

ANONYMOUS = Principal("anonymous", "auth-disabled", DEFAULT_TENANT, ADMIN, "auth disabled")
"""The caller when ``SCREENING_AUTH=disabled``: everything, in tenant ``default``."""


def operator(tenant: str = DEFAULT_TENANT) -> Principal:
    """The person at the terminal running ``screening`` commands locally."""
    import getpass

    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return Principal("operator", who, tenant, ADMIN, who)

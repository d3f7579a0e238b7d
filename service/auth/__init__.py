"""Who may do what: API keys, console users, roles and tenants.

Pure of Flask (the CLI creates keys and users; the HTTP layer only asks
:class:`KeyAuthenticator` and :func:`login`). Credentials live in the records store.
"""

from __future__ import annotations

from service.auth.bootstrap import Bootstrapped, bootstrap, has_credentials
from service.auth.keys import (
    InvalidKey,
    KeyAuthenticator,
    KeyInfo,
    create_key,
    expire_key,
    list_keys,
    revoke_key,
)
from service.auth.principal import ANONYMOUS, DEFAULT_TENANT, Principal, operator
from service.auth.roles import (
    ADMIN,
    ANALYST,
    APPROVE,
    APPROVER,
    MANAGE,
    READ_RECORDS,
    ROLES,
    SCREEN,
    SCREENER,
    WORK_ALERTS,
    UnknownRole,
)
from service.auth.tenants import InvalidTenant
from service.auth.users import (
    InvalidUser,
    LockedOut,
    LoginFailed,
    UserInfo,
    create_user,
    get_user,
    list_users,
    login,
    set_disabled,
)

__all__ = [
    "ADMIN",
    "ANALYST",
    "ANONYMOUS",
    "APPROVE",
    "APPROVER",
    "Bootstrapped",
    "DEFAULT_TENANT",
    "InvalidKey",
    "InvalidTenant",
    "InvalidUser",
    "KeyAuthenticator",
    "KeyInfo",
    "LockedOut",
    "LoginFailed",
    "MANAGE",
    "Principal",
    "READ_RECORDS",
    "ROLES",
    "SCREEN",
    "SCREENER",
    "UnknownRole",
    "WORK_ALERTS",
    "UserInfo",
    "bootstrap",
    "create_key",
    "create_user",
    "expire_key",
    "get_user",
    "has_credentials",
    "list_keys",
    "list_users",
    "login",
    "operator",
    "revoke_key",
    "set_disabled",
]

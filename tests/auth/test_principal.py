"""Who is asking: the reference records name, and what each caller may do."""

from __future__ import annotations

from service.auth import ANONYMOUS, DEFAULT_TENANT, Principal, operator
from service.auth.roles import MANAGE, READ_RECORDS, SCREEN


def test_a_principal_is_named_by_kind_and_id_and_asks_its_role() -> None:
    key = Principal("key", "key_1", "acme", "screener", "gateway")
    assert key.ref == "key:key_1"
    assert key.may(SCREEN) and not key.may(READ_RECORDS)


def test_auth_disabled_is_an_admin_of_the_default_tenant() -> None:
    assert ANONYMOUS.tenant == DEFAULT_TENANT and ANONYMOUS.may(MANAGE)
    assert ANONYMOUS.ref == "anonymous:auth-disabled"


def test_the_local_operator_is_an_admin_named_after_the_login() -> None:
    person = operator("acme")
    assert person.kind == "operator" and person.tenant == "acme" and person.may(MANAGE)
    assert person.ref == f"operator:{person.id}" and person.id

"""Test clients that authenticate like a real caller: a real API key in a real store.

A plain module (``from clients import authed_client``). Every app the tests build has
authentication on (the default); a client gets a fresh key of the role and tenant it
asks for, created through the same code as ``screening keys create``.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from service.api.auth import get_auth
from service.auth import create_key


def new_key(app: Flask, role: str = "admin", tenant: str = "default") -> str:
    auth = get_auth(app)
    _, key = create_key(auth.db, auth.secret, tenant=tenant, role=role, name=f"test {role}")
    return key


def authed_client(app: Flask, role: str = "admin", tenant: str = "default") -> FlaskClient:
    """``app.test_client()`` sending ``Authorization: Bearer <a new key>`` on every request."""
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {new_key(app, role, tenant)}"
    return client

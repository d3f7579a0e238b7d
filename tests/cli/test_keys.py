"""``screening keys``: the key alone on the last line, list, expire, revoke."""

from __future__ import annotations

import json
from pathlib import Path

from factories import TEST_ENTITIES, catalog_from

from service.api import create_app
from service.api.auth import get_auth
from service.auth import KeyAuthenticator
from service.settings import Settings


def test_keys_create_prints_the_key_alone_on_the_last_line(run, tmp_path: Path) -> None:
    created = run("keys", "create", "--tenant", "acme", "--role", "screener", "--name", "gw")
    assert created.exit_code == 0, created.output
    key = created.output.strip().splitlines()[-1]
    assert key.startswith("ssk_") and " " not in key
    app = create_app(Settings(data_dir=tmp_path / "data"), catalog_from(TEST_ENTITIES))
    auth = get_auth(app)
    assert KeyAuthenticator(auth.db, auth.secret).authenticate(key).tenant == "acme"
    listed = run("keys", "list", "--json")
    (row,) = json.loads(listed.output)
    assert row["name"] == "gw" and row["active"] and key not in listed.output
    assert run("keys", "expire", row["id"], "--in-days", "30").exit_code == 0
    assert KeyAuthenticator(auth.db, auth.secret).authenticate(key) is not None
    assert run("keys", "expire", row["id"]).exit_code == 0  # at once
    assert KeyAuthenticator(auth.db, auth.secret).authenticate(key) is None
    assert run("keys", "revoke", row["id"]).exit_code == 0
    assert KeyAuthenticator(auth.db, auth.secret).authenticate(key) is None
    assert run("keys", "revoke", "key_nope").exit_code != 0
    assert run("keys", "create", "--tenant", "Bad Tenant!", "--role", "admin").exit_code != 0

"""``/v1/keys``: an admin's own tenant's keys; another tenant's key is 404."""

from __future__ import annotations

from clients import authed_client

from service.api import create_app
from service.settings import Settings


def test_keys_api_is_per_tenant(settings: Settings, catalog_of) -> None:
    app = create_app(settings.with_(key_cache_seconds=0), catalog_of())
    acme = authed_client(app, "admin", "acme")
    beta = authed_client(app, "admin", "beta")
    created = acme.post("/v1/keys", json={"role": "screener", "name": "gateway"})
    assert created.status_code == 201
    key, key_id = created.get_json()["key"], created.get_json()["id"]
    gateway = app.test_client()
    gateway.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    assert gateway.post("/v1/screen", json={"name": "Acme"}).status_code == 200
    listed = acme.get("/v1/keys").get_json()["items"]
    assert key_id in [k["id"] for k in listed] and all("key" not in k for k in listed)
    assert key_id not in [k["id"] for k in beta.get("/v1/keys").get_json()["items"]]
    assert beta.delete(f"/v1/keys/{key_id}").status_code == 404  # not theirs: no such key
    assert gateway.post("/v1/screen", json={"name": "Acme"}).status_code == 200
    assert acme.delete(f"/v1/keys/{key_id}").status_code == 204
    assert gateway.post("/v1/screen", json={"name": "Acme"}).status_code == 401
    assert acme.post("/v1/keys", json={"role": "root"}).status_code == 400

"""``/v1/keys``: an admin manages its own tenant's API keys (others' keys answer 404)."""

from __future__ import annotations

from typing import Any

from flask_smorest import abort

from service.api.auth import current_principal, get_auth
from service.api.blueprint import Blueprint
from service.api.schemas.keys import CreatedKeySchema, KeyListSchema, NewKeySchema
from service.auth import create_key, list_keys, revoke_key

blp = Blueprint("keys", __name__, url_prefix="/v1", description="API keys of your tenant (admin)")


@blp.route("/keys", methods=["GET"])
@blp.response(200, KeyListSchema())
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Only an admin manages keys")
def keys() -> dict[str, Any]:
    """Every key of your tenant (never the keys themselves)."""
    tenant = current_principal().tenant
    return {"items": [key.as_dict() for key in list_keys(get_auth().db, tenant)]}


@blp.route("/keys", methods=["POST"])
@blp.arguments(NewKeySchema())
@blp.response(201, CreatedKeySchema())
@blp.problem(400, "Invalid field (problem+json naming it)")
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Only an admin manages keys")
def new_key(body: dict[str, Any]) -> dict[str, Any]:
    """Create a key in your tenant; the response holds the key, which is never shown again."""
    auth, principal = get_auth(), current_principal()
    info, value = create_key(
        auth.db,
        auth.secret,
        tenant=principal.tenant,
        role=body["role"],
        name=body["name"],
        created_by=principal.ref,
        expires_at=body["expires_at"],
    )
    return {**info.as_dict(), "key": value}


@blp.route("/keys/<key_id>", methods=["DELETE"])
@blp.response(204)
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Only an admin manages keys")
@blp.problem(404, "No such key in your tenant")
def revoke(key_id: str) -> str:
    """Revoke a key of your tenant at once."""
    if not revoke_key(get_auth().db, key_id[:64], tenant=current_principal().tenant):
        abort(404, message=f"No key {key_id}.")
    return ""

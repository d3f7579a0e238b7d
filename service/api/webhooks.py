"""``/v1/webhooks``: an admin registers its tenant's receivers and follows their deliveries.

Deliveries are never made here: registering only checks the URL (the same policy the
workers apply before every attempt), and a replay only makes a failed delivery due again.
Another tenant's webhook or delivery answers 404.
"""

from __future__ import annotations

from typing import Any

from service.api.auth import current_principal, get_auth
from service.api.blueprint import Blueprint
from service.api.schemas.webhooks import (
    CreatedWebhookSchema,
    DeliveriesQuerySchema,
    DeliveryPageSchema,
    DeliverySchema,
    NewWebhookSchema,
    WebhookListSchema,
    WebhookSchema,
)
from service.api.state import get_state
from service.webhooks import deliveries, registry

blp = Blueprint(
    "webhooks", __name__, url_prefix="/v1/webhooks", description="Signed event deliveries (admin)"
)


@blp.route("", methods=["POST"])
@blp.arguments(NewWebhookSchema())
@blp.response(201, CreatedWebhookSchema())
@blp.problem(400, "Invalid field, or a URL the policy refuses (naming the field)")
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Only an admin manages webhooks")
def create(body: dict[str, Any]) -> dict[str, Any]:
    """Register a URL for events; the response holds the secret, never shown again."""
    principal = current_principal()
    hook, secret = registry.create_webhook(
        get_auth().db,
        get_state().settings,
        tenant=principal.tenant,
        url=body["url"],
        events=body["events"],
        description=body["description"],
        created_by=principal.ref,
    )
    return {**hook, "secret": secret}


@blp.route("", methods=["GET"])
@blp.response(200, WebhookListSchema())
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Only an admin manages webhooks")
def webhooks() -> dict[str, Any]:
    """Your tenant's webhooks (never their secrets)."""
    return {"items": registry.list_webhooks(get_auth().db, current_principal().tenant)}


@blp.route("/<webhook_id>", methods=["GET"])
@blp.response(200, WebhookSchema())
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Only an admin manages webhooks")
@blp.problem(404, "No such webhook in your tenant")
def webhook(webhook_id: str) -> dict[str, Any]:
    return registry.get_webhook(get_auth().db, current_principal().tenant, webhook_id[:64])


@blp.route("/<webhook_id>", methods=["DELETE"])
@blp.response(204)
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Only an admin manages webhooks")
@blp.problem(404, "No such webhook in your tenant")
def delete(webhook_id: str) -> str:
    """Stop posting to it; its pending deliveries are cancelled, its history kept."""
    registry.delete_webhook(get_auth().db, current_principal().tenant, webhook_id[:64])
    return ""


@blp.route("/<webhook_id>/deliveries", methods=["GET"])
@blp.arguments(DeliveriesQuerySchema(), location="query")
@blp.response(200, DeliveryPageSchema())
@blp.problem(400, "Invalid filter or cursor")
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Only an admin manages webhooks")
@blp.problem(404, "No such webhook in your tenant")
def webhook_deliveries(args: dict[str, Any], webhook_id: str) -> dict[str, Any]:
    """Newest first, each with every attempt: when, the receiver's status code, the error."""
    items, next_cursor = deliveries.list_deliveries(
        get_auth().db, current_principal().tenant, webhook_id[:64], **args
    )
    return {"items": items, "next_cursor": next_cursor}


@blp.route("/<webhook_id>/deliveries/<delivery_id>", methods=["GET"])
@blp.response(200, DeliverySchema())
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Only an admin manages webhooks")
@blp.problem(404, "No such delivery of this webhook in your tenant")
def delivery(webhook_id: str, delivery_id: str) -> dict[str, Any]:
    return deliveries.get_delivery(
        get_auth().db, current_principal().tenant, webhook_id[:64], delivery_id[:64]
    )


@blp.route("/<webhook_id>/deliveries/<delivery_id>/replay", methods=["POST"])
@blp.response(202, DeliverySchema())
@blp.problem(401, "No valid credentials")
@blp.problem(403, "Only an admin manages webhooks")
@blp.problem(404, "No such delivery of this webhook in your tenant")
@blp.problem(409, "Not failed (names its status)")
def replay(webhook_id: str, delivery_id: str) -> dict[str, Any]:
    """Send a failed delivery again (same event id and body, a fresh retry window)."""
    return deliveries.replay(
        get_auth().db, current_principal().tenant, webhook_id[:64], delivery_id[:64]
    )

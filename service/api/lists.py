"""``GET /v1/lists``: which lists are loaded, in which version, from where."""

from __future__ import annotations

from service.api.blueprint import Blueprint
from service.api.schemas.lists import ListsResponseSchema
from service.api.state import get_state
from service.screening import ScreeningUnavailable, is_loaded

blp = Blueprint("lists", __name__, url_prefix="/v1", description="Loaded sanctions lists")


@blp.route("/lists", methods=["GET"])
@blp.response(200, ListsResponseSchema())
@blp.problem(503, "No list loaded")
def get_lists() -> dict:
    """Per list: version, entity and name counts, load time, source and sample flag."""
    state = get_state()
    catalog = state.catalog
    if catalog is None or not is_loaded(catalog):
        raise ScreeningUnavailable(state.load_error or "No sanctions list is loaded.")
    return {
        "lists": [describe(list_id, snap) for list_id, snap in catalog.snapshots.items()],
        "errors": [{"list": list_id, "error": str(why)} for list_id, why in catalog.errors.items()],
    }


def describe(list_id: str, snapshot) -> dict:
    """One row of the lists table, from a ``ListSnapshot``."""
    return {
        "id": list_id,
        "version": snapshot.version,
        "entity_count": snapshot.entity_count,
        "name_count": snapshot.name_count,
        "loaded_at": snapshot.loaded_at,
        "source": str(snapshot.source),
        "sample": bool(snapshot.sample),
    }

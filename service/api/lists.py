"""``GET /v1/lists``: which lists are loaded, in which version, from where."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import PurePath

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
    ages = catalog.ages_hours(datetime.now(UTC))
    rows = [describe(list_id, snap) for list_id, snap in catalog.snapshots.items()]
    for row in rows:
        row["source"] = public_source(row["source"], catalog.origin, row["id"])
        row["data_date"] = catalog.data_dates.get(row["id"])
        row["age_hours"] = ages.get(row["id"])
    return {
        "lists": rows,
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


def public_source(source: str, origin: str, list_id: str) -> str:
    """Where a list came from without a server path: a download URL as it is, a folder
    as ``<origin>:<list id>`` (``lists_dir:un``, ``sample:ofac_sdn``)."""
    return f"{origin}:{list_id}" if PurePath(source).is_absolute() else source

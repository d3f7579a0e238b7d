"""A row keeps its line number and survives the JSON of a stored chunk."""

from __future__ import annotations

import json

from service.batch.table import InputRow


def test_rows_round_trip_through_json() -> None:
    rows = [InputRow(2, ("ACME", "US")), InputRow(3, None, "invalid JSON")]
    again = [InputRow.from_json(r) for r in json.loads(json.dumps([r.to_json() for r in rows]))]
    assert again == rows

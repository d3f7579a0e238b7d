"""A row's outcome: a named tuple that is a JSON array, counted by decision."""

from __future__ import annotations

import json

from service.batch.outcome import OUTPUT_COLUMNS, RowOutcome, Tally, error_outcome


def test_fields_are_the_output_columns_in_order() -> None:
    assert tuple(f"screening_{name}" for name in RowOutcome._fields) == OUTPUT_COLUMNS


def test_round_trips_through_json_as_an_array() -> None:
    outcome = RowOutcome(7, "block", "ACME", 0.9731, "un", "QDe.1", "why", "")
    text = json.dumps(outcome)
    assert text.startswith("[7, ")
    assert RowOutcome.from_json(json.loads(text)) == outcome


def test_an_outcome_stored_before_target_id_reads_with_it_empty() -> None:
    stored = [7, "block", "ACME", 0.9731, "un", "QDe.1", "why", ""]
    assert RowOutcome.from_json(stored).target_id == ""
    assert OUTPUT_COLUMNS[-1] == "screening_target_id"


def test_an_error_row_is_never_clear() -> None:
    outcome = error_outcome(3, "name is empty")
    assert (outcome.decision, outcome.error, outcome.score) == ("error", "name is empty", "")


def test_tally_counts_hits_and_errors() -> None:
    tally = Tally()
    tally.add([RowOutcome(2, "block"), RowOutcome(3, "review"), error_outcome(4, "x")])
    tally.add([RowOutcome(5, "clear")])
    assert (tally.rows, tally.hits, tally.errors) == (4, 2, 1)

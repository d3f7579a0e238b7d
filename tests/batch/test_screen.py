"""screen_rows with the real Screener and matcher over our listed entities."""

import pytest
from batch.listed import LISTED
from factories import ON_TWO_LISTS, on_two_lists

from service.batch.mapping import ColumnMapping
from service.batch.outcome import HIT_DECISIONS, RowOutcome, Tally
from service.batch.rows import BatchOptions
from service.batch.screen import screen_rows
from service.batch.table import InputRow
from service.screening import Screener, ScreeningUnavailable

COLUMNS = ("name", "country")
MAPPING = ColumnMapping(name="name", country="country")


@pytest.fixture
def screener(catalog_of, settings) -> Screener:
    return Screener(catalog_of(*LISTED), settings)


def test_every_row_gets_one_outcome_with_its_line(screener: Screener) -> None:
    rows = [
        InputRow(2, ("BANCO NACIONAL DE CUBA", "")),
        InputRow(3, ("Harmless Bakery Ltd", "FR")),
        InputRow(4, ("", "FR")),
        InputRow(5, None, "row has 3 fields, the header has 2"),
        InputRow(6, ("Someone", "North Korea")),
    ]
    out = screen_rows(screener, rows, COLUMNS, MAPPING, BatchOptions())
    line, decision, name, score, list_id, source_id, explanation, error, _ = out.outcomes[0]
    assert decision in HIT_DECISIONS and score >= 0.8
    assert (line, name, list_id, source_id, error) == (
        2, "BANCO NACIONAL DE CUBA", "test_list", "1", "",
    )  # fmt: skip
    assert "BANCO NACIONAL DE CUBA" in explanation and "\n" not in explanation
    assert out.outcomes[1][:2] == (3, "clear")
    assert out.outcomes[2] == RowOutcome(4, "error", error="name is empty")
    assert out.outcomes[3][7] == "row has 3 fields, the header has 2"
    assert out.outcomes[4].decision == "block" and "North Korea" in out.outcomes[4].explanation
    assert out.list_versions == {"test_list": "2026-01-01", "other_list": "2026-01-01"}
    tally = Tally()
    tally.add(out.outcomes)
    assert (tally.rows, tally.hits, tally.errors) == (5, 2, 2)
    assert sum(tally.decisions.values()) == 5


def test_options_restrict_the_lists(screener: Screener) -> None:
    rows = [InputRow(2, ("BANCO NACIONAL DE CUBA", ""))]
    out = screen_rows(screener, rows, COLUMNS, MAPPING, BatchOptions(lists=("other_list",)))
    assert out.outcomes[0].decision == "clear"
    assert out.list_versions == {"other_list": "2026-01-01"}


def test_no_list_loaded_fails_the_whole_run_never_clear(settings) -> None:
    rows = [InputRow(2, ("Anyone", ""))]
    with pytest.raises(ScreeningUnavailable):
        screen_rows(Screener(None, settings), rows, COLUMNS, MAPPING, BatchOptions())


def test_rows_carry_the_target_id_of_their_best_match(catalog_of, settings) -> None:
    catalog = catalog_of(*LISTED, *on_two_lists())
    screener = Screener(catalog, settings)
    rows = [InputRow(2, (ON_TWO_LISTS, "")), InputRow(3, ("BANCO NACIONAL DE CUBA", ""))]
    first, second = screen_rows(screener, rows, COLUMNS, MAPPING, BatchOptions()).outcomes
    listings = {
        k: catalog.target_of(catalog.entities_by_key[k]) for k in ("un:QDi.901", "uk_sl:AQD9004")
    }
    assert first.list in ("un", "uk_sl") and set(listings.values()) == {first.target_id}
    assert second.target_id == catalog.target_of(catalog.entities_by_key["test_list:1"])
    assert second.target_id != first.target_id
    assert (
        screen_rows(screener, [InputRow(4, ("",))], COLUMNS, MAPPING, BatchOptions())
        .outcomes[0]
        .target_id
        == ""
    )

from service.batch.mapping import ColumnMapping
from service.batch.rows import BatchOptions, build_request, entity_type_of
from service.batch.table import InputRow
from service.screening import ScreenRequest

COLUMNS = ("id", "name", "first", "last", "type", "country", "dob")
MAPPING = ColumnMapping(
    name="name", first_name="first", last_name="last", entity_type="type", country="country",
    date_of_birth="dob", id="id",
)  # fmt: skip
IDX = MAPPING.indexes(COLUMNS)


def row(**cells: str) -> InputRow:
    return InputRow(7, tuple(cells.get(c, "") for c in COLUMNS))


def test_builds_a_request_with_batch_options() -> None:
    options = BatchOptions(threshold=0.9, lists=("un",), entity_type="person")
    req = build_request(row(name=" Acme\tLtd ", country="CU", dob="1970"), IDX, options)
    assert req == ScreenRequest(
        name="Acme Ltd", entity_type="person", country="CU", date_of_birth="1970",
        lists=("un",), threshold=0.9,
    )  # fmt: skip


def test_row_type_wins_over_default_and_customer_words_are_understood() -> None:
    req = build_request(row(name="Acme", type="Company"), IDX, BatchOptions())
    assert req.entity_type == "organization"
    assert entity_type_of("Natural Person") == "person"
    assert entity_type_of("spaceship") is None


def test_first_and_last_name_are_joined_when_no_name() -> None:
    req = build_request(row(first="Sergei", last="Ivanov"), IDX, BatchOptions())
    assert req.name == "Sergei Ivanov"


def test_empty_name_is_the_row_error() -> None:
    assert build_request(row(country="FR"), IDX, BatchOptions()) == "name is empty"


def test_control_characters_are_removed() -> None:
    req = build_request(row(name="Ac\x00me\x1b Ltd"), IDX, BatchOptions())
    assert req.name == "Ac me Ltd"


def test_too_long_name_is_the_row_error() -> None:
    assert "longer than" in build_request(row(name="x" * 600), IDX, BatchOptions())


def test_unreadable_row_keeps_its_reason() -> None:
    bad = InputRow(3, None, "row has 9 fields, the header has 7")
    assert build_request(bad, IDX, BatchOptions()) == bad.error

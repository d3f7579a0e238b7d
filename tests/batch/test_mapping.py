import pytest

from service.batch.mapping import (
    ColumnMapping,
    MappingError,
    detect_mapping,
    parse_override,
    resolve_mapping,
)


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["id", "name", "country", "dob", "type"],
         ColumnMapping(name="name", country="country", date_of_birth="dob", entity_type="type",
                       id="id")),
        (["Customer ID", "Full Name", "Country of Incorporation", "Date of Birth"],
         ColumnMapping(name="Full Name", country="Country of Incorporation",
                       date_of_birth="Date of Birth", id="Customer ID")),
        (["customer_id", "Company", "Country"],
         ColumnMapping(name="Company", country="Country", id="customer_id")),
        (["CUSTOMER_NAME", "NATIONALITY"],
         ColumnMapping(name="CUSTOMER_NAME", country="NATIONALITY")),
        (["First Name", "Surname", "Birth Date"],
         ColumnMapping(first_name="First Name", last_name="Surname", date_of_birth="Birth Date")),
    ],
)  # fmt: skip
def test_detects_common_headers(columns: list[str], expected: ColumnMapping) -> None:
    assert detect_mapping(columns) == expected


def test_most_specific_synonym_wins_over_column_order() -> None:
    assert detect_mapping(["company", "full_name"]).name == "full_name"


def test_override_wins_field_by_field_and_null_unmaps() -> None:
    override = parse_override('{"name": "Client", "country": null}')
    mapping = resolve_mapping(["name", "Client", "country"], override)
    assert mapping == ColumnMapping(name="Client", country=None)


def test_override_naming_a_missing_column_names_the_field() -> None:
    with pytest.raises(MappingError) as err:
        resolve_mapping(["name"], {"country": "Land"})
    assert err.value.field == "mapping.country"


def test_no_name_column_is_an_error() -> None:
    with pytest.raises(MappingError) as err:
        resolve_mapping(["foo", "bar"])
    assert err.value.field == "mapping.name"


@pytest.mark.parametrize("raw", ["not json", "[1]", '{"colour": "x"}', '{"name": 3}'])
def test_bad_override_is_refused(raw: str) -> None:
    with pytest.raises(MappingError):
        parse_override(raw)

"""The service's own errors: one base to catch, and a bad field that names itself."""

from __future__ import annotations

import pytest

from service.screening.errors import InvalidScreenRequest, ScreeningError, ScreeningUnavailable


def test_an_invalid_request_names_its_field_and_message() -> None:
    exc = InvalidScreenRequest("country", "Unknown country 'Atlantis'.")
    assert (exc.field, exc.message, str(exc)) == (
        "country",
        "Unknown country 'Atlantis'.",
        "Unknown country 'Atlantis'.",
    )


@pytest.mark.parametrize(
    "exc", [InvalidScreenRequest("lists", "Unknown list."), ScreeningUnavailable("no lists")]
)
def test_every_error_is_caught_as_a_screening_error(exc: ScreeningError) -> None:
    with pytest.raises(ScreeningError):
        raise exc


def test_an_invalid_request_is_a_value_error_and_unavailability_is_not() -> None:
    """Callers that validate with ``except ValueError`` see a bad field, never a missing
    list: an unavailable service must not be reported as the caller's mistake."""
    assert issubclass(InvalidScreenRequest, ValueError)
    assert not issubclass(ScreeningUnavailable, ValueError)

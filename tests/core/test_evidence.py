"""evidence: identifiers, dates of birth, countries."""

from service.core.evidence import compare_dob, identifier_hits, imo_conflict, imo_number
from service.core.model import Entity, Identifier


def _vessel(*ids: Identifier) -> Entity:
    return Entity("t", "1", "vessel", "SEA STAR", identifiers=ids)


def test_imo_check_digit():
    assert imo_number("IMO 9074729") == "9074729"
    assert imo_number("9074728") is None


def test_identifier_match_ignores_punctuation_and_case():
    e = Entity("t", "1", "person", "X", identifiers=(Identifier("passport", "AB-12 345", "IR"),))
    hits = identifier_hits((Identifier("passport", "ab12345"),), e)
    assert len(hits) == 1
    assert not hits[0].decisive


def test_identifier_in_another_country_does_not_match():
    e = Entity("t", "1", "person", "X", identifiers=(Identifier("passport", "AB12345", "IR"),))
    assert identifier_hits((Identifier("passport", "AB12345", "FR"),), e) == []


def test_imo_is_decisive_and_conflicts_are_seen():
    v = _vessel(Identifier("imo", "9074729"))
    assert identifier_hits((Identifier("imo", "IMO9074729"),), v)[0].decisive
    assert imo_conflict((Identifier("imo", "9176187"),), v) == ("9176187", "9074729")


def test_dob_partial_dates_compare_on_common_parts():
    assert compare_dob("1952", ("1952-10-07",)) == ("match", "1952-10-07")
    assert compare_dob("1953-01-01", ("1952-10-07",))[0] == "near"
    assert compare_dob("1980-01-01", ("1952-10-07",))[0] == "mismatch"
    assert compare_dob("1980", ()) is None

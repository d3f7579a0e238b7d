"""Subject keys and list-entry fingerprints: what makes two screenings one subject, and
what makes a list entry say something new."""

from __future__ import annotations

from factories import entity

from service.alerts.subject import (
    changed_facets,
    facets,
    fingerprint,
    match_key,
    subject_key,
    subject_of,
)
from service.core.model import Identifier
from service.screening import ScreenRequest


def test_the_same_person_written_differently_is_one_subject() -> None:
    one = subject_key(customer_id=None, name="José  Garcia", date_of_birth="1970", country="es")
    two = subject_key(customer_id=None, name="JOSE GARCIA", date_of_birth="1970", country="ES")
    assert one == two
    assert one != subject_key(customer_id=None, name="Jose Garcia", date_of_birth="1971")
    assert one != subject_key(customer_id=None, name="Jose Garcia", date_of_birth="1970")


def test_a_customer_id_is_the_subject_whatever_the_name() -> None:
    assert subject_key(customer_id="C-1", name="A") == subject_key(customer_id="C-1", name="B")
    assert subject_key(customer_id="C-1", name="A") != subject_key(customer_id=None, name="A")


def test_match_keys_ignore_order() -> None:
    assert match_key(["a:1", "b:2"], ["r1"]) == match_key(["b:2", "a:1", "a:1"], ["r1"])
    assert match_key(["a:1"]) != match_key(["a:1"], ["r1"])


def test_the_fingerprint_moves_with_what_the_entry_says_not_how() -> None:
    base = entity("1", "BANCO NACIONAL DE CUBA", "NATIONAL BANK OF CUBA", countries=["CU"])
    recased = entity("1", "Banco  Nacional de Cuba", "national bank of cuba", countries=["CU"])
    alias = entity("1", "BANCO NACIONAL DE CUBA", "NATIONAL BANK OF CUBA", "BNC", countries=["CU"])
    assert fingerprint(base) == fingerprint(recased)
    assert fingerprint(base) != fingerprint(alias)
    assert changed_facets(facets(base), facets(alias)) == {
        "names": {"added": ["bnc"], "removed": []}
    }
    with_id = entity("1", "BANCO NACIONAL DE CUBA", "NATIONAL BANK OF CUBA", countries=["CU"])
    object.__setattr__(with_id, "identifiers", (Identifier("swift", "bncu cu hh"),))
    assert fingerprint(with_id) != fingerprint(base)
    assert facets(with_id)["identifiers"] == ("swift:BNCUCUHH",)


def test_every_screened_thing_is_keyed_the_same_way() -> None:
    request = ScreenRequest(name="José Garcia", entity_type="person", country="es")
    assert subject_of(request) == subject_key(
        customer_id=None, name="JOSE GARCIA", entity_type="person", country="ES"
    )
    assert subject_of(ScreenRequest(name="A", customer_id="C-1")) == subject_key(
        customer_id="C-1", name="B"
    )


def test_entity_types_are_read_as_words() -> None:
    person = subject_key(customer_id=None, name="A B", entity_type="person")
    assert subject_key(customer_id=None, name="A B", entity_type="individual") == person
    assert subject_key(customer_id=None, name="A B", entity_type="organization") != person

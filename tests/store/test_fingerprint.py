"""Entity fingerprints: equal when a listing says the same, different when a fact changes."""

from __future__ import annotations

from dataclasses import replace

from service.core.model import Alias, Entity, Identifier
from service.store.fingerprint import facets, fingerprint

BASE = Entity(
    list="uk_sl",
    source_id="RUS9001",
    entity_type="person",
    name="Pavel KORMILTSEV",
    aliases=(Alias("THE ACCOUNTANT", "weak"), Alias("Pasha KORM")),
    dates_of_birth=("1970-11-14",),
    identifiers=(Identifier("passport", "750000001", "RU"),),
    countries=("RU",),
    programs=("Russia",),
    remarks="Associated with Volnaya Logistika.",
)


def test_same_facts_in_another_order_or_wording_give_the_same_fingerprint():
    reworded = replace(
        BASE,
        name="pavel  kormiltsev",
        aliases=tuple(reversed(BASE.aliases)),
        remarks="Reworded remark.",
        listed_on="2022-03-15",
    )
    assert fingerprint(reworded) == fingerprint(BASE)
    assert fingerprint(BASE).startswith("fp1:") and len(fingerprint(BASE)) == 20


def test_each_fingerprinted_fact_changes_it():
    variants = [
        replace(BASE, aliases=(*BASE.aliases, Alias("P. KORM"))),
        replace(BASE, aliases=(Alias("THE ACCOUNTANT"), Alias("Pasha KORM"))),  # weak -> strong
        replace(BASE, dates_of_birth=("1970",)),
        replace(BASE, identifiers=(Identifier("passport", "750000002", "RU"),)),
        replace(BASE, countries=("RU", "CY")),
        replace(BASE, programs=("Russia", "Global Human Rights")),
    ]
    prints = {fingerprint(v) for v in variants}
    assert len(prints) == len(variants) and fingerprint(BASE) not in prints


def test_identifier_spacing_and_case_do_not_matter():
    spaced = replace(BASE, identifiers=(Identifier("passport", " 750 000 001 ", "RU"),))
    assert facets(spaced)["identifiers"] == ("passport:750000001:RU",)
    assert fingerprint(spaced) == fingerprint(BASE)

"""Our bundled sample list parses with the OFAC CSV parser and covers what demos need."""

from __future__ import annotations

from collections import Counter

from service.settings import BUNDLED_LISTS
from service.sources import parse_folder


def _sample():
    return parse_folder("ofac_sdn", BUNDLED_LISTS / "sample" / "ofac_sdn")


def test_sample_parses_to_a_few_dozen_entities():
    parsed = _sample()
    assert 20 <= len(parsed.entities) <= 60
    assert parsed.version.startswith("sha256:")
    types = Counter(e.entity_type for e in parsed.entities)
    assert set(types) == {"person", "organization", "vessel", "aircraft"}


def test_sample_has_the_demo_entries():
    entities = {e.source_id: e for e in _sample().entities}
    bnc = entities["306"]
    assert (bnc.name, bnc.programs) == ("BANCO NACIONAL DE CUBA", ("CUBA",))
    assert ("BNC", "weak") in [(a.name, a.quality) for a in bnc.aliases]
    kum = entities["23163"]
    assert (kum.entity_type, kum.countries) == ("vessel", ("KP",))
    assert ("imo", "8705539") in [(i.type, i.value) for i in kum.identifiers]
    assert entities["35096"].dates_of_birth == ("1952-10-07",)
    assert entities["35096"].nationalities == ("RU",)

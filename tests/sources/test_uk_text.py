"""Text conventions of the UK publications: numbered values, qualified countries, labels."""

from __future__ import annotations

from service.sources.uk_text import country_code, country_codes, info_facts, split_numbered


def test_numbered_values_are_split_and_plain_text_kept():
    assert split_numbered("(1) A-333602 (2) M110522.") == ["A-333602", "M110522"]
    assert split_numbered("A-333602") == ["A-333602"]
    assert split_numbered("") == []


def test_countries_ignore_their_qualifiers():
    assert country_code("Iraq (previous address)") == "IQ"
    assert country_code("Nowhere Land") is None
    assert country_codes(["(1) Russia (2) Cyprus", "Russia"]) == ("RU", "CY")


def test_bracketed_labels_of_the_conlist():
    facts = info_facts(["(UN Ref):QDi.001 (IMO number):9187629 (Flag of ship):Panama"])
    assert [(i.type, i.value) for i in facts.identifiers] == [
        ("un_ref", "QDi.001"),
        ("imo", "9187629"),
    ]
    assert facts.countries == ["PA"]


def test_plain_labels_of_the_uk_sanctions_list():
    text = "Website: www.example.ru; Business Reg No: (1) 1027700000017 (2) 7700000001"
    facts = info_facts([text], plain_labels=True)
    assert [(i.type, i.value) for i in facts.identifiers] == [
        ("website", "www.example.ru"),
        ("registration_number", "1027700000017"),
        ("registration_number", "7700000001"),
    ]
    assert info_facts([text]).identifiers == []  # the ConList reader wants brackets

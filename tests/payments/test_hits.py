"""What the scanner finds, as the API reports it."""

from __future__ import annotations

from service.payments import Term, TextHit


def test_a_hit_reports_the_list_string_the_words_and_where() -> None:
    term = Term("vessel", "ARTAVIL", "test_list:2", entity_type="vessel", payload=object())
    step = {"text": "ARTVIL", "list": "ARTAVIL", "method": "fuzzy", "similarity": 0.8571}
    hit = TextHit(term, 3, 9, "ARTVIL", 0.857142857, (step,))
    assert hit.to_dict() == {
        "kind": "vessel",
        "list_string": "ARTAVIL",
        "key": "test_list:2",
        "found": "ARTVIL",
        "offsets": [3, 9],
        "score": 0.8571,
        "alignment": [step],
    }


def test_the_payload_is_not_part_of_a_terms_identity() -> None:
    assert Term("name", "X Y", "k", payload=1) == Term("name", "X Y", "k", payload=2)

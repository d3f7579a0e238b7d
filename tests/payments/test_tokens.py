"""Free text as canonical tokens: each token keeps the offsets of the word it came from."""

from __future__ import annotations

from service.payments.tokens import canonical, tokenize


def test_offsets_point_at_the_words() -> None:
    text = "PAY O'Brien S.R.L. Limited NAM-PO"
    toks = tokenize(text)
    assert [tok for tok, *_ in toks] == ["pay", "obrien", "srl", "ltd", "nam", "po"]
    assert all(text[start:end] == word for _, start, end, word in toks)


def test_legal_forms_read_as_the_index_reads_them() -> None:
    assert canonical("limited") == canonical("ltd")
    assert canonical("timber") == "timber"
    assert tokenize("") == [] and tokenize(" .,- ") == []

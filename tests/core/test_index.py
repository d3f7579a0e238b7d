"""index: the lookup maps and rarity weights built from the entities."""

from service.core.index import build_index, deletes
from service.core.model import Alias, Entity, Identifier


def _index():
    return build_index(
        [
            Entity("t", "1", "organization", "ACME TRADING LTD", aliases=(Alias("ACME LIMITED"),)),
            Entity("t", "2", "organization", "ZENITH TRADING LTD"),
            Entity("t", "3", "organization", "ORION TRADING LTD"),
            Entity("t", "4", "vessel", "SEA STAR", identifiers=(Identifier("imo", "9074729"),)),
        ]
    )


def test_one_posting_per_distinct_name():
    idx = _index()
    assert len(idx.names) == 5
    assert len(idx.postings["acme"]) == 2
    assert len(idx.postings["trading"]) == 3


def test_rare_tokens_weigh_more_than_common_and_legal_ones():
    idx = _index()
    assert idx.weight("acme", "name") > idx.weight("trading", "name") > idx.weight("ltd", "legal")


def test_symspell_keys_find_one_edit_typos():
    idx = _index()
    assert "zenith" in idx.deletes["zenth"]
    assert deletes("abc") == {"bc", "ac", "ab"}


def test_glued_and_identifier_keys():
    idx = _index()
    assert idx.joined["seastar"]
    assert idx.identifiers["imo:9074729"] == (3,)

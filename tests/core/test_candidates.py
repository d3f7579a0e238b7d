"""candidates: which list names a query is worth scoring, found by lookups only."""

from __future__ import annotations

import itertools

import pytest

from service.core import Entity, MatchConfig, Query, build_matcher
from service.core.candidates import CandidateFinder
from service.core.config import scaled_to
from service.core.index import NameIndex, build_index
from service.core.names import analyze
from service.core.pair import Side


@pytest.fixture(scope="module")
def index(golden_entities: list[Entity]) -> NameIndex:
    return build_index(golden_entities)


@pytest.fixture(scope="module")
def finder(index: NameIndex) -> CandidateFinder:
    return CandidateFinder(index, scaled_to(MatchConfig(), index.rarest))


def found(index: NameIndex, finder: CandidateFinder, text: str, **kw) -> list[str]:
    """Source ids of the candidate names for ``text``, best pre-rank first."""
    form = analyze(text, None)
    weights = tuple(index.weight(t, k) for t, k in zip(form.tokens, form.kinds, strict=True))
    qside = Side(form.tokens, form.originals, form.kinds, weights)
    names, _ = finder.find(form, qside, kw.get("lists"), kw.get("etype"), {})
    return [index.entities[index.names[n].entity].source_id for n in names]


def test_a_query_token_expands_to_the_list_tokens_it_may_stand_for(finder):
    assert finder.expand("putin", 0) == {"putin": 1.0}
    assert finder.expand("putn", 0) == {"putin": 0.85}  # one deletion away
    assert finder.expand("bob", 0) == {"robert": 0.9}  # a nickname
    assert finder.expand("sergeyy", 0) == {"sergei": 0.85}  # a misspelt variant
    assert finder.expand("zzzzzz", 0) == {}


def test_expansions_are_remembered_for_the_query(finder):
    memo: dict = {}
    first = finder.expand("putn", 0, memo)
    assert finder.expand("putn", 0, memo) is first
    assert list(memo) == [("putn", 0)]


def test_candidates_are_the_names_sharing_rare_words(index, finder):
    assert found(index, finder, "Vladimir Putn") == ["p1", "p1"]  # both names of p1
    assert found(index, finder, "Acme Widgets") == []


def test_candidates_are_filtered_by_list_and_entity_type(index, finder):
    assert found(index, finder, "Vladimir Putn", etype="organization") == []
    assert found(index, finder, "Vladimir Putn", lists=frozenset({"other"})) == []
    assert found(index, finder, "Vladimir Putn", lists=frozenset({"test"})) == ["p1", "p1"]


def test_the_rare_word_of_a_short_name_is_looked_for_two_edits_away(index, finder):
    assert found(index, finder, "NAMCHOMGAMG") == ["o9"]


def test_a_glued_query_finds_names_through_their_glued_forms(index, finder):
    form = analyze("JSCARGUMENT", None)
    qside = Side(form.tokens, form.originals, form.kinds, (index.unknown_weight,))
    names, glued = finder.find(form, qside, None, None, {})
    assert [index.entities[index.names[n].entity].source_id for n in names] == ["o1"]
    assert glued == set(names)  # so they always get the glued-token alignment


def test_an_initial_ranks_the_names_of_that_letter_among_many_namesakes():
    """Thirty WANGs and one WANG Mingjing, listed last, among 216 other people: "WANG,
    M." must still find him, though only the best-ranked few names are scored."""
    syllables = ("ka", "lo", "mi", "nu", "pe", "ra")
    others = ["".join(t) for t in itertools.product(syllables, repeat=3)]
    rows = [Entity("t", f"o{i}", "person", f"{s.upper()}, Peter") for i, s in enumerate(others)]
    given = [f"{a}{b}" for a in ("Bo", "Chen", "Dong", "Fei", "Gang") for b in "uvwxyz"]
    rows += [Entity("t", f"w{i}", "person", f"WANG, {g}") for i, g in enumerate(given)]
    rows.append(Entity("t", "wm", "person", "WANG, Mingjing"))
    found = build_matcher(rows).search(Query("WANG, M.", threshold=0.3))
    assert found and found[0].entity.source_id == "wm"

"""similarity: how alike two canonical tokens are, and by which rule."""

from __future__ import annotations

from service.core.pair import Weights
from service.core.similarity import edit_budget, squeeze, token_sim

W = Weights()


def test_edit_budget_grows_with_length():
    assert [edit_budget(n) for n in (3, 4, 6, 10)] == [0, 1, 2, 3]


def test_squeeze_writes_each_run_of_a_letter_once():
    assert squeeze("lnnng") == "lng"
    assert squeeze("mohammedd") == "mohamed"
    assert squeeze("abc") == "abc"


def test_token_similarity_methods():
    assert token_sim("putin", "putin", False, W) == (1.0, "exact")
    assert token_sim("putn", "putin", False, W)[1] == "fuzzy"
    assert token_sim("v", "vladimir", False, W)[1] == "initial"
    assert token_sim("bob", "robert", False, W)[1] == "nickname"
    assert token_sim("2", "3", False, W)[0] == 0.0
    assert token_sim("kim", "kin", False, W)[0] == 0.0  # short tokens tolerate no edit


def test_a_doubled_letter_is_a_small_edit_even_in_a_short_word():
    sim, method = token_sim("lnng", "lng", False, W)
    assert method == "fuzzy"
    assert sim == 1.0 - W.fuzzy_slope / 4


def test_a_different_first_letter_costs_more_than_a_later_typo():
    later = token_sim("cisco", "cisko", False, W)[0]
    first = token_sim("cisco", "zisco", False, W)[0]
    assert first == later * W.first_letter


def test_the_weights_passed_in_are_the_ones_used():
    assert token_sim("bob", "robert", False, Weights(nickname=0.5)) == (0.5, "nickname")


def test_nicknames_across_languages_and_between_nicknames():
    for short, formal in [("sasha", "aleksandr"), ("paco", "francisco"), ("fritz", "friedrich"),
                          ("billy", "bill"), ("dima", "dmitri")]:  # fmt: skip
        assert token_sim(short, formal, False, W) == (W.nickname, "nickname")


def test_short_given_name_forms_are_truncations_of_given_names_only():
    assert token_sim("vic", "victor", False, W)[1] == "truncated"
    assert token_sim("dannie", "daniel", False, W)[1] == "truncated"
    assert token_sim("car", "cargo", False, W)[0] == 0.0  # not a given name


def test_patronymic_is_not_the_given_name():
    assert token_sim("ivan", "ivanovich", False, W)[0] == 0.0
    assert token_sim("evgeny", "evgenevich", False, W)[0] == 0.0


def test_other_gender_form_is_weaker_than_a_typo():
    assert token_sim("ivanova", "ivanov", False, W) == (W.gender_form, "gender_form")
    assert token_sim("maria", "mario", False, W)[1] == "gender_form"
    assert token_sim("ivanpva", "ivanova", False, W)[0] > W.gender_form


def test_cross_script_sound_alikes():
    assert token_sim("zav", "zaw", 1, W)[1] == "phonetic"
    assert token_sim("zav", "zaw", 0, W)[0] == 0.0  # a Latin query: a different name
    assert token_sim("hol", "chol", 1, W)[1] == "phonetic"


def test_consonant_skeletons_only_for_unvowelled_script():
    """Arabic script read back without vowels: MHMD is MUHAMMAD only from Arabic."""
    assert token_sim("mhmd", "muhammad", 2, W) == (W.skeleton, "transliteration")
    assert token_sim("mhmd", "muhammad", 0, W)[0] < W.skeleton

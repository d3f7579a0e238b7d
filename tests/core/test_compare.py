"""compare: token similarity and alignment scores."""

from service.core.compare import Side, Weights, align, assimilated_spans, edit_budget, token_sim

W = Weights()


def side(*tokens: str, weights: tuple[float, ...] | None = None, kinds=None) -> Side:
    return Side(tokens, tokens, kinds or ("name",) * len(tokens), weights or (5.0,) * len(tokens))


def test_edit_budget_grows_with_length():
    assert [edit_budget(n) for n in (3, 4, 6, 10)] == [0, 1, 2, 3]


def test_token_similarity_methods():
    assert token_sim("putin", "putin", False, W) == (1.0, "exact")
    assert token_sim("putn", "putin", False, W)[1] == "fuzzy"
    assert token_sim("v", "vladimir", False, W)[1] == "initial"
    assert token_sim("bob", "robert", False, W)[1] == "nickname"
    assert token_sim("2", "3", False, W)[0] == 0.0
    assert token_sim("kim", "kin", False, W)[0] == 0.0  # short tokens tolerate no edit


def test_order_does_not_matter():
    assert align(side("vladimir", "putin"), side("putin", "vladimir"), False, W).score == 1.0


def test_missing_list_token_costs_less_than_extra_query_token():
    missing = align(side("a1", "b1"), side("a1", "b1", "c1"), False, W).score
    extra = align(side("a1", "b1", "c1"), side("a1", "b1"), False, W).score
    assert 1.0 > missing > extra


def test_glued_tokens_align():
    al = align(side("jscargument"), side("jsc", "argument"), False, W)
    assert al.score > 0.9
    assert al.edges[0].method == "joined"


def test_different_numbers_halve_the_score():
    kinds = ("name", "name", "name", "number")
    a = side("kum", "un", "san", "3", kinds=kinds)
    b = side("kum", "un", "san", "2", kinds=kinds)
    assert align(a, b, False, W).score < 0.5


def test_rare_tokens_carry_the_score():
    q = side("emma", "daniels", weights=(8.0, 9.0))
    c = side("emma", "llc", weights=(8.0, 0.3), kinds=("name", "legal"))
    assert align(q, c, False, W).score < 0.7


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


def test_typo_in_a_rare_one_word_name_reaches_review():
    rare = Weights(rare_cover=7.0, informative=13.0)
    al = align(side("tabik", weights=(10.0,)), side("tabuk", weights=(10.0,)), False, rare)
    assert al.score >= 0.8
    # ...but not when the query brings words the list name lacks ("SYSCO CORP").
    extra = side("sysco", "corp", weights=(10.0, 0.3), kinds=("name", "legal"))
    assert align(extra, side("scsco", weights=(10.0,)), False, rare).score < 0.8


def test_cross_script_sound_alikes():
    assert token_sim("zav", "zaw", 1, W)[1] == "phonetic"
    assert token_sim("zav", "zaw", 0, W)[0] == 0.0  # a Latin query: a different name
    assert token_sim("hol", "chol", 1, W)[1] == "phonetic"


def test_the_article_before_a_sun_letter_is_glued_away():
    assert assimilated_spans(("shms", "al", "dyn")) == ((0b111, "shmsdyn"),)
    assert assimilated_spans(("abdul", "al", "rhmn")) == ((0b111, "abdrhmn"),)
    assert assimilated_spans(("abdul", "al", "qdr")) == ()  # Q is a moon letter: AL stays

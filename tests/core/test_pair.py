"""pair: the data of a name-pair comparison."""

from __future__ import annotations

import dataclasses

import pytest

from service.core.pair import Alignment, Edge, Side, Weights


def test_weights_are_compared_by_identity():
    """They key the token-similarity cache: equal-valued copies must not be confused
    with each other (nor cost a field-by-field hash)."""
    a, b = Weights(), Weights()
    assert a != b
    assert a == a
    assert len({a, b}) == 2
    assert hash(a) != hash(b)


def test_a_side_is_not_a_person_name_unless_told():
    side = Side(("acme",), ("ACME",), ("name",), (5.0,))
    assert side.common == -1  # the common-name cap does not apply
    assert not Alignment(1.0, (), (), (), False).common


def test_pair_data_is_immutable():
    """Index sides are shared by every query and, after fork, by every worker."""
    side = Side(("acme",), ("ACME",), ("name",), (5.0,))
    edge = Edge(1, 1, 1.0, "exact", "acme", "acme")
    for obj, attr in ((side, "tokens"), (edge, "sim"), (Weights(), "phonetic")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, attr, None)

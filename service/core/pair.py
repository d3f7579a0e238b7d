"""The data of one name-pair comparison: the scoring constants, the two sides, the
aligned edges and the outcome.

Shared by :mod:`service.core.similarity` (token against token),
:mod:`service.core.compare` (the alignment) and :mod:`service.core.scoring` (the score
of an alignment), so none of them has to import another for its types.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, eq=False)
class Weights:
    """Scoring constants (the formula is in :mod:`service.core.scoring`). Compared by
    identity (``eq=False``): it keys the token-similarity cache, so hashing must cost
    nothing."""

    extra_query: float = 1.0
    extra_list: float = 0.5
    extra_contained: float = 0.6
    """Cost of extra query tokens when the whole listed name is in the query."""
    number_mismatch: float = 0.5
    fuzzy_slope: float = 0.6
    first_letter: float = 0.9
    """Multiplier when a fuzzy or phonetic pair differs in its first letter (rare in
    real misspellings, common between different names: CISCO/ZISCO, KERING/BERING)."""
    phonetic: float = 0.88
    skeleton: float = 0.85
    initial: float = 0.9
    nickname: float = 0.9
    initial_weight: float = 0.15
    """Most an initial can weigh, as a share of the rarest token's weight."""
    initial_share: float = 0.4
    """...or this share of the spelt-out name's weight, if more: the initial of a long,
    rare given name tells more than the initial of a short, common one."""
    merge_penalty: float = 0.97
    truncated: float = 0.8
    """A query token that is the start of a list token: "ALEK" ALEKSANDR, "VIC" VICTOR,
    "EDDIE" EDGAR (a short form of a given name)."""
    gender_form: float = 0.75
    """IVANOV/IVANOVA, MARIO/MARIA: the other gender's form of the name."""
    rare_cover: float = 0.75
    """Two names whose every token is aligned, one pair at least this rare (share of the
    rarest weight), are not shrunk as common: a typo in a one-word rare
    name ("TABIK" for TABUK) is still that name."""
    informative: float = 1.3
    """Matched rarity weight (in units of the rarest token's weight) below which a
    name is too common to be sure of...; the matcher scales it to its corpus."""
    informative_power: float = 0.5
    """...and the score is multiplied by (matched weight / informative) ** power."""
    common_cap: float = 0.78
    """Most a person name made only of common name parts (two or more of them: known
    given names, frequent surnames) scores on the name alone: "AHMAD HASAN" or
    "Aleksandr SOKOLOV" is the name of thousands of people. Below review by default; a
    matching date of birth or nationality lifts it (``MatchConfig``)."""
    common_exact: float = 0.85
    """...except the listed name itself, spelt exactly: a screening engine that answers
    ``clear`` to a name as the list writes it cannot be defended to an examiner, so it
    alerts as review (never block); a different date of birth or nationality in the
    request still takes it below review."""
    complete_floor: float = 0.9
    """...but never below this when the query holds the whole listed name: an exact
    list name always alerts (as review, not block, when it is a common one)."""


@dataclass(frozen=True, slots=True)
class Edge:
    """One aligned pair: query token(s) against list token(s)."""

    qmask: int
    cmask: int
    sim: float
    method: str
    qtext: str
    ctext: str


@dataclass(frozen=True, slots=True)
class Side:
    """The parts of one name the aligner needs (query or list side)."""

    tokens: tuple[str, ...]
    originals: tuple[str, ...]
    kinds: tuple[str, ...]
    weights: tuple[float, ...]
    common: int = -1
    """Person names: bitmask of the tokens that are common name parts (a known given
    name or a frequent surname); -1 for other names, where the rule does not apply."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """The outcome of aligning two names: its score, edges and leftovers."""

    score: float
    edges: tuple[Edge, ...]
    unmatched_query: tuple[int, ...]
    unmatched_list: tuple[int, ...]
    numbers_differ: bool
    common: bool = False
    """The name evidence is made only of common name parts (capped, see Weights)."""

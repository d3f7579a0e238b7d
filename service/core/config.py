"""The engine's tuning knobs and score bands: :class:`MatchConfig` and :func:`band`.

Pure data passed in by the caller: the core reads no settings and no environment, so the
service layer builds a ``MatchConfig`` from its own settings and a band never contradicts
the decision it takes.

Score (0-1, the same meaning for every list and entity type; band names at the
thresholds the caller configures, the defaults shown):

- ``>= 0.97`` **strong**: the same name, or an exact identifier. ``block_threshold``.
- ``0.80-0.97`` **review**: a close variant (typo, transliteration, missing middle
  name, legal form); a reviewer should look. ``review_threshold`` (default 0.80).
- ``0.70-0.80`` **weak**: partial resemblance; returned, but below review by default.
- ``< 0.70``: not returned with the default ``threshold``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from service.core.pair import Weights

STRONG = 0.97
REVIEW = 0.80
WEAK = 0.70


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """Tuning knobs of the engine; the defaults are the calibrated ones."""

    candidates: int = 15
    """How many pre-ranked names get the full alignment score per query."""
    merge_top: int = 5
    """The best pre-ranked names always try glued/split token alignment..."""
    merge_floor: float = 0.45
    """...the others only when their single-token score reaches this."""
    prerank_floor: float = 0.35
    """Names whose pre-rank estimate is below this are not scored at all..."""
    prerank_window: float = 0.45
    """...nor are names pre-ranked this far below the best one."""
    posting_cap: int = 200
    """Tokens on more names than this do not select candidates once a rarer token has
    (they still score)."""
    weak_alias_factor: float = 0.9
    """Score multiplier for weak aliases (OFAC weak AKA, UN low quality)."""
    dob_match_bonus: float = 0.03
    dob_mismatch_penalty: float = 0.12
    country_match_bonus: float = 0.02
    country_mismatch_penalty: float = 0.08
    imo_conflict_penalty: float = 0.3
    identifier_score: float = 0.95
    """Score of an exact non-decisive identifier match (passport, registration...)."""
    contradiction_floor: float = 0.70
    """Contradictions never push a name score >= 0.9 below this (never hide it)."""
    weights: Weights = field(default_factory=Weights)
    block_threshold: float = STRONG
    """Bands of ``explanation.band``: the thresholds the service decides with, passed
    in by the caller (the core reads no settings), so a band never contradicts the
    decision. ``strong`` from here..."""
    review_threshold: float = REVIEW
    """...``review`` from here (and an identifier beside a name scoring this counts as
    decisive)..."""
    weak_threshold: float = WEAK
    """...``weak`` from here, ``below`` under it."""
    memo_size: int = 1 << 15
    """Distinct query names whose name matches are remembered (0: none). Customer
    files and payment streams repeat names; a repeat then costs only its evidence."""


def scaled_to(config: MatchConfig, rarest: float) -> MatchConfig:
    """``config`` with its rarity-weight thresholds (given in units of the rarest token's
    weight, so they mean the same on any list) scaled to a corpus whose rarest token
    weighs ``rarest``."""
    wts = config.weights
    return replace(
        config,
        weights=replace(
            wts,
            informative=wts.informative * rarest,
            initial_weight=wts.initial_weight * rarest,
            rare_cover=wts.rare_cover * rarest,
        ),
    )


def band(score: float, config: MatchConfig | None = None) -> str:
    """Name of the documented score band ``score`` falls in, at the thresholds the
    caller configured (the defaults without a config)."""
    cfg = config or _DEFAULT
    if score >= cfg.block_threshold:
        return "strong"
    if score >= cfg.review_threshold:
        return "review"
    if score >= cfg.weak_threshold:
        return "weak"
    return "below"


_DEFAULT = MatchConfig()

"""The peer benchmark: nomenklatura's labelled name pairs, scored as the service screens.

``../shared/data/eval/peer_name_bench/cases.csv`` holds the pairs OpenSanctions tunes
logic-v2 on (query side ``name1``, list side ``name2``, ``is_match``), and
``logicv2-frozen.csv`` logic-v2's frozen score for each. Every distinct list-side name
becomes an entity of a ``peer`` list indexed *beside the real lists* (so it competes
with them for candidate slots and its tokens weigh what they weigh among real names);
each query-side name is screened with its entity type, and the pair counts as a match
when the list-side entity scores at least the review threshold. Reported: precision,
recall and F1 at the review threshold, beside logic-v2's F1 at its own default (0.70)
and at its best threshold on the same set.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from service.core import Entity, MatchConfig, Query, build_matcher

PEER_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "eval"
PEER_DIR = PEER_DIR / "peer_name_bench"
_TYPES = {
    "Person": "person",
    "Company": "organization",
    "Organization": "organization",
    "Vessel": "vessel",
}


@dataclass(frozen=True)
class Pair:
    group: str
    schema: str
    query: str
    listed: str
    is_match: bool


def load_pairs() -> list[Pair]:
    with (PEER_DIR / "cases.csv").open(encoding="utf-8", newline="") as fh:
        return [
            Pair(r["case_group"], r["schema"], r["name1"], r["name2"], r["is_match"] == "true")
            for r in csv.DictReader(fh)
        ]


def logic_v2() -> list[tuple[float, bool]]:
    """(frozen logic-v2 score, label) per pair."""
    with (PEER_DIR / "logicv2-frozen.csv").open(encoding="utf-8", newline="") as fh:
        return [(float(r["score"]), r["is_match"] == "true") for r in csv.DictReader(fh)]


def f1(rows: list[tuple[float, bool]], cut: float) -> tuple[float, float, float]:
    """(precision, recall, F1) of ``score >= cut`` as the prediction."""
    tp = sum(1 for s, y in rows if s >= cut and y)
    fp = sum(1 for s, y in rows if s >= cut and not y)
    fn = sum(1 for s, y in rows if s < cut and y)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_f1(rows: list[tuple[float, bool]]) -> tuple[float, float]:
    """(best F1, its threshold) over every threshold the scores offer."""
    cuts = sorted({s for s, _ in rows})
    return max(((f1(rows, c)[2], c) for c in cuts), default=(0.0, 0.0))


def peer_entities(pairs: list[Pair]) -> dict[tuple[str, str], Entity]:
    out: dict[tuple[str, str], Entity] = {}
    for p in pairs:
        key = (_TYPES.get(p.schema, "organization"), p.listed)
        if key not in out:
            out[key] = Entity("peer", str(len(out)), key[0], p.listed)  # type: ignore[arg-type]
    return out


def our_scores(
    entities: list[Entity], pairs: list[Pair], config: MatchConfig, review: float
) -> list[tuple[float, bool, Pair]]:
    """(our score of the list-side entity, label, pair) for every pair."""
    peer = peer_entities(pairs)
    matcher = build_matcher([*entities, *peer.values()], config)
    out = []
    for p in pairs:
        etype = _TYPES.get(p.schema)
        target = peer[(etype or "organization", p.listed)]
        hits = matcher.search(replace(Query(p.query, entity_type=etype), threshold=0.3))  # type: ignore[arg-type]
        score = next((m.score for m in hits if m.entity.key == target.key), 0.0)
        out.append((score, p.is_match, p))
    return out


def report(entities: list[Entity], config: MatchConfig, review: float, misses: int = 0) -> None:
    pairs = load_pairs()
    rows = our_scores(entities, pairs, config, review)
    ours = [(s, y) for s, y, _ in rows]
    p, r, f = f1(ours, review)
    v2 = logic_v2()
    _, _, v2_default = f1(v2, 0.70)
    v2_best, v2_cut = best_f1(v2)
    print(
        f"\npeer benchmark (nomenklatura name_bench, {len(pairs)} pairs, list side indexed "
        "beside the real lists)"
    )
    print(
        f"  ours at {review:.2f}: F1 {f:.3f} (precision {p:.3f}, recall {r:.3f}); "
        f"best F1 {best_f1(ours)[0]:.3f}"
    )
    print(
        f"  logic-v2 (frozen, {len(v2)} pairs): F1 {v2_default:.3f} at 0.70, "
        f"best {v2_best:.3f} at {v2_cut:.2f}"
    )
    by_group: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for s, y, pair in rows:
        by_group[pair.group].append((s, y))
    print(
        "  by group: "
        + ", ".join(
            f"{g} F1 {f1(v, review)[2]:.3f} (n={len(v)})" for g, v in sorted(by_group.items())
        )
    )
    if misses:
        wrong = [(s, y, pr) for s, y, pr in rows if (s >= review) != y]
        for s, y, pr in wrong[:misses]:
            kind = "FN" if y else "FP"
            print(f"    {kind} {s:.3f} {pr.schema:8} {pr.query!r} vs {pr.listed!r}")

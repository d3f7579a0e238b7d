"""List matches: the name-matcher results a rule reads (LST-01 parties, LST-02 vessel).

The service layer runs the matcher and passes its matches in; here they become evidence
items with the list entry, the score and whether the matcher found contradicting
attributes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from service.core.query import Match
from service.rules.config import NameThresholds
from service.rules.facts.builder import Context, FactBuilder, evidence
from service.rules.facts.vessels import imo_digits


def contradicted(m: Match) -> bool:
    """The matcher found attributes against the match (other DOB, country ...): it lists
    them under ``explanation["contradicted"]``."""
    return bool((m.explanation or {}).get("contradicted"))


def _match_item(path: str, value: str, m: Match, **extra: Any) -> dict[str, Any]:
    e = m.entity
    note = f"{e.list} {e.source_id} '{m.matched_name}' score {m.score:.2f}"
    if e.programs:
        note += f" [{', '.join(e.programs)}]"
    return evidence(
        path,
        value,
        note,
        list=e.list,
        entry=e.source_id,
        score=float(m.score),
        contradicted=contradicted(m),
        **extra,
    )


def add_matches(
    ctx: Context,
    b: FactBuilder,
    party_matches: Mapping[str, Sequence[Match]],
    vessel_matches: Sequence[Match] | None,
) -> None:
    review = NameThresholds.of(ctx.cfg).review
    items = []
    for i, p in enumerate(ctx.request.parties):
        for m in party_matches.get(p.id, ()):
            if m.score >= review:
                items.append(_match_item(f"parties[{i}].name", p.name, m, party=p.id))
    b.put("party_matches", items, True)
    v = ctx.request.shipment.vessel if ctx.request.shipment else None
    vitems = []
    imo = imo_digits(v.imo) if v and v.imo else None
    for m in vessel_matches or ():
        listed = {imo_digits(x.value) for x in m.entity.identifiers if x.type == "imo"}
        imo_match = imo is not None and imo in listed
        if imo_match or m.score >= review:
            vitems.append(
                _match_item(
                    "shipment.vessel",
                    (v.name if v else "") or (v.imo if v else ""),
                    m,
                    imo_match=imo_match,
                )
            )
    b.put(
        "vessel_matches",
        vitems,
        bool(v and (v.name or v.imo)),
        "shipment.vessel.name",
        "shipment.vessel.imo",
    )

"""Hidden characters: invisible code points in any name or free text of a transaction.

Matching ignores format characters (a tag character inside "Banco Nacional de Cuba" must
not hide it from the lists), but nobody types them by accident: a name that carries one
was most likely built to slip past a screening filter, so the transaction says so as a
rule hit with the field and the code points, not only as a note on one party's matches.
"""

from __future__ import annotations

from collections.abc import Iterator

from service.core.normalize import displayed_form, hidden_characters
from service.rules.facts.builder import Context, FactBuilder, evidence
from service.rules.facts.free_text import free_texts


def _named_fields(ctx: Context) -> Iterator[tuple[str, str, str | None]]:
    """(path, text, party id) of every name and free-text field a person typed."""
    req = ctx.request
    for path, text, _ in free_texts(ctx):
        yield path, text, _party_id(ctx, path)
    for i, p in enumerate(req.parties):
        if p.bank and p.bank.name:
            yield f"parties[{i}].bank.name", p.bank.name, p.id
    vessel = req.shipment.vessel if req.shipment else None
    if vessel and vessel.name:
        yield "shipment.vessel.name", vessel.name, None


def _party_id(ctx: Context, path: str) -> str | None:
    if not path.startswith("parties["):
        return None
    return ctx.request.parties[int(path[8 : path.index("]")])].id


def add_hidden_characters(ctx: Context, b: FactBuilder) -> None:
    """``hidden_characters``: one evidence item per field carrying invisible code points
    or a right-to-left override; always judged, since every transaction names parties."""
    found = []
    for path, text, party in _named_fields(ctx):
        codes = hidden_characters(text)
        shown = displayed_form(text)
        if not codes and shown is None:
            continue
        note = f"invisible characters {', '.join(codes)}" if codes else ""
        if shown is not None:
            note = "; ".join(filter(None, (note, f"displays as {shown!r}")))
        extra = {"party": party} if party else {}
        found.append(evidence(path, text, note, **extra))
    b.put("hidden_characters", found, True)

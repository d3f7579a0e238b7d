"""Free text: sanctioned places and DPRK identifiers in names, addresses and purposes.

Clients write "Sevastopol, Russia" in a country field and "Rason" in an address line; a
BIC with country KP or an MMSI with MID 445 names the DPRK without any country at all.
"""

from __future__ import annotations

from service.rules.facts.builder import Context, FactBuilder, evidence
from service.rules.facts.countries import bic_country
from service.rules.facts.vessels import mmsi_mid


def free_texts(ctx: Context) -> list[tuple[str, str, str]]:
    """(path, text, kind) for every free-text field; kind is name | address | purpose | goods."""
    out: list[tuple[str, str, str]] = []
    req = ctx.request
    for i, p in enumerate(req.parties):
        out.append((f"parties[{i}].name", p.name, "name"))
        if p.address:
            for j, line in enumerate(p.address.lines):
                out.append((f"parties[{i}].address.lines[{j}]", line, "address"))
            for key in ("city", "region"):
                if getattr(p.address, key):
                    out.append((f"parties[{i}].address.{key}", getattr(p.address, key), "address"))
    if req.payment and req.payment.purpose:
        out.append(("payment.purpose", req.payment.purpose, "purpose"))
    for i, g in enumerate(req.goods):
        if g.description:
            out.append((f"goods[{i}].description", g.description, "goods"))
    return out


def _country_fields(ctx: Context) -> list[tuple[str, str]]:
    """(path, text) of every party country field: a region written there ("Crimea",
    "Sevastopol, Russia") is a sanctioned place although it is no country."""
    out: list[tuple[str, str]] = []
    for i, p in enumerate(ctx.request.parties):
        for key, text in (
            ("country", p.country),
            ("nationality", p.nationality),
            ("address.country", p.address.country if p.address else None),
        ):
            if text:
                out.append((f"parties[{i}].{key}", text))
    s = ctx.request.shipment
    if s and s.destination_country:
        out.append(("shipment.destination_country", s.destination_country))
    return out


def add_free_text(ctx: Context, b: FactBuilder) -> None:
    geo = ctx.ref.geo
    dprk: list[dict] = []
    regions: list[dict] = []
    layering: list[dict] = []
    has_places = False
    for path, text, kind in free_texts(ctx):
        for code, found in geo.country_terms(text):
            if code == "KP":
                dprk.append(evidence(path, text, f"names the DPRK ('{found}')"))
        if kind == "name":
            continue
        has_places = has_places or kind in ("address", "purpose")
        for hit in geo.region_places(text):
            place = hit.place
            if place.region:
                regions.append(_region_item(ctx, path, text, place.name, place.region, hit.found))
            elif "layering_region" in place.groups and kind == "address":
                layering.append(
                    evidence(
                        path,
                        text,
                        f"{place.name}: DPRK border or layering region",
                        party=_party_of(path, ctx),
                    )
                )
    for path, text in _country_fields(ctx):
        has_places = True
        for hit in geo.country_regions(text):
            place = hit.place
            regions.append(_region_item(ctx, path, text, place.name, place.region, hit.found))
    for path, port in ctx.ports.items():
        has_places = True
        place = port.place
        if place and place.region:
            regions.append(_region_item(ctx, path, port.text, place.name, place.region, place.name))
        if place and "dprk_port" in place.groups:
            dprk.append(evidence(path, port.text, f"DPRK port {place.name}"))
        elif port.unlocode and port.unlocode.startswith("KP"):
            dprk.append(evidence(path, port.text, f"UN/LOCODE {port.unlocode} is in the DPRK"))
    for i, p in enumerate(ctx.request.parties):
        bic = p.bank.bic if p.bank else None
        if bic_country(bic) == "KP":
            dprk.append(evidence(f"parties[{i}].bank.bic", bic, "BIC country KP"))
    pay = ctx.request.payment
    if pay:
        for key, bic in (
            ("ordering_bank_bic", pay.ordering_bank_bic),
            ("beneficiary_bank_bic", pay.beneficiary_bank_bic),
            *((f"intermediary_bics[{i}]", x) for i, x in enumerate(pay.intermediary_bics)),
        ):
            if bic_country(bic) == "KP":
                dprk.append(evidence(f"payment.{key}", bic, "BIC country KP"))
    vessel = ctx.request.shipment.vessel if ctx.request.shipment else None
    if vessel and mmsi_mid(vessel.mmsi) == "445":
        dprk.append(evidence("shipment.vessel.mmsi", vessel.mmsi, "MMSI MID 445 is the DPRK"))
    b.put("dprk_identifiers", dprk, True)
    b.put(
        "region_hits",
        regions,
        has_places,
        "parties[].address",
        "payment.purpose",
        "shipment.port_*",
    )
    has_address = any(p.address for p in ctx.request.parties)
    b.put("layering_parties", layering, has_address, "parties[].address")


def _region_item(
    ctx: Context, path: str, value: str, place: str, region_id: str, found: str
) -> dict:
    region = ctx.ref.geo.region(region_id)
    blocking = ctx.ref.geo.region_blocks(region_id, ctx.regimes)
    note = f"{place}: {region.get('name', region_id)}, {region.get('program', '')}"
    return evidence(path, value, note, region=region_id, blocking=blocking, found=found)


def _party_of(path: str, ctx: Context) -> str:
    if path.startswith("parties["):
        return ctx.request.parties[int(path[8 : path.index("]")])].id
    return ""

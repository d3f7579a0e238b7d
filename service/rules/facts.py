"""Facts: what the rules need to know about a transaction, computed once, in Python.

The rules themselves are CEL conditions in data files; CEL is deliberately small, so
the work that needs reference tables (resolving "Korea" with a city, classifying
"дизельное топливо", checking an IMO digit) happens here, in small pure extractors.
Each extractor returns CEL-ready values (lists of maps with ``path``, ``value`` and
``note`` for evidence), or records which request fields were missing so that the
rules depending on it are reported as ``not_evaluated``.

Pure: the caller passes today's date and the name-matcher results.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from service.core.countries import country_name
from service.core.model import Entity
from service.core.normalize import normalize
from service.core.query import Match
from service.rules.engine import Facts
from service.rules.geo import Port
from service.rules.payment import bic_country
from service.rules.request import Party, TransactionRequest
from service.rules.tables import ReferenceData
from service.rules.vessel import flag_changes, imo_digits, imo_valid, mmsi_mid

_PO_BOX = re.compile(r"\b(p\.?\s?o\.?\s?box|post office box|postfach|а/я)\b", re.IGNORECASE)


@dataclass
class _Builder:
    """Collects rich fact values and the request paths behind missing facts."""

    values: dict[str, Any] = field(default_factory=dict)
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Evidence for scalar facts (the currency a rule quotes)."""

    def put(self, name: str, value: Any, present: bool, *paths: str) -> None:
        if present:
            self.values[name] = value
        else:
            self.missing[name] = paths or (name,)

    def facts(self, cfg: Mapping[str, Any]) -> Facts:
        """Compact CEL values (counts, scalars) plus the evidence items behind each count.

        CEL converts every value it is handed on every call, at several microseconds per
        field, so rules see counts and scalars; the items stay on the Python side.
        """
        values: dict[str, Any] = {}
        evidence: dict[str, list[dict[str, Any]]] = {}
        missing = dict(self.missing)
        evidence.update(self.notes)
        for name, value in self.values.items():
            if isinstance(value, list) and (not value or isinstance(value[0], dict)):
                values[name] = len(value)
                evidence[name] = value
            else:
                values[name] = value
        for name, (source, keep) in _DERIVED.items():
            if source in self.values:
                items = [item for item in self.values[source] if keep(item, cfg)]
                values[name] = len(items)
                evidence[name] = items
            elif source in self.missing:
                missing[name] = self.missing[source]
        return Facts(values, missing, evidence)


def _party_or_bank(c: dict) -> bool:
    return c["kind"] in ("party", "bank")


_DERIVED: dict[str, tuple[str, Any]] = {
    "tier_a": ("countries", lambda c, cfg: c["tier"] == "A"),
    "fatf_block": ("countries", lambda c, cfg: _party_or_bank(c) and c["fatf"] == "block"),
    "fatf_review": ("countries", lambda c, cfg: _party_or_bank(c) and c["fatf"] == "review"),
    "tier_b": (
        "countries",
        lambda c, cfg: _party_or_bank(c) and c["tier"] == "B" and not c["fatf"],
    ),
    "grey": ("countries", lambda c, cfg: _party_or_bank(c) and c["grey"] and not c["fatf"]),
    "region_blocking": ("region_hits", lambda h, cfg: h["blocking"]),
    "petroleum_goods": ("goods", lambda g, cfg: "petroleum" in g["families"]),
    "laundering_goods": (
        "goods",
        lambda g, cfg: bool(set(g["categories"]) & set(cfg.get("laundering_categories", ()))),
    ),
    "goods_from_dprk_banned": (
        "goods",
        lambda g, cfg: bool({"from_dprk", "both"} & set(g["directions"])),
    ),
    "goods_to_dprk_banned": (
        "goods",
        lambda g, cfg: bool({"to_dprk", "both"} & set(g["directions"])) or bool(g["dual_use"]),
    ),
    "dual_use_unlicensed": ("dual_use", lambda g, cfg: True),
    "vague_goods": ("goods", lambda g, cfg: g["vague"] or 0 < g["hs_digits"] <= 2),
    "hs_mismatches": ("mismatches", lambda g, cfg: True),
    "party_block": (
        "party_matches",
        lambda m, cfg: (
            m["score"] >= float(cfg.get("block_threshold", 0.97)) and not m["contradicted"]
        ),
    ),
    "vessel_block": (
        "vessel_matches",
        lambda m, cfg: m["imo_match"] or m["score"] >= float(cfg.get("block_threshold", 0.97)),
    ),
    "dprk_port_calls": (
        "port_calls",
        lambda p, cfg: p["dprk"] and 0 <= p["days_ago"] <= int(cfg.get("port_call_days", 180)),
    ),
    "sts_listed_recent": (
        "sts_listed",
        lambda e, cfg: e["days_ago"] <= int(cfg.get("port_call_days", 180)),
    ),
    "ais_gaps_of_concern": (
        "ais_gaps",
        lambda g, cfg: g["concern"] and g["hours"] >= float(cfg.get("ais_gap_hours", 12)),
    ),
}
"""Counts the rules read that are subsets of a richer fact: name -> (source, keep)."""


def _ev(path: str, value: Any, note: str = "", **extra: Any) -> dict[str, Any]:
    item = {"path": path, "value": "" if value is None else value, "note": note}
    item.update(extra)
    return item


def _label(code: str | None) -> str:
    return f"{code} ({country_name(code) or code})" if code else ""


@dataclass(frozen=True)
class Context:
    """Everything the extractors share for one request."""

    request: TransactionRequest
    ref: ReferenceData
    cfg: Mapping[str, Any]
    today: date
    regimes: frozenset[str]
    ports: dict[str, Port]
    """Resolved port fields by request path."""
    listed_imos: dict[str, Sequence[Entity]] = field(default_factory=dict)
    classified: dict[int, Any] = field(default_factory=dict)
    """Goods line index -> its Classification, computed once."""


def extract_facts(
    request: TransactionRequest,
    reference: ReferenceData,
    config: Mapping[str, Any],
    today: date,
    party_matches: Mapping[str, Sequence[Match]] | None = None,
    vessel_matches: Sequence[Match] | None = None,
    listed_imos: Mapping[str, Sequence[Entity]] | None = None,
) -> Facts:
    """Compute every fact the rule set can use for one transaction.

    ``listed_imos`` maps IMO numbers named in the request (STS counterparties) to the
    listed vessels that carry them, as the service layer found them in the lists.
    """
    day = date.fromisoformat(request.as_of[:10]) if request.as_of else today
    regimes = frozenset(request.regimes or config.get("default_regimes", ("UN", "US", "EU", "UK")))
    ctx = Context(
        request,
        reference,
        config,
        day,
        regimes,
        _ports(request, reference),
        dict(listed_imos or {}),
    )
    b = _Builder()
    b.put("regimes", sorted(regimes), True)
    b.put("us_regime", "US" in regimes, True)
    b.put("origin_ban_all", bool(regimes & {"US", "EU"}), True)
    _countries(ctx, b)
    _free_text(ctx, b)
    _goods(ctx, b)
    _prices(ctx, b)
    _counterparty(ctx, b)
    _payment(ctx, b)
    _vessel(ctx, b)
    _matches(ctx, b, party_matches or {}, vessel_matches)
    return b.facts(config)


# --- ports ------------------------------------------------------------------------


def _ports(request: TransactionRequest, ref: ReferenceData) -> dict[str, Port]:
    ports: dict[str, Port] = {}
    s = request.shipment
    if s is None:
        return ports
    for key in ("port_of_loading", "port_of_discharge"):
        port = ref.geo.port(getattr(s, key))
        if port:
            ports[f"shipment.{key}"] = port
    for i, value in enumerate(s.transshipment_ports or ()):
        port = ref.geo.port(value)
        if port:
            ports[f"shipment.transshipment_ports[{i}]"] = port
    return ports


# --- countries and jurisdictions ----------------------------------------------------


def _party_country(ctx: Context, party: Party, text: str | None) -> tuple[str | None, bool, str]:
    """Resolve a party's country text, settling ambiguity with city, address or BIC."""
    geo = ctx.ref.geo
    res = geo.country(text)
    if res.code:
        return res.code, False, "country"
    addr = party.address
    place_code = geo.country_from_place_text(
        *(addr.city, addr.region, *addr.lines) if addr else (), *((text,) if res.ambiguous else ())
    )
    if place_code:
        return place_code, False, "city"
    bic = bic_country(party.bank.bic) if party.bank else None
    if bic and res.ambiguous:
        return bic, False, "bic"
    return None, res.ambiguous, ""


def _country_item(ctx: Context, path: str, value: Any, code: str, kind: str, **extra: Any) -> dict:
    geo = ctx.ref.geo
    tier, program, as_of = geo.tier(code, ctx.today, ctx.regimes)
    fatf = geo.fatf_call.get(code, "")
    grey = code in geo.grey_list
    note = _label(code)
    if tier:
        note += f", tier {tier}: {program} (as of {as_of})"
    elif grey:
        note += ", FATF increased monitoring"
    return _ev(path, value, note, code=code, kind=kind, tier=tier, fatf=fatf, grey=grey, **extra)


def _countries(ctx: Context, b: _Builder) -> None:
    req, geo = ctx.request, ctx.ref.geo
    items: list[dict] = []
    unresolved: list[dict] = []
    seen_fields = False
    for i, p in enumerate(req.parties):
        base = f"parties[{i}]"
        who = {"party": p.id, "role": p.role}
        for key, text in (("country", p.country), ("nationality", p.nationality)):
            if not text:
                continue
            seen_fields = True
            code, ambiguous, via = _party_country(ctx, p, text)
            if code:
                items.append(
                    _country_item(ctx, f"{base}.{key}", text, code, "party", via=via, **who)
                )
            elif ambiguous:
                unresolved.append(
                    _ev(f"{base}.{key}", text, "country is ambiguous and nothing resolves it")
                )
        if p.address:
            seen_fields = seen_fields or bool(p.address.country or p.address.city)
            code, ambiguous, via = _party_country(ctx, p, p.address.country)
            path = f"{base}.address.country" if p.address.country else f"{base}.address.city"
            shown = p.address.country or p.address.city
            said = {i["code"] for i in items if i.get("party") == p.id and i["kind"] == "party"}
            if code in said:
                code = None  # the same country again: one piece of evidence is enough
            elif code:
                items.append(_country_item(ctx, path, shown, code, "party", via=via, **who))
            elif ambiguous:
                unresolved.append(_ev(path, shown, "country is ambiguous and nothing resolves it"))
        if p.bank:
            for key, code in (
                ("bic", bic_country(p.bank.bic)),
                ("country", geo.country(p.bank.country).code),
            ):
                value = getattr(p.bank, key)
                if code:
                    seen_fields = True
                    items.append(
                        _country_item(ctx, f"{base}.bank.{key}", value, code, "bank", **who)
                    )
    pay = req.payment
    if pay:
        bics = [
            ("ordering_bank_bic", pay.ordering_bank_bic),
            ("beneficiary_bank_bic", pay.beneficiary_bank_bic),
        ]
        bics += [(f"intermediary_bics[{i}]", b_) for i, b_ in enumerate(pay.intermediary_bics)]
        for key, bic in bics:
            code = bic_country(bic)
            if code:
                seen_fields = True
                items.append(
                    _country_item(ctx, f"payment.{key}", bic, code, "bank", party="", role="bank")
                )
    for path, port in ctx.ports.items():
        seen_fields = True
        if port.country:
            items.append(
                _country_item(ctx, path, port.text, port.country, "port", party="", role="port")
            )
        elif port.ambiguous_country:
            unresolved.append(
                _ev(path, port.text, "port country is ambiguous and the port is unknown")
            )
    s = req.shipment
    if s and s.destination_country:
        seen_fields = True
        res = geo.country(s.destination_country)
        if res.code:
            items.append(
                _country_item(
                    ctx,
                    "shipment.destination_country",
                    s.destination_country,
                    res.code,
                    "destination",
                    party="",
                    role="destination",
                )
            )
        elif res.ambiguous:
            unresolved.append(
                _ev("shipment.destination_country", s.destination_country, "ambiguous")
            )
    for i, g in enumerate(req.goods):
        if g.origin_country:
            seen_fields = True
            code = geo.country(g.origin_country).code
            if code:
                items.append(
                    _country_item(
                        ctx,
                        f"goods[{i}].origin_country",
                        g.origin_country,
                        code,
                        "origin",
                        party="",
                        role="origin",
                    )
                )
    if s and s.vessel and s.vessel.flag:
        seen_fields = True
        code = geo.country(s.vessel.flag).code
        if code:
            items.append(
                _country_item(
                    ctx,
                    "shipment.vessel.flag",
                    s.vessel.flag,
                    code,
                    "flag",
                    party="",
                    role="vessel",
                )
            )
    fields = ("parties[].country", "parties[].address", "payment.*_bic", "shipment.port_of_loading")
    b.put("countries", items, seen_fields, *fields)
    b.put("unresolved_countries", unresolved, seen_fields, *fields)
    nexus = [
        c for c in items if c["code"] in set(ctx.cfg.get("usd_nexus_countries", ("KP", "IR", "CU")))
    ]
    b.put("sanctioned_countries", nexus, True)
    _address_gaps(ctx, b)


def _address_gaps(ctx: Context, b: _Builder) -> None:
    roles = set(
        ctx.cfg.get("address_roles", ("payer", "payee", "ordering_customer", "beneficiary"))
    )
    gaps, seen = [], False
    for i, p in enumerate(ctx.request.parties):
        if p.role not in roles:
            continue
        seen = True
        addr = p.address
        has_country = bool(p.country or (addr and addr.country))
        has_city = bool(addr and addr.city)
        missing = [n for n, ok in (("country", has_country), ("city", has_city)) if not ok]
        if missing:
            gaps.append(
                _ev(f"parties[{i}].address", p.name, f"{p.role} without {' or '.join(missing)}")
            )
    b.put("address_gaps", gaps, seen, "parties[role=payer|payee|ordering_customer|beneficiary]")


# --- free text: sanctioned places and DPRK identifiers ------------------------------


def _texts(ctx: Context) -> list[tuple[str, str, str]]:
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


def _free_text(ctx: Context, b: _Builder) -> None:
    geo, cfg = ctx.ref.geo, ctx.cfg
    dprk: list[dict] = []
    regions: list[dict] = []
    layering: list[dict] = []
    has_places = False
    for path, text, kind in _texts(ctx):
        for code, found in geo.country_terms(text):
            if code == "KP":
                dprk.append(_ev(path, text, f"names the DPRK ('{found}')"))
        if kind == "name":
            continue
        has_places = has_places or kind in ("address", "purpose")
        for hit in geo.region_places(text):
            place = hit.place
            if place.region:
                regions.append(_region_item(ctx, path, text, place.name, place.region, hit.found))
            elif "layering_region" in place.groups and kind == "address":
                layering.append(
                    _ev(
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
            dprk.append(_ev(path, port.text, f"DPRK port {place.name}"))
        elif port.unlocode and port.unlocode.startswith("KP"):
            dprk.append(_ev(path, port.text, f"UN/LOCODE {port.unlocode} is in the DPRK"))
    for i, p in enumerate(ctx.request.parties):
        bic = p.bank.bic if p.bank else None
        if bic_country(bic) == "KP":
            dprk.append(_ev(f"parties[{i}].bank.bic", bic, "BIC country KP"))
    pay = ctx.request.payment
    if pay:
        for key, bic in (
            ("ordering_bank_bic", pay.ordering_bank_bic),
            ("beneficiary_bank_bic", pay.beneficiary_bank_bic),
            *((f"intermediary_bics[{i}]", x) for i, x in enumerate(pay.intermediary_bics)),
        ):
            if bic_country(bic) == "KP":
                dprk.append(_ev(f"payment.{key}", bic, "BIC country KP"))
    vessel = ctx.request.shipment.vessel if ctx.request.shipment else None
    if vessel and mmsi_mid(vessel.mmsi) == "445":
        dprk.append(_ev("shipment.vessel.mmsi", vessel.mmsi, "MMSI MID 445 is the DPRK"))
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
    del cfg


def _region_item(
    ctx: Context, path: str, value: str, place: str, region_id: str, found: str
) -> dict:
    region = ctx.ref.geo.regions.get(region_id, {})
    regimes = set(region.get("regimes", ("US", "EU", "UK")))
    blocking = bool(regimes & ctx.regimes)
    note = f"{place}: {region.get('name', region_id)}, {region.get('program', '')}"
    return _ev(path, value, note, region=region_id, blocking=blocking, found=found)


def _party_of(path: str, ctx: Context) -> str:
    if path.startswith("parties["):
        return ctx.request.parties[int(path[8 : path.index("]")])].id
    return ""


# --- goods -------------------------------------------------------------------------------


def _trade_value_usd(ctx: Context) -> float | None:
    req, ref = ctx.request, ctx.ref
    if req.payment and req.payment.amount is not None:
        return ref.to_usd(req.payment.amount, req.payment.currency)
    values = [
        ref.to_usd(g.value, g.currency or (req.payment.currency if req.payment else None))
        for g in req.goods
        if g.value is not None
    ]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _goods(ctx: Context, b: _Builder) -> None:
    req, ref, cfg = ctx.request, ctx.ref, ctx.cfg
    classifier = ref.goods
    items = []
    for i, g in enumerate(req.goods):
        c = ctx.classified[i] = classifier.classify(g.description, g.hs_code)
        cats = c.categories
        directions = sorted({classifier.categories[x].direction for x in cats})
        titles = (
            ", ".join(classifier.categories[x].title.lower() for x in cats)
            or "no restricted category"
        )
        value_usd = ref.to_usd(
            g.value, g.currency or (req.payment.currency if req.payment else None)
        )
        licence = (g.export_control or {}).get("licence_ref")
        shown = g.description or (f"HS {g.hs_code}" if g.hs_code else "")
        items.append(
            {
                "path": f"goods[{i}]",
                "value": shown,
                "note": titles + (f"; HS {c.hs}" if c.hs else ""),
                "description": g.description or "",
                "hs": c.hs,
                "hs_digits": len(c.hs),
                "categories": list(cats),
                "families": list(classifier.family(cats)),
                "directions": directions,
                "dual_use": list(c.dual_use),
                "dual_use_note": ", ".join(c.dual_use_words or c.dual_use),
                "licensed": bool(licence),
                "vague": c.vague,
                "mismatch": c.mismatch,
                "value_usd": -1.0 if value_usd is None else float(value_usd),
                "end_user_known": bool(g.end_user)
                or any(p.role == "end_user" for p in req.parties),
            }
        )
    b.put("goods", items, bool(items), "goods[]")
    dual = [
        {
            **g,
            "note": "dual-use candidate ("
            + g["dual_use_note"]
            + ")"
            + ("" if g["licensed"] else ", no licence reference")
            + ("" if g["end_user_known"] else ", end user unknown"),
        }
        for g in items
        if g["dual_use"] and (not g["licensed"] or not g["end_user_known"])
    ]
    b.put("dual_use", dual, bool(items), "goods[]")
    b.put(
        "mismatches",
        [{**g, "note": g["mismatch"]} for g in items if g["mismatch"]],
        bool(items),
        "goods[]",
    )
    value = _trade_value_usd(ctx)
    b.put(
        "trade_value_usd",
        float(value) if value is not None else 0.0,
        value is not None,
        "payment.amount",
        "goods[].value",
    )
    _dprk_direction(ctx, b)
    _corridors(ctx, b)
    del cfg


def _dprk_direction(ctx: Context, b: _Builder) -> None:
    req = ctx.request
    s = req.shipment
    from_kp, to_kp = [], []
    from_seen = to_seen = False
    for i, g in enumerate(req.goods):
        if g.origin_country:
            from_seen = True
            if ctx.ref.geo.country(g.origin_country).code == "KP":
                from_kp.append(_ev(f"goods[{i}].origin_country", g.origin_country, "DPRK origin"))
    for path, port in ctx.ports.items():
        if port.country != "KP":
            if "port_of_loading" in path:
                from_seen = True
            elif "port_of_discharge" in path:
                to_seen = True
            continue
        if "port_of_loading" in path:
            from_seen = True
            from_kp.append(_ev(path, port.text, "loaded in the DPRK"))
        else:
            to_seen = True
            to_kp.append(_ev(path, port.text, "discharged in or via the DPRK"))
    if s and s.destination_country:
        to_seen = True
        if ctx.ref.geo.country(s.destination_country).code == "KP":
            to_kp.append(
                _ev("shipment.destination_country", s.destination_country, "DPRK destination")
            )
    for i, p in enumerate(req.parties):
        if p.role in ("consignee", "end_user", "notify_party"):
            to_seen = True
            code, _, _ = _party_country(
                ctx, p, p.country or (p.address.country if p.address else None)
            )
            if code == "KP":
                to_kp.append(_ev(f"parties[{i}]", p.name, f"{p.role} in the DPRK"))
        if p.role in ("seller", "shipper"):
            code, _, _ = _party_country(
                ctx, p, p.country or (p.address.country if p.address else None)
            )
            if code:
                from_seen = True
            if code == "KP":
                from_kp.append(_ev(f"parties[{i}]", p.name, f"{p.role} in the DPRK"))
    b.put("from_dprk", from_kp, from_seen, "goods[].origin_country", "shipment.port_of_loading")
    b.put("to_dprk", to_kp, to_seen, "shipment.destination_country", "shipment.port_of_discharge")


def _corridors(ctx: Context, b: _Builder) -> None:
    """GDS-03/04 route facts: Russian Far East loading, vague discharge, STS, laundering hubs."""
    s = ctx.request.shipment
    corridor, laundering = [], []
    if s is not None:
        for path, port in ctx.ports.items():
            groups = port.groups
            if "rfe_port" in groups and "port_of_discharge" not in path:
                item = _ev(path, port.text, f"{port.place.name}: Russian Far East port")
                corridor.append(item)
                laundering.append(item)
            if "china_border_hub" in groups:
                laundering.append(_ev(path, port.text, f"{port.place.name}: China border hub"))
            if "port_of_discharge" in path and port.place is None and port.unlocode is None:
                code = port.country or ctx.ref.geo.country(port.text).code
                if code in ("CN", "KR", None):
                    corridor.append(
                        _ev(path, port.text, "discharge named only as a country, no terminal")
                    )
        if s.sts_planned:
            corridor.append(_ev("shipment.sts_planned", True, "ship-to-ship transfer planned"))
        for i, change in enumerate(s.destination_history or ()):
            corridor.append(
                _ev(
                    f"shipment.destination_history[{i}]",
                    change.get("port", ""),
                    "destination changed after sailing",
                )
            )
        origin = {
            ctx.ref.geo.country(g.origin_country).code
            for g in ctx.request.goods
            if g.origin_country
        }
        vessel = s.vessel
        for i, call in enumerate((vessel.port_calls or ()) if vessel else ()):
            port = ctx.ref.geo.port(call.get("port"))
            if port and port.country == "KP" and "KP" not in origin:
                laundering.append(
                    _ev(
                        f"shipment.vessel.port_calls[{i}].port",
                        port.text,
                        "vessel called in the DPRK but origin is declared elsewhere",
                    )
                )
    b.put("petroleum_corridor", corridor, s is not None, "shipment")
    b.put("laundering_route", laundering, s is not None, "shipment")


# --- counterparty ------------------------------------------------------------------------


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def _counterparty(ctx: Context, b: _Builder) -> None:
    req, cfg = ctx.request, ctx.cfg
    no_web, new, office, opaque, mass, mismatch, offshore = [], [], [], [], [], [], []
    seen = dict.fromkeys(("web", "inc", "office", "ubo", "mass", "industry"), False)
    hs_codes = _goods_hs(ctx)
    offshore_codes = set(cfg.get("offshore_countries", ("HK", "VG", "MH", "SC")))
    for i, p in enumerate(req.parties):
        base = f"parties[{i}]"
        if p.web_presence or p.has_website_field:
            seen["web"] = True
            if p.web_presence == "none" or (
                p.has_website_field and not p.website and p.web_presence != "verified"
            ):
                value = p.web_presence or "no website"
                no_web.append(
                    _ev(f"{base}.web_presence", value, f"{p.name}: no web presence", party=p.id)
                )
        if p.incorporation_date:
            seen["inc"] = True
            started = _day_of(p.incorporation_date)
            if started:
                months = _months_between(started, ctx.today)
                if months < int(cfg.get("new_entity_months", 12)):
                    new.append(
                        _ev(
                            f"{base}.incorporation_date",
                            p.incorporation_date,
                            f"{p.name}: incorporated {months} months before {ctx.today}",
                            party=p.id,
                        )
                    )
        if p.physical_office:
            seen["office"] = True
            if p.physical_office in ("none", "virtual", "residential"):
                office.append(
                    _ev(f"{base}.physical_office", p.physical_office, f"{p.name}", party=p.id)
                )
        if (
            p.ubo_known is not None
            or p.ownership_layers is not None
            or p.nominee_directors is not None
        ):
            seen["ubo"] = True
            reasons = []
            if p.ubo_known is False:
                reasons.append("beneficial owner unknown")
            if (p.ownership_layers or 0) >= int(cfg.get("ownership_layers_min", 3)):
                reasons.append(f"{p.ownership_layers} ownership layers")
            if p.nominee_directors:
                reasons.append("nominee directors")
            if reasons:
                opaque.append(_ev(base, p.name, "; ".join(reasons), party=p.id))
        if p.registered_address_entity_count is not None or (p.address and p.address.lines):
            seen["mass"] = True
            count = p.registered_address_entity_count or 0
            if count > int(cfg.get("mass_registration_threshold", 50)):
                mass.append(
                    _ev(
                        f"{base}.registered_address_entity_count",
                        count,
                        f"{count} entities registered at {p.name}'s address",
                        party=p.id,
                    )
                )
            for j, line in enumerate(p.address.lines if p.address else ()):
                if _PO_BOX.search(line):
                    mass.append(
                        _ev(f"{base}.address.lines[{j}]", line, "PO box address", party=p.id)
                    )
        if p.industry and hs_codes:
            seen["industry"] = True
            fit = ctx.ref.industries.classify(p.industry)
            for path, hs, label in hs_codes:
                if fit and fit.unrelated(hs):
                    mismatch.append(
                        _ev(
                            f"{base}.industry",
                            p.industry,
                            f"{fit.title} does not fit {label} at {path}",
                            party=p.id,
                        )
                    )
                    break
        code, _, _ = _party_country(ctx, p, p.country or (p.address.country if p.address else None))
        if code in offshore_codes:
            offshore.append(
                _ev(
                    f"{base}.country",
                    p.country or code,
                    f"{p.name}: incorporated in {_label(code)}",
                    party=p.id,
                )
            )
    b.put("no_web", no_web, seen["web"], "parties[].web_presence", "parties[].website")
    b.put("new_entities", new, seen["inc"], "parties[].incorporation_date")
    b.put("no_office", office, seen["office"], "parties[].physical_office")
    b.put(
        "opaque_ownership", opaque, seen["ubo"], "parties[].ubo_known", "parties[].ownership_layers"
    )
    b.put("mass_registration", mass, seen["mass"], "parties[].registered_address_entity_count")
    b.put("industry_mismatch", mismatch, seen["industry"], "parties[].industry", "goods[].hs_code")
    b.put("offshore_parties", offshore, True)


def _prices(ctx: Context, b: _Builder) -> None:
    """GDS-08: goods lines whose unit price (given, or value / quantity) is more than
    ``cfg.price_deviation`` away from the reference price the client supplied."""
    limit = float(ctx.cfg.get("price_deviation", 0.3))
    anomalies, judged = [], False
    for i, g in enumerate(ctx.request.goods):
        price = g.unit_price
        if price is None and g.value and g.quantity:
            price = g.value / g.quantity
        ref = g.reference_unit_price
        if price is None or not ref:
            continue
        judged = True
        deviation = price / ref - 1.0
        if abs(deviation) > limit:
            anomalies.append(
                _ev(
                    f"goods[{i}].unit_price",
                    round(price, 4),
                    f"{deviation:+.0%} against the reference {ref:g}",
                )
            )
    b.put("price_anomalies", anomalies, judged, "goods[].reference_unit_price")


def _goods_hs(ctx: Context) -> list[tuple[str, str, str]]:
    """(path, hs, label) per goods line: the given HS code, or the HS its words point to."""
    out = []
    classifier = ctx.ref.goods
    for i, g in enumerate(ctx.request.goods):
        c = ctx.classified.get(i) or classifier.classify(g.description, g.hs_code)
        if c.hs:
            out.append(
                (f"goods[{i}].hs_code", c.hs, f"HS {c.hs} ({g.description or 'no description'})")
            )
            continue
        for cid in c.strong_words:
            cat = classifier.categories[cid]
            out.append(
                (f"goods[{i}].description", cat.hs[0], f"{cat.title.lower()} ('{g.description}')")
            )
    return out


# --- payment -------------------------------------------------------------------------------


def _related(req: TransactionRequest, a: str, b_: str, types: set[str]) -> bool:
    return any({r.source, r.target} == {a, b_} and r.type in types for r in req.relationships)


def _payment(ctx: Context, b: _Builder) -> None:
    req, cfg = ctx.request, ctx.cfg
    currency = (req.payment.currency if req.payment else None) or next(
        (g.currency.upper() for g in req.goods if g.currency), None
    )
    b.put("currency", currency or "", currency is not None, "payment.currency")
    if currency:
        path = "payment.currency" if req.payment and req.payment.currency else "goods[].currency"
        b.notes["currency"] = [
            _ev(path, currency, "US dollar clearing" if currency == "USD" else "")
        ]
    buyers = [
        (i, p)
        for i, p in enumerate(req.parties)
        if p.role in set(cfg.get("buyer_roles", ("buyer", "applicant")))
    ]
    sellers = [
        p for p in req.parties if p.role in set(cfg.get("seller_roles", ("seller", "shipper")))
    ]
    payers = [
        (i, p)
        for i, p in enumerate(req.parties)
        if p.role in set(cfg.get("payer_roles", ("payer",)))
    ]
    types = set(
        cfg.get(
            "related_types",
            ("parent", "subsidiary", "affiliate", "agent", "factor", "documented_payer"),
        )
    )
    unrelated = []
    for i, payer in payers:
        if buyers and all(
            payer.id != bp.id and not _related(req, payer.id, bp.id, types) for _, bp in buyers
        ):
            names = ", ".join(bp.name for _, bp in buyers)
            unrelated.append(
                _ev(
                    f"parties[{i}]",
                    payer.name,
                    f"pays for {names} with no documented relationship",
                    party=payer.id,
                )
            )
    b.put("unrelated_payers", unrelated, bool(buyers), "parties[role=buyer]", "parties[role=payer]")
    b.put("payers", [_ev(f"parties[{i}]", p.name, "payer", party=p.id) for i, p in payers], True)
    _routing(ctx, b, buyers, sellers, payers, unrelated)
    _late_change(ctx, b)


def _late_change(ctx: Context, b: _Builder) -> None:
    """PAY-04: the beneficiary or its account changed within ``cfg.late_change_days``
    of settlement, or after the documents were presented."""
    pay = ctx.request.payment
    changed = _day_of(pay.beneficiary_changed_at) if pay else None
    value_day = _day_of(pay.value_date) if pay else None
    presented = _day_of(pay.documents_presented_at) if pay else None
    late = []
    path = "payment.beneficiary_changed_at"
    if (
        changed
        and value_day
        and 0 <= (value_day - changed).days <= int(ctx.cfg.get("late_change_days", 5))
    ):
        days = (value_day - changed).days
        late.append(_ev(path, pay.beneficiary_changed_at, f"{days} day(s) before settlement"))
    if changed and presented and changed >= presented:
        late.append(_ev(path, pay.beneficiary_changed_at, "after the documents were presented"))
    b.put(
        "late_instruction_changes",
        late,
        bool(changed and (value_day or presented)),
        path,
        "payment.value_date",
    )


def _day_of(text: Any) -> date | None:
    """The calendar day of an ISO date or date-time (None when absent or unreadable)."""
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _any_country(ctx: Context, p: Party) -> str | None:
    """A party's country from whatever it gives: country, address, nationality, bank."""
    code = _party_country(ctx, p, p.country or (p.address.country if p.address else None))[0]
    if code is None and p.nationality:
        code = ctx.ref.geo.country(p.nationality).code
    if code is None and p.bank:
        code = bic_country(p.bank.bic) or ctx.ref.geo.country(p.bank.country).code
    return code


def _routing(
    ctx: Context, b: _Builder, buyers: list, sellers: list, payers: list, unrelated: list
) -> None:
    req = ctx.request
    country = {p.id: _any_country(ctx, p) for p in req.parties}
    trade = {country[p.id] for _, p in buyers} | {country[p.id] for p in sellers}
    trade |= {port.country for port in ctx.ports.values()}
    trade.discard(None)
    anomalies = []
    unrelated_ids = {u["party"] for u in unrelated}
    evaluable = bool(buyers or sellers) and (
        bool(payers) or bool(req.payment and req.payment.intermediary_bics)
    )
    for i, payer in payers:
        code = country[payer.id]
        parties_countries = {country[p.id] for _, p in buyers} | {country[p.id] for p in sellers}
        if code and payer.id in unrelated_ids and code not in parties_countries:
            anomalies.append(
                _ev(
                    f"parties[{i}]",
                    payer.name,
                    f"payer in {_label(code)}, neither the buyer's nor the seller's country",
                )
            )
    if req.payment:
        foreign = []
        for j, bic in enumerate(req.payment.intermediary_bics):
            code = bic_country(bic)
            if code and code not in trade:
                foreign.append(
                    _ev(
                        f"payment.intermediary_bics[{j}]",
                        bic,
                        f"intermediary bank in {_label(code)}",
                    )
                )
        if len({f["note"] for f in foreign}) >= int(ctx.cfg.get("unrelated_intermediaries_min", 2)):
            anomalies.extend(foreign)
    b.put(
        "routing_anomalies",
        anomalies,
        evaluable,
        "parties[role=payer]",
        "payment.intermediary_bics",
    )


# --- vessel ----------------------------------------------------------------------------------


def _vessel(ctx: Context, b: _Builder) -> None:
    s = ctx.request.shipment
    v = s.vessel if s else None
    ref, cfg = ctx.ref, ctx.cfg
    flags = ref.flags
    flag_code = ref.geo.country(v.flag).code if v and v.flag else None
    stateless_terms = {t.casefold() for t in flags.get("stateless_terms", ())}
    flag_risk, dprk_vessel = [], []
    if v and v.flag:
        if v.flag.strip().casefold() in stateless_terms:
            flag_risk.append(
                _ev("shipment.vessel.flag", v.flag, "stateless or unconfirmed registry")
            )
        elif flag_code in flags.get("review", {}):
            flag_risk.append(_ev("shipment.vessel.flag", v.flag, flags["review"][flag_code]))
        if flag_code in flags.get("block", {}):
            dprk_vessel.append(_ev("shipment.vessel.flag", v.flag, flags["block"][flag_code]))
    if v and v.flag_history:
        changes = flag_changes(
            v.flag_history, ctx.today, int(cfg.get("flag_change_window_days", 365))
        )
        if len(changes) >= int(cfg.get("flag_changes_min", 2)):
            flag_risk.append(
                _ev(
                    "shipment.vessel.flag_history",
                    " -> ".join(changes),
                    f"{len(changes)} flag changes in 12 months",
                )
            )
    for i, p in enumerate(ctx.request.parties):
        if p.role in ("vessel_owner", "vessel_manager", "operator", "charterer"):
            code, _, _ = _party_country(
                ctx, p, p.country or (p.address.country if p.address else None)
            )
            if code == "KP":
                dprk_vessel.append(_ev(f"parties[{i}]", p.name, f"{p.role} in the DPRK"))
    owners = any(p.role in ("vessel_owner", "vessel_manager") for p in ctx.request.parties)
    b.put(
        "vessel_flag",
        flag_code or (v.flag if v and v.flag else ""),
        bool(v and v.flag),
        "shipment.vessel.flag",
    )
    b.put(
        "flag_risk",
        flag_risk,
        bool(v and (v.flag or v.flag_history)),
        "shipment.vessel.flag",
        "shipment.vessel.flag_history",
    )
    b.put(
        "dprk_vessel",
        dprk_vessel,
        bool((v and v.flag) or owners),
        "shipment.vessel.flag",
        "parties[role=vessel_owner]",
    )
    _identity(ctx, b, v, flag_code)
    _voyage(ctx, b, v)
    _age_and_cover(ctx, b, v)


_NO_COVER = frozenset({"", "none", "unknown", "uninsured", "n a", "na", "no"})


def _age_and_cover(ctx: Context, b: _Builder, v: Any) -> None:
    """MAR-08: the vessel's age, and what is wrong with its P&I cover or class (an
    insurer outside the International Group, none or unknown; class withdrawn or
    suspended). Cover is only judged when the request says something about it."""
    year = v.build_year if v else None
    b.put(
        "vessel_age", ctx.today.year - year if year else 0, bool(year), "shipment.vessel.build_year"
    )
    concerns = []
    insurer = v.pandi_insurer if v else None
    if insurer is not None:
        text = normalize(insurer)
        if text in _NO_COVER:
            concerns.append(_ev("shipment.vessel.pandi_insurer", insurer, "no known P&I cover"))
        elif not _pandi_club(text, ctx.ref.pandi_clubs):
            concerns.append(
                _ev("shipment.vessel.pandi_insurer", insurer, "not an International Group club")
            )
    status = v.class_status if v else None
    if status in ("withdrawn", "suspended", "unknown"):
        concerns.append(_ev("shipment.vessel.class_status", status, f"class {status}"))
    b.put(
        "cover_concerns",
        concerns,
        insurer is not None or status is not None,
        "shipment.vessel.pandi_insurer",
        "shipment.vessel.class_status",
    )


def _pandi_club(text: str, clubs: Mapping[str, tuple[str, ...]]) -> str | None:
    """The International Group club whose name appears, as whole words, in ``text``."""
    padded = f" {text} "
    for club, names in clubs.items():
        if any(f" {name} " in padded for name in names):
            return club
    return None


def _identity(ctx: Context, b: _Builder, v: Any, flag_code: str | None) -> None:
    anomalies = []
    if v and v.imo:
        if not imo_valid(v.imo):
            anomalies.append(_ev("shipment.vessel.imo", v.imo, "IMO check digit fails"))
    if v and v.mmsi:
        mid = mmsi_mid(v.mmsi)
        mid_country = ctx.ref.mid.get(mid or "")
        if mid is None:
            anomalies.append(_ev("shipment.vessel.mmsi", v.mmsi, "not a 9-digit ship MMSI"))
        elif flag_code and mid_country and mid_country != flag_code:
            anomalies.append(
                _ev(
                    "shipment.vessel.mmsi",
                    v.mmsi,
                    f"MID {mid} is {_label(mid_country)} but the flag is {_label(flag_code)}",
                )
            )
    b.put(
        "identity_anomalies",
        anomalies,
        bool(v and (v.imo or v.mmsi)),
        "shipment.vessel.imo",
        "shipment.vessel.mmsi",
    )


def _days_ago(value: Any, today: date) -> int:
    day = _day_of(value)
    return (today - day).days if day else -1


def _voyage(ctx: Context, b: _Builder, v: Any) -> None:
    geo = ctx.ref.geo
    s = ctx.request.shipment
    calls = []
    for i, call in enumerate((v.port_calls or ()) if v else ()):
        port = geo.port(call.get("port"))
        code = port.country if port else None
        when = call.get("date") or call.get("arrived")
        calls.append(
            _ev(
                f"shipment.vessel.port_calls[{i}]",
                port.text if port else call.get("port"),
                f"{_label(code)} on {when}" if code else f"on {when}",
                country=code or "",
                dprk=code == "KP",
                days_ago=_days_ago(when, ctx.today),
            )
        )
    b.put("port_calls", calls, bool(v and v.port_calls is not None), "shipment.vessel.port_calls")
    gaps = []
    for i, gap in enumerate((v.ais_gaps or ()) if v else ()):
        hours = gap.get("hours")
        if hours is None and gap.get("start") and gap.get("end"):
            hours = _hours(gap["start"], gap["end"])
        area = geo.sea_area(gap.get("area"))
        gaps.append(
            _ev(
                f"shipment.vessel.ais_gaps[{i}]",
                gap.get("area") or "",
                f"AIS dark {hours or '?'} h" + (f" in {area}" if area else ""),
                hours=float(hours or 0),
                area=area or "",
                concern=area is not None,
            )
        )
    b.put("ais_gaps", gaps, bool(v and v.ais_gaps is not None), "shipment.vessel.ais_gaps")
    sts, sts_listed = [], []
    for i, ev in enumerate((v.sts_events or ()) if v else ()):
        area = geo.sea_area(ev.get("location"))
        sts.append(
            _ev(
                f"shipment.vessel.sts_events[{i}]",
                ev.get("location") or "",
                "ship-to-ship transfer"
                + (f" in {area}" if area else "")
                + (" at night" if ev.get("night") else "")
                + ("" if ev.get("counterparty_imo") else ", counterparty unidentified"),
                area=area or "",
                concern=area is not None,
                planned=False,
                counterparty_imo=str(ev.get("counterparty_imo") or ""),
            )
        )
        listed = ctx.listed_imos.get(imo_digits(ev.get("counterparty_imo")) or "", ())
        if listed:
            names = ", ".join(f"{e.list} {e.source_id} {e.name}" for e in listed)
            sts_listed.append(
                _ev(
                    f"shipment.vessel.sts_events[{i}].counterparty_imo",
                    ev.get("counterparty_imo"),
                    f"STS with listed vessel {names} on {ev.get('time') or 'unknown date'}",
                    days_ago=_days_ago(ev.get("time"), ctx.today),
                )
            )
    b.put(
        "sts_listed", sts_listed, bool(v and v.sts_events is not None), "shipment.vessel.sts_events"
    )
    if s and s.sts_planned:
        sts.append(
            _ev(
                "shipment.sts_planned",
                True,
                "ship-to-ship transfer planned",
                area="",
                concern=False,
                planned=True,
                counterparty_imo="",
            )
        )
    b.put(
        "sts_events",
        sts,
        bool((v and v.sts_events is not None) or (s and s.sts_planned is not None)),
        "shipment.vessel.sts_events",
        "shipment.sts_planned",
    )
    changes = [
        _ev(
            f"shipment.destination_history[{i}]",
            c.get("port", ""),
            f"destination changed {c.get('changed_at', '')}",
        )
        for i, c in enumerate((s.destination_history or ()) if s else ())
    ]
    b.put(
        "destination_changes",
        changes,
        bool(s and s.destination_history is not None),
        "shipment.destination_history",
    )


def _hours(start: Any, end: Any) -> float | None:
    from datetime import datetime

    try:
        a = datetime.fromisoformat(str(start).replace("Z", "+00:00"))
        z = datetime.fromisoformat(str(end).replace("Z", "+00:00"))
    except ValueError:
        return None
    return round((z - a).total_seconds() / 3600, 1)


# --- list matches ------------------------------------------------------------------------------


def contradicted(m: Match) -> bool:
    """The matcher found attributes against the match (other DOB, country ...)."""
    explanation = m.explanation or {}
    return bool(
        explanation.get("contradictions")
        or explanation.get("contradicting")
        or explanation.get("contradicted")
    )


def _match_item(path: str, value: str, m: Match, **extra: Any) -> dict[str, Any]:
    e = m.entity
    note = f"{e.list} {e.source_id} '{m.matched_name}' score {m.score:.2f}"
    if e.programs:
        note += f" [{', '.join(e.programs)}]"
    return _ev(
        path,
        value,
        note,
        list=e.list,
        entry=e.source_id,
        score=float(m.score),
        contradicted=contradicted(m),
        **extra,
    )


def _matches(
    ctx: Context,
    b: _Builder,
    party_matches: Mapping[str, Sequence[Match]],
    vessel_matches: Sequence[Match] | None,
) -> None:
    review = float(ctx.cfg.get("review_threshold", 0.80))
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

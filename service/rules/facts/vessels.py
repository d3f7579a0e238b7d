"""Vessels: flag, identity (IMO check digit, MMSI country digits), voyage (port calls,
AIS gaps, ship-to-ship transfers, destination changes), age and P&I cover.

Ships evading sanctions change names and flags and borrow identities, so the numbers a
counterparty gives must be consistent with each other before any list check means much.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from service.core.evidence import imo_number
from service.core.normalize import normalize
from service.rules.facts.builder import Context, FactBuilder, country_label, day_of, evidence
from service.rules.facts.countries import party_country

_IMO = re.compile(r"^(?:IMO)?\s*(\d{7})$", re.IGNORECASE)
_DIGITS = re.compile(r"\D+")


def imo_digits(value: object) -> str | None:
    """The seven IMO digits from '9123456' or 'IMO 9123456'; None when malformed."""
    if value is None:
        return None
    match = _IMO.match(str(value).strip())
    return match.group(1) if match else None


def imo_valid(value: object) -> bool:
    """IMO check digit: digits 1-6 times weights 7..2, sum mod 10 equals digit 7."""
    digits = imo_digits(value)
    return digits is not None and imo_number(digits) is not None


def mmsi_mid(value: object) -> str | None:
    """The three Maritime Identification Digits of a 9-digit ship MMSI."""
    if value is None:
        return None
    digits = _DIGITS.sub("", str(value))
    if len(digits) != 9 or digits[0] in "0189":
        return None
    return digits[:3]


def flag_changes(history: Iterable[Mapping[str, object]], today: date, days: int) -> list[str]:
    """Flags adopted within the last ``days`` days (each entry {flag, from})."""
    since = today - timedelta(days=days)
    changes = []
    for entry in history:
        start = entry.get("from") or entry.get("since")
        try:
            started = date.fromisoformat(str(start)[:10])
        except ValueError:
            continue
        if since <= started <= today:
            changes.append(str(entry.get("flag", "")))
    return changes


def add_vessel(ctx: Context, b: FactBuilder) -> None:
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
                evidence("shipment.vessel.flag", v.flag, "stateless or unconfirmed registry")
            )
        elif flag_code in flags.get("review", {}):
            flag_risk.append(evidence("shipment.vessel.flag", v.flag, flags["review"][flag_code]))
        if flag_code in flags.get("block", {}):
            dprk_vessel.append(evidence("shipment.vessel.flag", v.flag, flags["block"][flag_code]))
    if v and v.flag_history:
        changes = flag_changes(v.flag_history, ctx.today, int(cfg["flag_change_window_days"]))
        if len(changes) >= int(cfg["flag_changes_min"]):
            flag_risk.append(
                evidence(
                    "shipment.vessel.flag_history",
                    " -> ".join(changes),
                    f"{len(changes)} flag changes in 12 months",
                )
            )
    for i, p in enumerate(ctx.request.parties):
        if p.role in ("vessel_owner", "vessel_manager", "operator", "charterer"):
            code, _, _ = party_country(
                ctx, p, p.country or (p.address.country if p.address else None)
            )
            if code == "KP":
                dprk_vessel.append(evidence(f"parties[{i}]", p.name, f"{p.role} in the DPRK"))
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


def _age_and_cover(ctx: Context, b: FactBuilder, v: Any) -> None:
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
            concerns.append(
                evidence("shipment.vessel.pandi_insurer", insurer, "no known P&I cover")
            )
        elif not _pandi_club(text, ctx.ref.pandi_clubs):
            concerns.append(
                evidence(
                    "shipment.vessel.pandi_insurer", insurer, "not an International Group club"
                )
            )
    status = v.class_status if v else None
    if status in ("withdrawn", "suspended", "unknown"):
        concerns.append(evidence("shipment.vessel.class_status", status, f"class {status}"))
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


def _identity(ctx: Context, b: FactBuilder, v: Any, flag_code: str | None) -> None:
    anomalies = []
    if v and v.imo:
        if not imo_valid(v.imo):
            anomalies.append(evidence("shipment.vessel.imo", v.imo, "IMO check digit fails"))
    if v and v.mmsi:
        mid = mmsi_mid(v.mmsi)
        mid_country = ctx.ref.mid.get(mid or "")
        if mid is None:
            anomalies.append(evidence("shipment.vessel.mmsi", v.mmsi, "not a 9-digit ship MMSI"))
        elif flag_code and mid_country and mid_country != flag_code:
            anomalies.append(
                evidence(
                    "shipment.vessel.mmsi",
                    v.mmsi,
                    f"MID {mid} is {country_label(mid_country)} "
                    f"but the flag is {country_label(flag_code)}",
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
    day = day_of(value)
    return (today - day).days if day else -1


def _voyage(ctx: Context, b: FactBuilder, v: Any) -> None:
    """Where the vessel has been and what it did there: port calls, AIS gaps, ship-to-ship
    transfers (with listed counterparties) and destination changes."""
    _port_calls(ctx, b, v)
    _ais_gaps(ctx, b, v)
    _sts_events(ctx, b, v)
    _destination_changes(ctx, b)


def _port_calls(ctx: Context, b: FactBuilder, v: Any) -> None:
    geo = ctx.ref.geo
    calls = []
    for i, call in enumerate((v.port_calls or ()) if v else ()):
        port = geo.port(call.get("port"))
        code = port.country if port else None
        when = call.get("date") or call.get("arrived")
        calls.append(
            evidence(
                f"shipment.vessel.port_calls[{i}]",
                port.text if port else call.get("port"),
                f"{country_label(code)} on {when}" if code else f"on {when}",
                country=code or "",
                dprk=code == "KP",
                days_ago=_days_ago(when, ctx.today),
            )
        )
    b.put("port_calls", calls, bool(v and v.port_calls is not None), "shipment.vessel.port_calls")


def _ais_gaps(ctx: Context, b: FactBuilder, v: Any) -> None:
    geo = ctx.ref.geo
    gaps = []
    for i, gap in enumerate((v.ais_gaps or ()) if v else ()):
        hours = gap.get("hours")
        if hours is None and gap.get("start") and gap.get("end"):
            hours = _hours(gap["start"], gap["end"])
        area = geo.sea_area(gap.get("area"))
        gaps.append(
            evidence(
                f"shipment.vessel.ais_gaps[{i}]",
                gap.get("area") or "",
                f"AIS dark {hours or '?'} h" + (f" in {area}" if area else ""),
                hours=float(hours or 0),
                area=area or "",
                concern=area is not None,
            )
        )
    b.put("ais_gaps", gaps, bool(v and v.ais_gaps is not None), "shipment.vessel.ais_gaps")


def _sts_events(ctx: Context, b: FactBuilder, v: Any) -> None:
    geo, s = ctx.ref.geo, ctx.request.shipment
    sts, sts_listed = [], []
    for i, ev in enumerate((v.sts_events or ()) if v else ()):
        area = geo.sea_area(ev.get("location"))
        sts.append(
            evidence(
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
                evidence(
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
            evidence(
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


def _destination_changes(ctx: Context, b: FactBuilder) -> None:
    s = ctx.request.shipment
    changes = [
        evidence(
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

    try:
        a = datetime.fromisoformat(str(start).replace("Z", "+00:00"))
        z = datetime.fromisoformat(str(end).replace("Z", "+00:00"))
    except ValueError:
        return None
    return round((z - a).total_seconds() / 3600, 1)

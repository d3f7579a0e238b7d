"""Jurisdiction reasons: what a counterparty's country alone says about it.

The country check reads the rules engine's reference tables (``lists/reference/``:
jurisdiction tiers with their programs, as-of dates and history, sanctioned regions and
their place names, multilingual country names, ambiguous "Korea") through
``ReferenceData.geo``, so ``/v1/screen`` and ``/v1/screen/transaction`` decide a country
alike and one YAML edit changes both. Pure: the tables come in as an argument.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from service.screening.errors import InvalidScreenRequest

if TYPE_CHECKING:
    from service.core.model import Identifier
    from service.rules.geo import Geography


@dataclass(frozen=True)
class CountryReading:
    """What a free-text country value means for screening."""

    text: str
    code: str | None = None
    """ISO alpha-2 the text resolves to (the region's country for a bare region)."""
    regions: tuple[tuple[str, str], ...] = ()
    """(region id, place found) for sanctioned regions the text names ("Sevastopol")."""
    ambiguous: tuple[str, ...] = ()
    """Candidate codes when the text names several countries (bare "Korea")."""


def read_country(text: str, geo: Geography) -> CountryReading | None:
    """Resolve a country value; ``None`` means nobody could tell which country it is."""
    resolved = geo.country(text)
    regions = tuple((hit.place.region or "", hit.place.name) for hit in geo.country_regions(text))
    code = resolved.code
    if code is None and regions:
        code = geo.places_by_name[regions[0][1]].country
    if resolved.ambiguous and code is None:
        return CountryReading(text, regions=regions, ambiguous=geo.ambiguous_candidates(text))
    if code is None and not regions:
        return None
    return CountryReading(text, code, regions)


def jurisdiction_reasons(
    country: CountryReading | None, geo: Geography, day: date, regimes: frozenset[str]
) -> tuple[dict, ...]:
    """Reasons a counterparty's country alone makes it not clear, on ``day``.

    The same tiers as rules JUR-01/04/05/06 of the transaction endpoint: tier A, a
    blocking FATF call or a sanctioned region blocks; tier B or a FATF review call
    reviews; a FATF grey-list country alone stays clear there too (info weight only).
    """
    if country is None:
        return ()
    reasons = tuple(
        _region_reason(country, rid, place, geo, regimes) for rid, place in country.regions
    )
    if country.ambiguous:
        codes = " or ".join(country.ambiguous) or "several countries"
        reasons += (
            {
                "code": "ambiguous_country",
                "decision": "review",
                "country": country.text,
                "candidates": list(country.ambiguous),
                "message": f"Country {country.text!r} could be {codes}; it does not say which "
                "Korea, and North Korea is comprehensively sanctioned. Confirm the country.",
            },
        )
    found = _country_reason(country, geo, day, regimes) if country.code else None
    return reasons + ((found,) if found else ())


def _country_reason(
    country: CountryReading, geo: Geography, day: date, regimes: frozenset[str]
) -> dict | None:
    code = country.code or ""
    standing = geo.standing(code, day, regimes)
    tier, program, as_of, fatf, decision = *standing[:4], standing.decision
    if not decision:
        return None
    entry = geo.jurisdictions.get(code)
    name = entry.name if entry else code
    if not program:
        program = f"FATF call for action ({fatf})"
    kind = "comprehensively sanctioned" if decision == "block" else "sanctions-exposed"
    return {
        "code": "jurisdiction",
        "decision": decision,
        "jurisdiction": code,
        "country": country.text,
        "program": program,
        "as_of": as_of or None,
        "tier": tier or None,
        "fatf": fatf or None,
        "message": f"Country {country.text!r} is {name} ({code}), a {kind} jurisdiction "
        f"under {program}" + (f" (as of {as_of})." if as_of else "."),
    }


def _region_reason(
    country: CountryReading, region_id: str, place: str, geo: Geography, regimes: frozenset[str]
) -> dict:
    region = geo.region(region_id)
    blocking = geo.region_blocks(region_id, regimes)
    name = region.get("name", region_id)
    program = region.get("program", "")
    return {
        "code": "jurisdiction",
        "decision": "block" if blocking else "review",
        "jurisdiction": "/".join(region.get("subdivisions", ())) or region_id,
        "region": region_id,
        "country": country.text,
        "program": program,
        "as_of": str(region.get("as_of", "")) or None,
        "tier": region.get("tier"),
        "message": f"Country {country.text!r} names {place}, in {name}, a sanctioned region "
        f"under {program}, whatever country it is said to be in.",
    }


def parse_country(
    text: str | None, geo: Geography, field: str = "country"
) -> CountryReading | None:
    """The reading of a caller's country field; an unreadable one is refused (``field``
    names it), since a country nobody can resolve must not quietly count as none."""
    if text is None or not text.strip():
        return None
    reading = read_country(text, geo)
    if reading is None:
        raise InvalidScreenRequest(
            field, f"Unknown country {text!r}: give an ISO 3166 alpha-2 code or name."
        )
    return reading


def check_identifier_countries(identifiers: tuple[Identifier, ...], geo: Geography) -> None:
    """Refuse an identifier whose issuing country cannot be read."""
    for i, ident in enumerate(identifiers):
        parse_country(ident.country, geo, f"identifiers.{i}.country")

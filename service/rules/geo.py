"""Countries, places, ports and sea areas: from the words a client sends to ISO codes.

The hard cases are the point of this module: "Korea" alone is neither North nor
South; "Nampo" in a *port* field is the DPRK port while "Nampo-dong, Jung-gu, Busan"
in an *address* is a district of Busan; "Sevastopol, Russia" names a sanctioned region
although the country says Russia. So ports are looked up as whole fields, addresses are
only scanned for sanctioned-region terms and for city names that settle a country, and
DPRK port names are never searched for inside addresses.

Pure: built from the reference tables (plain dicts) by :meth:`Geography.from_tables`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from service.core.countries import resolve_country
from service.rules.text import KeywordIndex, fold

_LOCODE = re.compile(r"^([A-Z]{2})\s?([A-Z2-9]{3})$")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_PARTS = re.compile(r"[,;/()\[\]]+")
"""Separators between the pieces of a composite country field ("Seoul, Korea")."""


@lru_cache(maxsize=16_384)
def _key(text: str) -> str:
    return _NON_WORD.sub(" ", fold(text)).strip()


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    code: str
    name: str
    tier: str
    program: str
    regimes: tuple[str, ...]
    sources: tuple[str, ...]
    as_of: str
    history: tuple[dict[str, Any], ...] = ()

    def on(self, day: date) -> tuple[str, str, str]:
        """(tier, program, as_of) in force on ``day``: Syria was tier A until 30 Jun 2025."""
        for past in self.history:
            if day <= date.fromisoformat(str(past["until"])):
                return str(past["tier"]), str(past.get("program", self.program)), str(past["until"])
        return self.tier, self.program, self.as_of


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    groups: tuple[str, ...] = ()
    unlocode: str | None = None
    region: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceHit:
    place: Place
    found: str


@dataclass(frozen=True, slots=True)
class CountryResolution:
    """What a country field says: a code, or nothing, and whether it was ambiguous."""

    code: str | None
    ambiguous: bool = False
    via: str = "country"
    """Which evidence settled it: country | city | address | bic | locode."""


@dataclass(frozen=True, slots=True)
class Port:
    """A port field as resolved: the text given, and the place or LOCODE it names."""

    text: str
    country: str | None
    unlocode: str | None = None
    place: Place | None = None
    ambiguous_country: bool = False

    @property
    def groups(self) -> tuple[str, ...]:
        return self.place.groups if self.place else ()


REGION_REGIMES = ("US", "EU", "UK")
"""Regimes that sanction a region whose table entry names none."""


class Standing(NamedTuple):
    """A country's sanctions standing on one day: its tier (A comprehensively sanctioned,
    B sanctions-exposed, "" neither) with program and as-of date, its FATF call ("block",
    "review" or "") and whether it is on the FATF grey list."""

    tier: str
    program: str
    as_of: str
    fatf: str
    grey: bool

    @property
    def decision(self) -> str:
        """What the country alone decides: block for tier A or a FATF call for action,
        review for tier B or a FATF review call, "" otherwise (grey list: info only)."""
        if self.tier == "A" or self.fatf == "block":
            return "block"
        return "review" if self.tier == "B" or self.fatf == "review" else ""


@dataclass
class Geography:
    """Country resolution, place scanning and the jurisdiction tiers."""

    jurisdictions: dict[str, Jurisdiction]
    regions: dict[str, dict[str, Any]]
    fatf_call: dict[str, str]
    grey_list: frozenset[str]
    aliases: dict[str, str]
    ambiguous: frozenset[str]
    places_by_key: dict[str, Place]
    places_by_locode: dict[str, Place]
    places_by_name: dict[str, Place]
    city_index: KeywordIndex
    region_index: KeywordIndex
    term_index: KeywordIndex
    sea_index: KeywordIndex
    port_index: KeywordIndex
    city_names: dict[str, str] = field(default_factory=dict)
    _country_cache: dict[str, CountryResolution] = field(default_factory=dict, repr=False)

    @classmethod
    def from_tables(cls, jurisdictions: dict, countries: dict, places: dict) -> Geography:
        juris = {
            j["code"]: Jurisdiction(
                code=j["code"],
                name=j["name"],
                tier=j["tier"],
                program=j["program"],
                regimes=tuple(j.get("regimes", ())),
                sources=tuple(j.get("sources", ())),
                as_of=str(j["as_of"]),
                history=tuple(j.get("history", ())),
            )
            for j in jurisdictions["countries"]
        }
        regions = {r["id"]: r for r in jurisdictions.get("regions", ())}
        fatf = jurisdictions.get("fatf", {})
        aliases = {
            _key(alias): code for code, names in countries["aliases"].items() for alias in names
        }
        city_index = KeywordIndex(fuzzy=False)
        city_names: dict[str, str] = {}
        for code, names in countries.get("cities", {}).items():
            city_index.add(code, names)
            for name in names:
                city_names[_key(name)] = code
        term_index = KeywordIndex(fuzzy=False)
        exclusions = countries.get("text_term_exclusions", {})
        for code, terms in countries.get("text_terms", {}).items():
            # A Han term followed by its exclusion's tail is something else (朝鲜族).
            vetoes = [
                e[len(t) :] for t in terms for e in exclusions.get(code, ()) if e.startswith(t)
            ]
            term_index.add(code, terms, not_before=vetoes)
        by_key: dict[str, Place] = {}
        by_locode: dict[str, Place] = {}
        by_name: dict[str, Place] = {}
        region_index = KeywordIndex(fuzzy=False)
        port_index = KeywordIndex(fuzzy=False)
        for raw in places["places"]:
            place = Place(
                name=raw["name"],
                country=raw.get("country"),
                groups=tuple(raw.get("groups", ())),
                unlocode=raw.get("unlocode"),
                region=raw.get("region"),
                sources=tuple(raw.get("sources", ())),
            )
            names = [raw["name"], *raw.get("aliases", ())]
            by_name[place.name] = place
            for name in names:
                by_key.setdefault(_key(name), place)
            if place.unlocode:
                by_locode[place.unlocode] = place
            port_index.add(place.name, names)
            if set(place.groups) & {"crimea", "dnr_lnr", "occupied_ua", "layering_region"}:
                region_index.add(place.name, names)
        sea_index = KeywordIndex(fuzzy=False)
        for area in places.get("sea_areas", ()):
            sea_index.add(area["name"], [area["name"], *area.get("aliases", ())])
        return cls(
            jurisdictions=juris,
            regions=regions,
            fatf_call=dict(fatf.get("call_for_action", {})),
            grey_list=frozenset(fatf.get("grey_list", ())),
            aliases=aliases,
            ambiguous=frozenset(_key(a) for a in countries.get("ambiguous", ())),
            places_by_key=by_key,
            places_by_locode=by_locode,
            places_by_name=by_name,
            city_index=city_index,
            region_index=region_index,
            term_index=term_index,
            sea_index=sea_index,
            port_index=port_index,
            city_names=city_names,
        )

    # --- countries -----------------------------------------------------------

    def country(self, text: str | None) -> CountryResolution:
        """Resolve a country field on its own: our multilingual aliases, then ISO names."""
        if not text:
            return CountryResolution(None)
        found = self._country_cache.get(text)
        if found is None:
            found = self._resolve_country(text)
            if len(self._country_cache) < 20_000:
                self._country_cache[text] = found
        return found

    def _resolve_country(self, text: str) -> CountryResolution:
        if not text.strip():
            return CountryResolution(None)
        key = _key(text)
        if key in self.ambiguous:
            return CountryResolution(None, ambiguous=True)
        code = self.aliases.get(key) or resolve_country(text)
        if code is None:
            parts = [part for part in _PARTS.split(text) if part.strip()]
            if len(parts) > 1:
                return self._resolve_parts(parts)
        if code is None and key.startswith("korea"):
            return CountryResolution(None, ambiguous=True)
        return CountryResolution(code)

    def _resolve_parts(self, parts: list[str]) -> CountryResolution:
        """A field of several pieces ("Seoul, Korea", "Sevastopol, Russia"): one country
        named by its pieces (a city settles an ambiguous "Korea"), else unresolved."""
        codes: set[str] = set()
        ambiguous = False
        via = "country"
        for part in parts:
            key = _key(part)
            if key in self.ambiguous or key.startswith("korea"):
                ambiguous = True
                continue
            code = self.aliases.get(key) or resolve_country(part)
            if code is None and (code := self.city_names.get(key)):
                via = "city"
            if code:
                codes.add(code)
        if len(codes) == 1:
            return CountryResolution(codes.pop(), via=via)
        return CountryResolution(None, ambiguous=ambiguous or len(codes) > 1)

    def ambiguous_candidates(self, text: str) -> tuple[str, ...]:
        """Countries an ambiguous name could mean: those with an alias holding its words
        ("Korea" -> KP, KR), so the table, not the code, says which they are."""
        words = {w for w in _key(text).split() if len(w) >= 4 or not w.isascii()}
        found = {code for alias, code in self.aliases.items() if words & set(alias.split())}
        return tuple(sorted(found))

    def country_regions(self, text: str | None) -> list[PlaceHit]:
        """Sanctioned regions a *country* field names ("Crimea", "Sevastopol, Russia",
        "Donetsk People's Republic"): a region is not a country, so it is looked for as
        a place, whatever country the field also names."""
        return [hit for hit in self.region_places(text) if hit.place.region]

    def country_from_place_text(self, *texts: str | None) -> str | None:
        """A country settled by a city named in address text, when exactly one fits."""
        codes: set[str] = set()
        for text in texts:
            if not text:
                continue
            whole = self.city_names.get(_key(text))
            if whole:
                codes.add(whole)
                continue
            codes |= self.city_index.keys(text)
        return codes.pop() if len(codes) == 1 else None

    def country_terms(self, text: str | None) -> list[tuple[str, str]]:
        """(country code, words found) for sanctioned-country terms inside free text."""
        return [(h.key, h.found) for h in self.term_index.search(text)]

    def region_places(self, text: str | None) -> list[PlaceHit]:
        """Sanctioned-region and border-region places named in free text (addresses)."""
        hits = {h.key: h for h in self.region_index.search(text)}
        return [PlaceHit(self.places_by_name[key], h.found) for key, h in hits.items()]

    def sea_area(self, text: str | None) -> str | None:
        hits = self.sea_index.search(text)
        return hits[0].key if hits else None

    # --- ports -----------------------------------------------------------------

    def port(self, value: Any) -> Port | None:
        """Resolve a port given as a name, a UN/LOCODE, or {name, unlocode, country}."""
        if value is None:
            return None
        if isinstance(value, str):
            name, locode, country_text = value, None, None
        else:
            name = value.get("name")
            locode = value.get("unlocode")
            country_text = value.get("country")
        text = " ".join(str(p) for p in (name, locode, country_text) if p)
        if not text.strip():
            return None
        place = self._place_named(name) if name else None
        if locode is None and name and place is None and _LOCODE.match(name.strip()):
            # Only an upper-case code that names no known place: "KPNAM", never "Nampo".
            locode, name = name.strip(), None
        locode = locode.replace(" ", "").upper() if locode else None
        if locode and (by_code := self.places_by_locode.get(locode)):
            place = by_code
        stated = self.country(country_text) if country_text else CountryResolution(None)
        code = (locode[:2] if locode else None) or (place.country if place else None) or stated.code
        ambiguous = stated.ambiguous and code is None
        return Port(
            text=text, country=code, unlocode=locode, place=place, ambiguous_country=ambiguous
        )

    def _place_named(self, name: str) -> Place | None:
        place = self.places_by_key.get(_key(name))
        if place is None:
            names = {h.key for h in self.port_index.search(name)}
            place = self.places_by_name[names.pop()] if len(names) == 1 else None
        return place

    # --- jurisdictions ----------------------------------------------------------

    def region(self, region_id: str) -> dict[str, Any]:
        """The ``regions`` entry of the jurisdictions table (tier, program, as_of ...)."""
        return self.regions.get(region_id, {})

    def region_blocks(self, region_id: str, regimes: frozenset[str]) -> bool:
        """Whether a sanctioned region blocks under ``regimes``: its own ``regimes`` entry,
        else the regimes that sanction every occupied region (US, EU, UK; not the UN)."""
        return bool(set(self.region(region_id).get("regimes", REGION_REGIMES)) & regimes)

    def standing(self, code: str, day: date, regimes: frozenset[str]) -> Standing:
        """A country's sanctions standing on ``day`` under ``regimes``."""
        tier, program, as_of = self.tier(code, day, regimes)
        return Standing(tier, program, as_of, self.fatf_call.get(code, ""), code in self.grey_list)

    def tier(self, code: str | None, day: date, regimes: frozenset[str]) -> tuple[str, str, str]:
        """(tier, program, as_of) for a country under the active regimes; "" when none."""
        j = self.jurisdictions.get(code or "")
        if j is None:
            return "", "", ""
        if j.regimes and not (set(j.regimes) & regimes):
            return "", "", ""
        return j.on(day)

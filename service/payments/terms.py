"""What the text scanner looks for, built from the loaded lists and reference tables.

Listed entities give names (every alias, weak ones marked) and vessel names, and their
IMO numbers and BICs go to the exact identifier map. The reference tables (plain dicts,
as :mod:`service.reference` reads them) give places (ports, cities and regions of
``places.yaml`` with every alias), sanctioned-country terms (``countries.yaml``
``text_terms``) and restricted-goods words (``goods.yaml``, strong keywords only: the
weak ones such as "steel" name no category on their own). Pure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from service.core.evidence import imo_number, normalize_identifier
from service.core.model import Entity
from service.payments.hits import Term

_BIC_TYPES = frozenset({"bic", "swift", "swift_bic", "swift/bic"})


def entity_terms(entities: Iterable[Entity]) -> tuple[list[Term], dict[str, list[Term]]]:
    """(name terms, identifier map ``BIC:...``/``IMO:...`` -> terms) of listed entities."""
    terms: list[Term] = []
    ids: dict[str, list[Term]] = defaultdict(list)
    for entity in entities:
        kind = "vessel" if entity.entity_type == "vessel" else "name"
        for alias in entity.all_names():
            terms.append(
                Term(
                    kind,
                    alias.name,
                    entity.key,
                    entity.entity_type,
                    alias.quality == "weak",
                    entity,
                )  # fmt: skip
            )
        for ident in entity.identifiers:
            itype = ident.type.lower()
            if itype in _BIC_TYPES:
                value = normalize_identifier(ident.value)
                if len(value) in (8, 11):
                    label = f"BIC {value}"
                    ids[f"BIC:{value}"].append(
                        Term("bic", label, entity.key, entity.entity_type, False, entity)
                    )
            elif itype == "imo" or "imo" in ident.value.lower():
                imo = imo_number(ident.value)
                if imo:
                    ids[f"IMO:{imo}"].append(
                        Term("imo", f"IMO {imo}", entity.key, entity.entity_type, False, entity)
                    )
    return terms, dict(ids)


def reference_terms(tables: Mapping[str, Mapping[str, Any]]) -> list[Term]:
    """Place, country and goods terms from the reference tables (by table name)."""
    terms: list[Term] = []
    for raw in tables.get("places", {}).get("places", ()):
        for name in (raw["name"], *raw.get("aliases", ())):
            terms.append(Term("place", str(name), raw["name"], payload=raw))
    for code, names in tables.get("countries", {}).get("text_terms", {}).items():
        for name in names:
            terms.append(Term("country", str(name), str(code), payload={"country": code}))
    for cat in tables.get("goods", {}).get("categories", ()):
        for words in cat.get("strong", {}).values():
            for word in words:
                terms.append(Term("goods", str(word), cat["id"], payload={"category": cat["id"]}))
    return terms

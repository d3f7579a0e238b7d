"""Facts: what the rules need to know about a transaction, computed once, in Python.

The rules themselves are CEL conditions in data files; CEL is deliberately small, so
the work that needs reference tables (resolving "Korea" with a city, classifying
"дизельное топливо", checking an IMO digit) happens here, in small pure extractors, one
module per area:

========================  =============================================================
``builder``               the fact builder, the shared request context, evidence items
``derived``               counts that are subsets of a richer fact (``tier_a`` ...)
``extract``               :func:`extract_facts`, which runs every area below
``countries``             countries and jurisdictions of parties, banks, ports, goods
``free_text``             sanctioned places and DPRK identifiers in free text
``goods``                 restricted goods, DPRK direction, corridors, prices
``counterparties``        front-company signs
``payments``              currency, payers, routing, late changes; a BIC's country
``vessels``               flag, identity, voyage, age and cover; IMO and MMSI checks
``matches``               the name-matcher results LST-01/LST-02 read
``route``                 where goods go: origins, destinations, end users, payers
``borders``               exports out of a selected export-control area (or not)
``export_controls``       CHPL goods toward Russia and Belarus, diversion countries
``price_cap``             Russian oil priced per barrel against each regime's cap
``luxury``                luxury goods to Russia and Belarus, and to the DPRK
``oil_origin``            crude or fuel whose declared origin disagrees with its route
========================  =============================================================

Each extractor returns CEL-ready values (lists of maps with ``path``, ``value`` and
``note`` for evidence), or records which request fields were missing so that the rules
depending on it are reported as ``not_evaluated``. Pure: the caller passes today's date
and the name-matcher results.
"""

from service.rules.facts.extract import extract_facts
from service.rules.facts.matches import contradicted

__all__ = ["contradicted", "extract_facts"]

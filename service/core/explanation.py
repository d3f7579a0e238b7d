"""Result assembly: one scored entity becomes a :class:`~service.core.query.Match` with
its explanation, the JSON-ready account of why it scored what it did.

Explanation (``Match.explanation``)::

    {
      "band": "strong" | "review" | "weak" | "below",
      "query": {"text": "...", "normalised": "..."},
      "list_name": {"text": "...", "normalised": "...", "kind": "primary|aka|fka|...",
                    "quality": "strong|weak"},
      "name_score": 0.91,
      "alignment": [{"query": "putn", "list": "putin", "method": "fuzzy",
                     "similarity": 0.88, "weight": 9.1}, ...],
      "unmatched_query": ["..."], "unmatched_list": ["vladimirovich"],
      "adjustments": [{"reason": "weak_alias", "effect": -0.09}, ...],
      "corroborated": [{"field": "date_of_birth", "query": "1952", "list": "1952-10-07"}],
      "contradicted": [{"field": "country", "query": ["FR"], "list": ["RU"]}],
      "identifiers": [{"type": "imo", "query": "IMO 9074729", "list": "9074729",
                       "decisive": true}],
      "ofac_score": 0.93
    }

Alignment methods: ``exact``, ``fuzzy`` (edit distance), ``phonetic`` (sound-alike
key), ``transliteration`` (consonant skeleton across scripts), ``initial``,
``nickname``, ``truncated``, ``gender_form`` (IVANOVA for IVANOV), ``joined`` /
``joined_fuzzy`` (glued or split tokens).
Adjustments: ``weak_alias`` (x 0.9), ``numbers_differ`` (x 0.5). The full reference
is ``docs/matching.md``.
"""

from __future__ import annotations

from service.core.config import MatchConfig, band
from service.core.corroboration import Corroboration, Named
from service.core.index import IndexedName
from service.core.model import Entity
from service.core.names import NameForm
from service.core.ofac import ofac_score
from service.core.pair import Alignment
from service.core.query import Match, Query


def explain(
    query: Query,
    form: NameForm,
    entity: Entity,
    named: Named | None,
    ev: Corroboration,
    config: MatchConfig,
) -> Match:
    """The match of ``entity`` for ``query`` (analysed as ``form``), its score ``ev``
    and, when a name of it matched, that name, its alignment and its OFAC score."""
    explanation: dict = {
        "band": band(ev.score, config),
        "query": {"text": query.name, "normalised": form.text},
        "name_score": round(ev.name_score, 4),
    }
    ofac = 0.0
    matched_name = entity.name
    if named:
        _, name, al = named
        matched_name = name.text
        ofac = ofac_score(query.name, name.text)
        explanation["list_name"] = {
            "text": name.text,
            "normalised": name.form.text,
            "kind": name.kind,
            "quality": name.quality,
        }
        explanation.update(alignment_json(form, name, al))
        if al.numbers_differ:
            ev.adjustments.append({"reason": "numbers_differ", "effect": "score halved"})
    explanation["adjustments"] = ev.adjustments
    explanation["corroborated"] = ev.corroborated
    explanation["contradicted"] = ev.contradicted
    explanation["identifiers"] = ev.identifiers
    explanation["ofac_score"] = ofac
    return Match(
        entity=entity,
        matched_name=matched_name,
        score=ev.score,
        ofac_score=ofac,
        explanation=explanation,
    )


def alignment_json(form: NameForm, name: IndexedName, al: Alignment) -> dict:
    """The alignment of the query with one list name in their own spellings: the pairs
    with method, similarity and list-side weight, and the words left unmatched."""
    side = name.side
    pairs = []
    for e in al.edges:
        qi = [i for i in range(len(form.tokens)) if e.qmask >> i & 1]
        ci = [i for i in range(len(side.tokens)) if e.cmask >> i & 1]
        pairs.append(
            {
                "query": " ".join(form.originals[i] for i in qi),
                "list": " ".join(side.originals[i] for i in ci),
                "method": e.method,
                "similarity": round(e.sim, 4),
                "weight": round(sum(side.weights[i] for i in ci), 3),
            }
        )
    out: dict = {
        "alignment": pairs,
        "unmatched_query": [form.originals[i] for i in al.unmatched_query],
        "unmatched_list": [side.originals[i] for i in al.unmatched_list],
    }
    return out

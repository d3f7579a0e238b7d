"""The in-memory name index: built once, never mutated, shared copy-on-write.

Candidate selection must cost dictionary lookups, not a scan of 70k names, so every
indexed name contributes keys to a few maps:

- ``postings``: canonical token -> names holding it;
- ``deletes``: SymSpell keys (the token and every one-character deletion of it) ->
  vocabulary tokens, so a typo'd query token finds its list token in a few lookups;
- ``phonetic``: transliteration-tolerant key -> vocabulary tokens (Qadhafi/Gaddafi);
- ``skeletons``: consonant skeleton -> vocabulary tokens, for unvowelled Arabic input;
- ``joined``: two or three adjacent tokens glued -> names ("JSCARGUMENT");
- ``identifiers``: normalised identifier -> entities.

Each token also gets its rarity weight (inverse document frequency over the names),
shrunk for legal forms, generic words and particles.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from service.core.evidence import identifier_keys
from service.core.lexicon import COMMON_NAME_PARTS
from service.core.model import Entity
from service.core.names import NameForm, analyze, phonetic_key, skeleton
from service.core.pair import Side

# Weights of the token kinds, as shares of the rarest token's weight (so they scale
# with the corpus: on the shared lists the rarest token weighs about 10.4).
LEGAL_WEIGHT = 0.03
GENERIC_CAP = 0.15
PARTICLE_CAP = 0.08
INITIAL_WEIGHT = 0.1
NUMBER_FLOOR = 0.6
SET_DF = 48
"""Postings longer than this also get a set, for cheap membership tests."""


@dataclass(frozen=True, slots=True)
class IndexedName:
    """One list string (primary name or alias) of one entity, analysed."""

    entity: int
    text: str
    kind: str
    quality: str
    form: NameForm
    side: Side


def deletes(token: str) -> set[str]:
    """The token's one-character deletions (SymSpell keys)."""
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


@dataclass(frozen=True, slots=True)
class NameIndex:
    entities: tuple[Entity, ...]
    names: tuple[IndexedName, ...]
    name_totals: tuple[float, ...]
    """Per name, the weight of its distinct tokens (the pre-rank's denominator)."""
    postings: dict[str, tuple[int, ...]]
    """Token -> names holding it, lightest name first (see ``posting_totals``)."""
    posting_totals: dict[str, tuple[float, ...]]
    """Token -> the ``name_totals`` of its postings, ascending: the names light enough
    to reach a pre-rank score are a prefix, found by bisection."""
    deletes: dict[str, tuple[str, ...]]
    phonetic: dict[str, tuple[str, ...]]
    skeletons: dict[str, tuple[str, ...]]
    joined: dict[str, tuple[int, ...]]
    shapes: dict[tuple[str, int], tuple[str, ...]]
    """(first two letters, length) -> vocabulary tokens of six letters or more: where a
    token two edits from a query token is looked for (see ``CandidateFinder``)."""
    posting_sets: dict[str, frozenset[int]]
    """Postings longer than ``SET_DF`` as sets, for cheap re-weighting lookups."""
    identifiers: dict[str, tuple[int, ...]]
    idf: dict[str, float]
    unknown_weight: float
    rarest: float
    """Weight of a token seen in one name only: the scale of every weight."""

    def weight(self, token: str, kind: str) -> float:
        """Rarity weight of a token of the given kind (unknown tokens count as rare)."""
        return kind_weight(self.idf.get(token, self.unknown_weight), kind, self.rarest)


def kind_weight(idf: float, kind: str, rarest: float) -> float:
    if kind == "legal":
        return LEGAL_WEIGHT * rarest
    if kind == "generic":
        return min(idf, GENERIC_CAP * rarest)
    if kind == "particle":
        return min(idf, PARTICLE_CAP * rarest)
    if kind == "initial":
        return INITIAL_WEIGHT * rarest
    if kind == "number":
        return max(idf, NUMBER_FLOOR * rarest)
    return idf


def build_index(entities: Iterable[Entity]) -> NameIndex:
    """Analyse every name of every entity and build the lookup maps."""
    ents = tuple(entities)
    forms: list[tuple[int, str, str, str, NameForm]] = []
    df: dict[str, int] = defaultdict(int)
    for eidx, entity in enumerate(ents):
        seen: set[str] = set()
        for alias in entity.all_names():
            form = analyze(alias.name, entity.entity_type)
            if not form.tokens:
                continue
            key = " ".join(form.tokens)
            if key in seen:
                continue  # the same name twice (case/punctuation variants) adds nothing
            seen.add(key)
            forms.append((eidx, alias.name, alias.kind, alias.quality, form))
            for tok in set(form.tokens):
                df[tok] += 1
    n = max(len(forms), 1)
    rarest = math.log((n + 1) / 1.5)
    idf = {tok: math.log((n + 1) / (count + 0.5)) for tok, count in df.items()}
    unknown = math.log((n + 1) / 1.5) * 0.8

    names: list[IndexedName] = []
    totals: list[float] = []
    postings: dict[str, list[int]] = defaultdict(list)
    joined: dict[str, list[int]] = defaultdict(list)
    for nidx, (eidx, text, kind, quality, form) in enumerate(forms):
        weights = tuple(
            kind_weight(idf[t], k, rarest) for t, k in zip(form.tokens, form.kinds, strict=True)
        )
        common = -1
        if ents[eidx].entity_type == "person":
            common = sum(1 << i for i, t in enumerate(form.tokens) if t in COMMON_NAME_PARTS)
        side = Side(form.tokens, form.originals, form.kinds, weights, common)
        names.append(IndexedName(eidx, text, kind, quality, form, side))
        totals.append(sum(dict(zip(form.tokens, weights, strict=True)).values()))
        for tok in set(form.tokens):
            postings[tok].append(nidx)
        toks = form.tokens
        for size in (2, 3):
            for i in range(len(toks) - size + 1):
                joined["".join(toks[i : i + size])].append(nidx)

    vocab = list(postings)
    dmap: dict[str, list[str]] = defaultdict(list)
    pmap: dict[str, list[str]] = defaultdict(list)
    smap: dict[str, list[str]] = defaultdict(list)
    shapes: dict[tuple[str, int], list[str]] = defaultdict(list)
    for tok in vocab:
        if len(tok) >= 6 and tok.isalpha():
            shapes[(tok[:2], len(tok))].append(tok)
        dmap[tok].append(tok)
        if len(tok) >= 4 and not tok.isdigit():
            for d in deletes(tok):
                dmap[d].append(tok)
        if len(tok) >= 3:
            pmap[phonetic_key(tok)].append(tok)
            sk = skeleton(tok)
            if len(sk) >= 2:
                smap[sk].append(tok)

    id_map: dict[str, list[int]] = defaultdict(list)
    for eidx, entity in enumerate(ents):
        for ident in entity.identifiers:
            for key in identifier_keys(ident):
                id_map[key].append(eidx)

    def freeze(d: dict) -> dict:
        return {k: tuple(v) for k, v in d.items()}

    for post in postings.values():
        post.sort(key=totals.__getitem__)

    return NameIndex(
        entities=ents,
        names=tuple(names),
        name_totals=tuple(totals),
        postings=freeze(postings),
        posting_totals={k: tuple(totals[n] for n in v) for k, v in postings.items()},
        deletes=freeze(dmap),
        phonetic=freeze(pmap),
        skeletons=freeze(smap),
        joined=freeze(joined),
        shapes=freeze(shapes),
        posting_sets={k: frozenset(v) for k, v in postings.items() if len(v) > SET_DF},
        identifiers=freeze(id_map),
        idf=idf,
        unknown_weight=unknown,
        rarest=rarest,
    )

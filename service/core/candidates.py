"""Candidate retrieval: which list names a query is worth scoring, by lookups only.

Scoring a name costs an alignment, so a query must not scan 70k names. Each query token
is expanded to list tokens (exact, SymSpell one-deletion keys, phonetic key, consonant
skeleton for Arabic script, nicknames; two edits for the rare word of a short name),
glued/split forms are looked up, and names are pre-ranked by the rarity weight they
share with the query (a Dice estimate against the name's own weight). Only the best
``MatchConfig.candidates`` names, within ``prerank_window`` of the best and above
``prerank_floor``, go on to :func:`service.core.compare.align`. The pruning is exact: a
name is dropped only when even every later token could not lift it to the floor.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right

from rapidfuzz import process
from rapidfuzz.distance import OSA

from service.core.compare import assimilated_spans
from service.core.config import MatchConfig
from service.core.index import NameIndex, deletes
from service.core.lexicon import NICKNAMES, VARIANTS
from service.core.names import NameForm, phonetic_key, skeleton
from service.core.pair import Side
from service.core.similarity import edit_budget, squeeze

SELECTIVE = frozenset({"name", "number"})
"""Token kinds that select candidates; legal forms, generic words and particles only
score (they would drag in thousands of names and decide nothing)."""

CROSS = {"arabic": 2, "cyrillic_greek": 1}
"""How far a query in another script is read back from its transliteration: sound-alike
short syllables (1), and consonant skeletons for unvowelled Arabic (2)."""


class CandidateFinder:
    """Candidate retrieval over one index, with the matcher's (corpus-scaled) config.
    Immutable; per-query state lives in the ``memo`` the caller passes."""

    def __init__(self, index: NameIndex, config: MatchConfig) -> None:
        self._index = index
        self._config = config

    def expand(self, tok: str, cross: int, memo: dict | None = None) -> dict[str, float]:
        """List vocabulary tokens a query token may stand for, with a rough similarity.
        ``memo`` carries expansions already computed for this query."""
        if memo is not None:
            key = (tok, cross)
            if key not in memo:
                memo[key] = self.expand(tok, cross)
            return memo[key]
        idx = self._index
        hits: dict[str, float] = {}
        if tok in idx.postings:
            hits[tok] = 1.0
        if tok.isdigit() or len(tok) < 3:
            return hits
        single = squeeze(tok)
        if single != tok and single in idx.postings:
            hits.setdefault(single, 0.85)  # a doubled letter in a short word (LNNG)
        if len(tok) >= 4:
            budget = edit_budget(len(tok))
            once = deletes(tok)
            for key in (tok, *once):
                for v in idx.deletes.get(key, ()):
                    if v not in hits and OSA.distance(tok, v, score_cutoff=budget) <= budget:
                        hits[v] = 0.85
            if tok not in idx.postings:
                # A misspelt variant spelling ("MOHAMEDD"): list names hold only the
                # canonical token of a variant group.
                for key in once:
                    canon = VARIANTS.get(key)
                    if canon and canon in idx.postings:
                        hits.setdefault(canon, 0.85)
        for v in idx.phonetic.get(phonetic_key(tok), ()):
            hits.setdefault(v, 0.85)
        for formal in NICKNAMES.get(tok, ()):
            if formal in idx.postings:
                hits.setdefault(formal, 0.9)
        if cross >= 2:
            for v in idx.skeletons.get(skeleton(tok), ()):
                hits.setdefault(v, 0.8)
        return hits

    def _two_edits(self, tok: str) -> dict[str, float]:
        """List tokens two edits from an unknown query token (two wrong letters in a
        rare word: "TRANSAKANTIC", "DAOLPOHIN"): through the two-deletion keys, and
        among the tokens of about its length that begin with the same two letters."""
        idx = self._index
        hits: dict[str, float] = {}
        once = deletes(tok)
        seen = set(once)
        for d in once:
            for key in deletes(d):
                if key not in seen:
                    seen.add(key)
                    for v in idx.deletes.get(key, ()):
                        if v not in hits and OSA.distance(tok, v, score_cutoff=2) <= 2:
                            hits[v] = 0.8
        for length in range(len(tok) - 2, len(tok) + 3):
            bucket = idx.shapes.get((tok[:2], length))
            if bucket:
                for v, _, _ in process.extract(
                    tok, bucket, scorer=OSA.distance, score_cutoff=2, limit=None
                ):
                    hits.setdefault(v, 0.8)
        return hits

    def find(
        self,
        form: NameForm,
        qside: Side,
        lists: frozenset[str] | None,
        etype: str | None,
        memo: dict,
    ) -> tuple[list[int], set[int]]:
        """Names worth scoring, best pre-rank first, and those found through a glued or
        split form (they always get the glued-token alignment)."""
        idx = self._index
        cross = CROSS.get(form.script, 0)
        glued_hits: set[int] = set()
        strong = {t for t, k in zip(form.tokens, form.kinds, strict=True) if k in SELECTIVE}
        # Ties broken by the token itself: set order changes with the hash seed, and the
        # same query must give the same answer in every process.
        selectors = sorted(
            strong or set(form.tokens), key=lambda t: (len(idx.postings.get(t, ())), t)
        )
        expansions = [self.expand(tok, cross, memo) for tok in selectors]
        if len(strong) <= 2:
            # A short name (one or two distinctive words) rests on its rare word: look
            # two edits away for it when nothing nearer explains it. Longer names are
            # found through their other words, so they never pay for this.
            for i, tok in enumerate(selectors):
                if not expansions[i] and len(tok) >= 7 and tok.isalpha():
                    expansions[i] = self._two_edits(tok)
        qeff = {
            tok: max(idx.idf[v] for v in hits)
            for tok, hits in zip(selectors, expansions, strict=True)
            if hits and tok not in idx.idf
        }
        # Repeated query tokens ("MUHAMMAD, Muhammad") count once, as in ``acc``.
        qtotal = sum(
            min(w, qeff.get(t, w))
            for t, w in dict(zip(qside.tokens, qside.weights, strict=True)).items()
        )
        spans = self._glued_spans(form.tokens, cross)
        light = self._light_words(qside, strong) if strong else []
        initials = _initials(qside) if strong else []
        later = self._reach_after(selectors, expansions, spans, light + initials)
        # A name sharing less rarity weight than this can never reach the pre-rank
        # floor, so a variant that could only bring such names re-weights found ones.
        need = 0.5 * self._config.prerank_floor * qtotal * (1.0 - 1e-9)
        acc: dict[int, float] = {}
        selected = False
        for tok, hits, rest in zip(selectors, expansions, later, strict=True):
            best = self._token_weights(hits, acc, selected, (rest, need, qtotal))
            if len(best) > len(acc):
                acc, best = best, acc
            get = acc.get
            for n, w in best.items():
                acc[n] = get(n, 0.0) + w
            joined = idx.joined.get(tok, ()) if len(tok) >= 5 else ()
            if joined:
                w = idx.unknown_weight * 0.9
                for n in joined:
                    glued_hits.add(n)
                    if acc.get(n, 0.0) < w:
                        acc[n] = w
            # (postings are never empty: ``selected`` is what an unpruned ``acc`` says)
            selected = selected or bool(hits) or bool(joined)
        for post, w in spans:
            glued_hits.update(post)
            for n in post:
                acc[n] = acc.get(n, 0.0) + w
        # Light words (legal forms, generic words, particles) break ties between the
        # names found ("AL-HARAMAIN ... AFGHANISTAN BRANCH" among its branches).
        for tok, w in light:
            for n in _found(acc, idx.postings[tok], idx.posting_sets.get(tok)):
                acc[n] += w
        # An initial does the same for the names with a word of that letter ("WANG, M."
        # ranks the WANG M... names first among hundreds of WANGs).
        for letter, w in initials:
            for n in acc:
                if any(t[0] == letter for t in idx.names[n].side.tokens):
                    acc[n] += w
        return self._ranked(acc, qtotal, lists, etype), glued_hits

    def _token_weights(
        self,
        hits: dict[str, float],
        acc: dict[int, float],
        selected: bool,
        bounds: tuple[float, float, float],
    ) -> dict[int, float]:
        """Name -> the best weight one query token gives it, through any of its list
        variants ``hits``. ``bounds``: what a name can still gain after this token, the
        weight it needs to reach the pre-rank floor, and the query's total weight."""
        idx = self._index
        rest, need, qtotal = bounds
        floor = self._config.prerank_floor
        best: dict[int, float] = {}
        # Ascending weight: a later (heavier) variant overwrites a lighter one, so each
        # name keeps the best weight this query token gives it (C-speed update).
        for w, v in sorted((idx.idf[v] * sim, v) for v, sim in hits.items()):
            post = idx.postings[v]
            members = idx.posting_sets.get(v)
            if (selected and len(post) > self._config.posting_cap) or w + rest < need:
                # A common token after a selective one, or a variant too light to matter
                # on its own: only re-weight names already found.
                best.update(dict.fromkeys(_found(acc, post, members), w))
                continue
            # New names must be light enough to reach the floor with all they can still
            # gain; postings are sorted by name weight, so they are a prefix.
            limit = 2.0 * (w + rest) / floor - qtotal
            cut = bisect_right(idx.posting_totals[v], limit * (1.0 + 1e-9))
            best.update(dict.fromkeys(post[:cut], w))
            if cut < len(post) and acc:
                best.update(dict.fromkeys(_found(acc, post, members), w))
        return best

    def _glued_spans(
        self, toks: tuple[str, ...], cross: int
    ) -> list[tuple[tuple[int, ...], float]]:
        """(names, weight) of each 2-3 adjacent query tokens glued into one list token;
        for Arabic script also by consonant skeleton, with the article assimilated
        ("shms al dyn" finds SHAMSUDDIN)."""
        idx = self._index
        out = []
        glued_texts = []
        for size in (2, 3):
            for i in range(len(toks) - size + 1):
                glued = "".join(toks[i : i + size])
                glued_texts.append(glued)
                post = idx.postings.get(glued, ())
                if post:
                    out.append((post, idx.idf.get(glued, 0.0)))
        if cross >= 2:
            glued_texts += [text for _, text in assimilated_spans(toks)]
            found = {v for t in glued_texts for v in idx.skeletons.get(skeleton(t), ())}
            for v in sorted(found - set(glued_texts)):
                out.append((idx.postings[v], idx.idf[v] * 0.8))
        return out

    def _light_words(self, qside: Side, strong: set[str]) -> list[tuple[str, float]]:
        """Query words that only add to names found by the selective ones (initials
        apart: see :func:`_initials`)."""
        postings = self._index.postings
        return [
            (tok, w)
            for tok, w, kind in zip(qside.tokens, qside.weights, qside.kinds, strict=True)
            if tok not in strong and tok in postings and kind != "initial"
        ]

    def _reach_after(
        self,
        selectors: list[str],
        expansions: list[dict[str, float]],
        spans: list[tuple[tuple[int, ...], float]],
        light: list[tuple[str, float]],
    ) -> list[float]:
        """Per selector, the most weight a name can still gain from the selectors after
        it, glued spans and light words: an upper bound that makes pruning exact."""
        idx = self._index
        reach = []
        for tok, hits in zip(selectors, expansions, strict=True):
            top = max((idx.idf[v] * sim for v, sim in hits.items()), default=0.0)
            if len(tok) >= 5 and tok in idx.joined:
                top = max(top, idx.unknown_weight * 0.9)
            reach.append(top)
        rest = sum(w for _, w in spans) + sum(w for _, w in light)
        later = []
        for top in reversed(reach):
            later.append(rest)
            rest += top
        return later[::-1]

    def _ranked(
        self, acc: dict[int, float], qtotal: float, lists: frozenset[str] | None, etype: str | None
    ) -> list[int]:
        """The best ``MatchConfig.candidates`` names by pre-rank, in the query's lists
        and of its entity type."""
        idx = self._index
        totals = idx.name_totals
        names = idx.names
        ents = idx.entities
        pre = {n: 2.0 * a / (qtotal + totals[n]) for n, a in acc.items()}
        want = self._config.candidates
        ranked = heapq.nlargest(want * 4, pre, key=pre.__getitem__)
        if len(ranked) == want * 4 and (lists is not None or etype):
            ranked = sorted(pre, key=pre.__getitem__, reverse=True)
        out: list[int] = []
        floor = self._config.prerank_floor
        if ranked:
            floor = max(floor, pre[ranked[0]] - self._config.prerank_window)
        for n in ranked:
            if pre[n] < floor:
                break
            entity = ents[names[n].entity]
            if lists is not None and entity.list not in lists:
                continue
            if etype and entity.entity_type != etype:
                continue
            out.append(n)
            if len(out) >= self._config.candidates:
                break
        return out


def _initials(qside: Side) -> list[tuple[str, float]]:
    """(letter, weight) of each initial of the query."""
    return [
        (tok[0], w)
        for tok, w, kind in zip(qside.tokens, qside.weights, qside.kinds, strict=True)
        if kind == "initial"
    ]


def _found(
    acc: dict[int, float], post: tuple[int, ...], members: frozenset[int] | None
) -> list[int]:
    """The names of ``post`` already in ``acc`` (``members``: ``post`` as a set, if
    the index keeps one), walking whichever of the two is shorter."""
    if members is not None and len(acc) < len(post):
        return [n for n in acc if n in members]
    return [n for n in post if n in acc]

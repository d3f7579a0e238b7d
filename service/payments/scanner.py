"""Find listed names, vessels, places, goods words and identifiers inside free text.

The problem: every listed string (tens of thousands of names and aliases) against every
window of a remittance line, with the name matcher's tolerance (typos, glued or split
words, transliteration, word order), in far less than a millisecond. Sliding each name
over the text is out of the question, so the text is turned into token lookups:

1. Index (built once): each term is analysed by the core's name analyser (the same
   canonical tokens, legal forms and spelling variants the matcher uses); every
   vocabulary token gets SymSpell one-deletion keys and a phonetic key; each term is
   filed under its *anchor*, its rarest distinctive token (the two rarest for names of
   three tokens or more, so a missing word does not lose it). Listed IMO numbers and
   BICs go into an exact identifier map.
2. Scan: the text is tokenised with offsets; each word costs a few dictionary lookups,
   cached per word (remittance texts repeat "INVOICE" far more than any name), to find
   the vocabulary tokens it may stand for; two adjacent words are also looked up glued
   ("NAM PO" = NAMPO). Only terms anchored on a found token are candidates.
3. Verify: a candidate's other tokens are sought within a window around its anchor, in
   any order; all distinctive tokens must be there (one may be missing from names of
   three or more), and the rarity-weighted similarity must reach the threshold.

Pure: the terms come in at construction; nothing is read or written.
"""

from __future__ import annotations

import re
from collections import defaultdict

from service.payments.hits import KINDS, Term, TextHit
from service.payments.text_index import TextIndex, _Indexed
from service.payments.tokens import _Tok, canonical, tokenize

__all__ = ["KINDS", "VESSEL_WORDS", "Term", "TextHit", "TextScanner", "canonical", "tokenize"]

_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
_SLICE, _OVERLAP = 256, 32
"""Tokens per slice of a long text, and how many consecutive slices share."""


VESSEL_WORDS = frozenset({"mv", "mt", "ms", "ss", "vessel", "ship", "tanker", "imo", "vsl", "bulk"})
"""Words that announce a vessel name: a one-word vessel name ("SUNRISE", "ALPHA") is an
ordinary word elsewhere, so in free text it counts only after one of these (or "M/V")."""


class TextScanner(TextIndex):
    """Built once from terms and identifier maps; :meth:`scan` is then read-only apart
    from a per-process cache of word lookups (it only ever holds what they compute)."""

    # --- scanning --------------------------------------------------------------------

    def scan(self, text: str | None) -> list[TextHit]:
        """Every term found in ``text``, best first, one hit per term key."""
        if not text or not text.strip():
            return []
        toks = tokenize(text)
        hits = self._identifier_hits(toks) if self._ids else []
        # A long text is read in overlapping slices, so the work stays linear in its
        # length whatever it holds (a term is at most 24 words: the overlap covers it).
        for at in range(0, max(len(toks) - _OVERLAP, 1), _SLICE - _OVERLAP):
            part = toks[at : at + _SLICE]
            if part:
                hits += self._term_hits(text, part)
        if len(hits) < 2:
            return hits
        best: dict[tuple[str, str], TextHit] = {}
        for hit in hits:
            key = (hit.term.kind, hit.term.key)
            if key not in best or hit.score > best[key].score:
                best[key] = hit
        return sorted(best.values(), key=lambda h: (-h.score, h.start, h.term.key))

    def _identifier_hits(self, toks: list[_Tok]) -> list[TextHit]:
        """Listed BICs (8 or 11 characters, or the BIC8 of an 11) and IMO numbers (7
        digits, alone or after IMO) among the words of the text."""
        out = []
        seen: set[int] = set()
        for _, start, end, word in toks:
            if start in seen or len(word) not in (7, 8, 10, 11):
                continue
            seen.add(start)
            upper = word.upper()
            keys = []
            if len(word) != 7 and _BIC.match(upper):
                keys += [f"BIC:{upper}", f"BIC:{upper[:8]}"]
            digits = upper[3:] if upper.startswith("IMO") else upper
            if len(digits) == 7 and digits.isdigit():
                keys.append(f"IMO:{digits}")
            for key in dict.fromkeys(keys):
                for term in self._ids.get(key, ()):
                    step = {"text": word, "list": term.text, "method": "identifier",
                            "similarity": 1.0}  # fmt: skip
                    out.append(TextHit(term, start, end, word, 1.0, (step,)))
        return out

    def _term_hits(self, text: str, toks: list[_Tok]) -> list[TextHit]:
        info_of = self._info
        infos = [info_of(t[0]) for t in toks]
        glued: dict[int, str] = {}
        candidates: set[int] = set()
        have: set[str] = set()
        spellings = self._spellings
        for i, info in enumerate(infos):
            if info.anchored:
                candidates.update(info.anchored)
            have.update(info.vocab)
            if i + 1 < len(toks):
                joined = toks[i][0] + toks[i + 1][0]
                if joined in spellings:
                    glued[i] = joined
                    candidates.update(self._info(joined).anchored)
                    have.update(spellings[joined])
        for partners in {id(p): p for info in infos for p in info.partners}.values():
            if len(partners) <= len(have):
                for b, tids in partners.items():
                    if b in have:
                        candidates.update(tids)
            else:
                for b in have:
                    tids = partners.get(b)
                    if tids:
                        candidates.update(tids)
        if not candidates:
            return []
        # Cheap subset tests first: in clean text no candidate has all its words.
        terms = self._terms
        needs = self._needs
        viable = []
        for tid in candidates:
            needed, spare = needs[tid]
            if needed <= have if not spare else len(needed - have) <= spare:
                viable.append(tid)
        if not viable:
            return []
        # Per position, the vocabulary tokens it may stand for: token -> (sim, method, span).
        found: list[dict[str, tuple[float, str, int]]] = [
            {v: (sim, method, 1) for v, sim, method in info.options} for info in infos
        ]
        for i, joined in glued.items():
            for v in self._spellings[joined]:
                found[i].setdefault(v, (0.95, "joined", 2))
        present: dict[str, list[int]] = defaultdict(list)
        for i, options in enumerate(found):
            for v in options:
                present[v].append(i)
        out = []
        for tid in sorted(viable):
            entry = terms[tid]
            for i in sorted({p for t in entry.needed if t in present for p in present[t]}):
                hit = self._verify(entry, i, text, toks, found)
                if hit is not None:
                    out.append(hit)
                    break
        return out

    def _verify(
        self,
        entry: _Indexed,
        anchor: int,
        text: str,
        toks: list[_Tok],
        found: list[dict[str, tuple[float, str, int]]],
    ) -> TextHit | None:
        size = len(entry.tokens)
        if size == 1:
            return self._verify_word(entry, anchor, text, toks, found)
        lo, hi = max(0, anchor - size - 1), min(len(toks), anchor + size + 2)
        nearest = sorted(range(lo, hi), key=lambda p: abs(p - anchor))
        used: set[int] = set()
        core: set[int] = set()  # the required words: no more than one stray word among them
        matched: list[tuple[int, int, float, str]] = []  # (term index, text pos, sim, method)
        missing = 0
        score = 0.0
        one_word = len(entry.needed) == 1
        order = sorted(range(size), key=lambda j: (not entry.required[j], -entry.weights[j]))
        for j in order:
            want = entry.tokens[j]
            best = None
            for p in nearest:
                if p in used or want not in found[p]:
                    continue
                sim, method, span = found[p][want]
                if sim < 1.0 and (entry.exact_only or (one_word and sim < 0.85)):
                    continue
                if best is None or sim > best[1]:
                    best = (p, sim, method, span)
                    if sim >= 1.0:
                        break
            if best is None:
                missing += entry.required[j]
                continue
            p, sim, method, span = best
            used.update(range(p, p + span))
            if entry.required[j]:
                core.update(range(p, p + span))
            matched.append((j, p, sim, method))
            score += entry.weights[j] * sim
        if missing > entry.spare or not matched:
            return None
        first, last = min(used), max(used)
        strays = sum(1 for p in range(min(core), max(core) + 1) if p not in used)
        if strays > (0 if entry.exact_only else 1):
            return None  # more than one stray word inside the name
        if not entry.exact_only and not any(
            (sim == 1.0 and len(entry.tokens[j]) >= 4)
            or (sim >= 0.85 and len(entry.tokens[j]) >= 6)
            for j, _, sim, _ in matched
        ):
            return None  # no word stands out clearly: a resemblance of short words only
        if entry.term.kind == "vessel" and one_word and not _after_vessel_word(toks, first):
            return None
        score = score / entry.total * (0.95 if missing else 1.0)
        if score < self.threshold:
            return None
        start, end = toks[first][1], toks[last][2]
        alignment = tuple(
            {"text": toks[p][3], "list": entry.originals[j], "method": method,
             "similarity": round(sim, 4)}
            for j, p, sim, method in sorted(matched, key=lambda m: m[1])
        )  # fmt: skip
        return TextHit(entry.term, start, end, text[start:end], score, alignment)

    def _verify_word(
        self,
        entry: _Indexed,
        at: int,
        text: str,
        toks: list[_Tok],
        found: list[dict[str, tuple[float, str, int]]],
    ) -> TextHit | None:
        """A one-word term (a place, a goods word, a one-word name) at position ``at``:
        the same rules as :meth:`_verify`, without the window."""
        sim, method, span = found[at][entry.tokens[0]]
        vessel = entry.term.kind == "vessel"
        if sim < 1.0 and (entry.exact_only or sim < (0.8 if vessel else 0.85)):
            return None
        if vessel and not _after_vessel_word(toks, at):
            return None
        if sim < self.threshold:
            return None
        last = at + span - 1
        start, end = toks[at][1], toks[last][2]
        step = {"text": text[start:end], "list": entry.originals[0], "method": method,
                "similarity": round(sim, 4)}  # fmt: skip
        return TextHit(entry.term, start, end, text[start:end], sim, (step,))


def _after_vessel_word(toks: list[_Tok], first: int) -> bool:
    before = [t[0] for t in toks[max(0, first - 3) : first]]
    return any(w in VESSEL_WORDS for w in before) or "m v" in " ".join(before)

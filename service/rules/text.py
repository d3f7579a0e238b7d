"""Keyword search in free text, in several scripts, tolerant of inflection and typos.

Cargo descriptions and addresses arrive in English, Russian, Chinese and Korean, often
misspelt ("deisel") or inflected ("дизельного топлива"). A plain substring search
either misses those or fires on short words inside longer ones, so each script gets
the treatment that fits it:

- Latin and Cyrillic: word tokens; a keyword token matches a text token exactly, by a
  stem (same beginning, a few letters more or less) when it has at least five letters,
  or within one edit (two for nine letters or more) when fuzzy matching is on. Short
  keywords ("ДТ", "ULSD", "coal") only match whole tokens.
- Hangul: whole tokens, optionally followed by a particle (경유를), so that 경유하여
  ("passing through") is not diesel.
- Han: substring, because Chinese is written without spaces.

Pure: the index is built from keyword lists handed in by the caller.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

_TOKEN = re.compile(r"\w+", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_KO_PARTICLES = frozenset(
    ["은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "으로", "에서", "및"]
)


@lru_cache(maxsize=16_384)
def fold(text: str) -> str:
    """Case-fold, unify compatibility forms and strip Latin accents ('Doré' -> 'dore').

    Only Latin letters lose their accents: decomposing Hangul or Cyrillic 'й' would
    break the words we are looking for. Cached: one transaction reads the same name,
    address and description several times.
    """
    if text.isascii():
        return text.lower().replace("_", " ")
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    out = []
    for ch in folded:
        if ord(ch) < 0x250 and not ch.isascii():
            base = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in base if not unicodedata.combining(c)))
        else:
            out.append(ch)
    return "".join(out).replace("_", " ")


@lru_cache(maxsize=16_384)
def word_tokens(text: str) -> tuple[str, ...]:
    """Word tokens of the normalised text (letters and digits of any script)."""
    return tuple(_TOKEN.findall(fold(text)))


@dataclass(frozen=True, slots=True)
class KeywordHit:
    """One keyword found in a text, with the words that matched it."""

    key: str
    """Caller's label for the keyword (e.g. a goods category id or a place name)."""
    keyword: str
    found: str
    """The text as written that matched, so explanations can quote it."""
    strength: str = "strong"


@dataclass(frozen=True, slots=True)
class _Phrase:
    key: str
    keyword: str
    words: tuple[str, ...]
    strength: str
    not_before: frozenset[str]


class KeywordIndex:
    """Find known keywords (phrases) in free text.

    Build once from ``{key: [keyword, ...]}`` mappings; :meth:`search` is then cheap
    enough for the per-transaction path (token lookups are cached).
    """

    def __init__(self, *, fuzzy: bool = True, not_typos: Iterable[str] = ()) -> None:
        self._fuzzy = fuzzy
        self._not_typos = frozenset(fold(w) for w in not_typos)
        self._phrases_by_first: dict[str, list[_Phrase]] = {}
        self._han: list[_Phrase] = []
        self._vocab: set[str] = set()
        self._by_initial: dict[str, list[str]] = {}
        self._match_cache: dict[str, frozenset[str]] = {}

    def add(
        self,
        key: str,
        keywords: Iterable[str],
        *,
        strength: str = "strong",
        not_before: Iterable[str] = (),
    ) -> None:
        """Register keywords under ``key``; ``not_before`` words veto a hit they follow."""
        veto = frozenset(fold(w) for w in not_before)
        for keyword in keywords:
            norm = fold(keyword).strip()
            if not norm:
                continue
            if _HAN.search(norm):
                self._han.append(_Phrase(key, keyword, (norm,), strength, veto))
                continue
            words = tuple(_TOKEN.findall(norm))
            if not words:
                continue
            phrase = _Phrase(key, keyword, words, strength, veto)
            self._phrases_by_first.setdefault(words[0], []).append(phrase)
            for word in words:
                if word not in self._vocab:
                    self._vocab.add(word)
                    self._by_initial.setdefault(word[0], []).append(word)
        self._match_cache.clear()

    def search(self, text: str | None) -> list[KeywordHit]:
        """Every keyword found in ``text`` (at most one hit per keyword), in text order."""
        if not text:
            return []
        norm = fold(text)
        hits: list[KeywordHit] = []
        seen: set[tuple[str, str]] = set()
        words = _TOKEN.findall(norm)
        matched = [self._matches(w) for w in words]
        for i, candidates in enumerate(matched):
            for kw_word in candidates:
                for phrase in self._phrases_by_first.get(kw_word, ()):
                    end = i + len(phrase.words)
                    if end > len(words):
                        continue
                    if any(
                        phrase.words[j] not in matched[i + j] for j in range(1, len(phrase.words))
                    ):
                        continue
                    if end < len(words) and self._vetoed(words[end], phrase.not_before):
                        continue
                    if (phrase.key, phrase.keyword) in seen:
                        continue
                    seen.add((phrase.key, phrase.keyword))
                    found = " ".join(words[i:end])
                    hits.append(KeywordHit(phrase.key, phrase.keyword, found, phrase.strength))
        if self._han and _HAN.search(norm):
            hits.extend(self._search_han(norm, seen))
        return hits

    def keys(self, text: str | None, *, strength: str | None = None) -> set[str]:
        """The distinct keys found in ``text``, optionally only hits of one strength."""
        return {h.key for h in self.search(text) if strength is None or h.strength == strength}

    def _search_han(self, norm: str, seen: set[tuple[str, str]]) -> list[KeywordHit]:
        hits = []
        for phrase in self._han:
            needle = phrase.words[0]
            start = norm.find(needle)
            while start >= 0:
                after = norm[start + len(needle) :]
                if not any(after.startswith(v) for v in phrase.not_before):
                    if (phrase.key, phrase.keyword) not in seen:
                        seen.add((phrase.key, phrase.keyword))
                        hits.append(KeywordHit(phrase.key, phrase.keyword, needle, phrase.strength))
                    break
                start = norm.find(needle, start + 1)
        return hits

    @staticmethod
    def _vetoed(next_word: str, veto: frozenset[str]) -> bool:
        if not veto:
            return False
        return next_word in veto or any(next_word.startswith(v) for v in veto if _HAN.search(v))

    def _matches(self, word: str) -> frozenset[str]:
        cached = self._match_cache.get(word)
        if cached is None:
            cached = frozenset(self._compute_matches(word))
            if len(self._match_cache) < 50_000:
                self._match_cache[word] = cached
        return cached

    def _compute_matches(self, word: str) -> list[str]:
        out = [word] if word in self._vocab else []
        if _HANGUL.search(word):
            out.extend(k for k in self._by_initial.get(word[0], ()) if _ko_inflected(word, k))
            return out
        if word in self._not_typos:
            return out
        for kw in self._by_initial.get(word[0], ()):
            if kw != word and _word_matches(word, kw, self._fuzzy):
                out.append(kw)
        return out


def _ko_inflected(word: str, kw: str) -> bool:
    return word != kw and word.startswith(kw) and word[len(kw) :] in _KO_PARTICLES


@lru_cache(maxsize=65_536)
def _word_matches(word: str, kw: str, fuzzy: bool) -> bool:
    """Stem or typo match between a text word and a keyword word (not equal)."""
    if len(kw) < 4 or any(c.isdigit() for c in kw) or any(c.isdigit() for c in word):
        return False
    if len(kw) == 4:
        return word in (kw + "s", kw + "es")
    stem = kw[: max(4, len(kw) - 2)]
    if word.startswith(stem) and len(kw) - 1 <= len(word) <= len(kw) + 4:
        return True
    if not fuzzy or len(kw) < 6 or abs(len(word) - len(kw)) > 2:
        return False
    limit = 2 if len(kw) >= 9 else 1
    return DamerauLevenshtein.distance(word, kw, score_cutoff=limit) <= limit


def build_index(
    groups: Mapping[str, Iterable[str]], *, fuzzy: bool = True, strength: str = "strong"
) -> KeywordIndex:
    """Convenience: one index over ``{key: keywords}``."""
    index = KeywordIndex(fuzzy=fuzzy)
    for key, keywords in groups.items():
        index.add(key, keywords, strength=strength)
    return index

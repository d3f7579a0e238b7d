"""Cargo classification: which restricted-goods categories a goods line belongs to.

Two independent readings of one line, the HS code (prefix match against each category's
chapters and headings) and the description (multilingual keywords, see
:mod:`service.rules.text`), so that a rule can act on either and GDS-07 can flag the
lines where they disagree ("diesel" declared as HS 3403, HS 2710 called "furniture").

Pure: built from the goods reference table by :meth:`GoodsClassifier.from_table`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from service.rules.text import KeywordIndex, fold, word_tokens

_NOT_DIGIT = re.compile(r"\D+")


def normalize_hs(code: Any) -> str:
    """Digits only: '2710.19.43' -> '27101943'; '' when nothing usable is given."""
    if code is None:
        return ""
    return _NOT_DIGIT.sub("", str(code))


T = TypeVar("T")


def line_memo(classify: Callable[[str | None, str], T]) -> Callable[[str | None, Any], T]:
    """``classify(description, HS code as digits)`` memoised on the line's raw
    (description, HS code): the same goods lines recur across transactions, and a
    bounded LRU keeps a flood of unseen lines from growing it."""

    @lru_cache(maxsize=20_000)
    def memo(description: str | None, hs_code: Any) -> T:
        return classify(description, normalize_hs(hs_code))

    return memo


def hs_agrees(code: str, prefixes: tuple[str, ...]) -> bool:
    """True when an HS code falls under (or above) one of the prefixes."""
    return any(code.startswith(p) or p.startswith(code) for p in prefixes if code)


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    title: str
    hs: tuple[str, ...]
    direction: str
    """to_dprk | from_dprk | both"""
    family: str = ""
    check_mismatch: bool = False
    review_hs: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    by_code: bool = True
    """False when the HS prefixes are too broad to name the category on their own
    (aviation fuel shares 2710 with diesel): then only its words classify a line."""


@dataclass(frozen=True, slots=True)
class Classification:
    """What one goods line is, read from its HS code and from its words."""

    hs: str
    by_code: tuple[str, ...]
    by_words: tuple[str, ...]
    strong_words: tuple[str, ...]
    found_words: tuple[str, ...]
    dual_use: tuple[str, ...]
    dual_use_words: tuple[str, ...]
    vague: bool
    mismatch: str
    """Why code and words disagree, or '' when they agree or cannot be compared."""

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.by_code, *self.by_words)))


class GoodsClassifier:
    """Classify goods lines into the restricted categories of the reference table."""

    def __init__(
        self,
        categories: dict[str, Category],
        words: KeywordIndex,
        dual_use: dict[str, tuple[str, ...]],
        dual_words: KeywordIndex,
        vague: frozenset[str],
    ) -> None:
        self.categories = categories
        self._words = words
        self._dual_use = dual_use
        self._dual_words = dual_words
        self._vague = vague
        self._code_cache: dict[str, tuple[str, ...]] = {}
        self._cache: dict[tuple[str | None, str], Classification] = {}

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> GoodsClassifier:
        categories: dict[str, Category] = {}
        words = KeywordIndex(fuzzy=True, not_typos=table.get("not_typos", ()))
        for raw in table["categories"]:
            cat = Category(
                id=raw["id"],
                title=raw["title"],
                hs=tuple(str(h) for h in raw["hs"]),
                direction=raw["direction"],
                family=raw.get("family", ""),
                check_mismatch=bool(raw.get("check_mismatch", False)),
                review_hs=tuple(str(h) for h in raw.get("review_hs", ())),
                sources=tuple(raw.get("sources", ())),
                by_code=bool(raw.get("by_code", True)),
            )
            categories[cat.id] = cat
            veto = raw.get("not_before", ())
            for strength in ("strong", "weak"):
                for keywords in raw.get(strength, {}).values():
                    words.add(cat.id, keywords, strength=strength, not_before=veto)
        dual_use: dict[str, tuple[str, ...]] = {}
        dual_words = KeywordIndex(fuzzy=True)
        for raw in table.get("dual_use", ()):
            dual_use[raw["id"]] = tuple(str(h) for h in raw.get("hs", ()))
            for keywords in raw.get("strong", {}).values():
                dual_words.add(raw["id"], keywords)
        vague = frozenset(
            " ".join(word_tokens(term))
            for terms in table.get("vague_terms", {}).values()
            for term in terms
        )
        return cls(categories, words, dual_use, dual_words, vague)

    def classify(self, description: str | None, hs_code: Any = None) -> Classification:
        """Classify one goods line (cached: the same lines recur across transactions)."""
        key = (description, normalize_hs(hs_code))
        found = self._cache.get(key)
        if found is None:
            found = self._classify(description, key[1])
            if len(self._cache) < 20_000:
                self._cache[key] = found
        return found

    def _classify(self, description: str | None, hs: str) -> Classification:
        by_code = self._by_code(hs)
        hits = self._words.search(description)
        by_words = tuple(dict.fromkeys(h.key for h in hits))
        strong = tuple(dict.fromkeys(h.key for h in hits if h.strength == "strong"))
        found = tuple(dict.fromkeys(h.found for h in hits))
        dual_hits = self._dual_words.search(description)
        dual = [h.key for h in dual_hits]
        dual += [d for d, prefixes in self._dual_use.items() if hs and _under(hs, prefixes)]
        return Classification(
            hs=hs,
            by_code=by_code,
            by_words=by_words,
            strong_words=strong,
            found_words=found,
            dual_use=tuple(dict.fromkeys(dual)),
            dual_use_words=tuple(dict.fromkeys(h.found for h in dual_hits)),
            vague=self._is_vague(description),
            mismatch=self._mismatch(description, hs, by_code, strong, found),
        )

    def _by_code(self, hs: str) -> tuple[str, ...]:
        if not hs:
            return ()
        cached = self._code_cache.get(hs)
        if cached is None:
            cached = tuple(
                c.id
                for c in self.categories.values()
                if c.by_code and _under(hs, c.hs + c.review_hs)
            )
            if len(self._code_cache) < 10_000:
                self._code_cache[hs] = cached
        return cached

    def family(self, category_ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(
                self.categories[c].family for c in category_ids if self.categories[c].family
            )
        )

    def _is_vague(self, description: str | None) -> bool:
        if not description:
            return False
        return " ".join(word_tokens(description)) in self._vague

    def _mismatch(
        self,
        description: str | None,
        hs: str,
        by_code: tuple[str, ...],
        strong: tuple[str, ...],
        found: tuple[str, ...],
    ) -> str:
        """GDS-07: a checked category on one side that the other side does not support."""
        if not hs or not description or not fold(description).strip():
            return ""
        for cid in strong:
            cat = self.categories[cid]
            if cat.check_mismatch and not hs_agrees(hs, cat.hs + cat.review_hs):
                words, wanted = ", ".join(found), "/".join(cat.hs)
                return f"description says {cat.title.lower()} ({words}) but HS {hs} is not {wanted}"
        if self._is_vague(description) or len(hs) < 4:
            return ""
        for cid in by_code:
            cat = self.categories[cid]
            if not cat.check_mismatch:
                continue
            related = {c for c in strong if self._related(c, cat)}
            if not related:
                return f"HS {hs} is {cat.title.lower()} but the description does not say so"
        return ""

    def _related(self, other_id: str, cat: Category) -> bool:
        other = self.categories[other_id]
        if other.id == cat.id or (cat.family and other.family == cat.family):
            return True
        return any(hs_agrees(h, cat.hs) for h in other.hs)


def _under(hs: str, prefixes: tuple[str, ...]) -> bool:
    """HS prefix match; a 2-digit code only counts against chapter-level prefixes."""
    return any(hs.startswith(p) or (len(hs) >= 4 and p.startswith(hs)) for p in prefixes)

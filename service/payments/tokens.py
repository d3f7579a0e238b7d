"""Free text as canonical tokens with the offsets of the words they came from.

The scanner and its index read text alike: each word goes through the core's normaliser
and the same legal-form and spelling tables the matcher uses. Pure (a per-process cache
of word -> tokens aside).
"""

from __future__ import annotations

import re

from service.core.lexicon import LEGAL_FORMS, VARIANTS
from service.core.normalize import tokens as core_tokens

_WORD = re.compile(r"\w+(?:[.'’]\w+)*", re.UNICODE)
# (a BIC or an IMO number is one such word: KKBCKPPYXXX, IMO9187629)
"""A word as the core's normaliser sees one: initialisms and O'Brien stay whole."""
_CACHE_LIMIT = 200_000

_Tok = tuple[str, int, int, str]
"""(canonical token, start, end, word): a plain tuple, built ~20 times per field."""


def canonical(token: str) -> str:
    """The canonical form of one text token, as list names are indexed."""
    return LEGAL_FORMS.get(token) or VARIANTS.get(token, token)


def tokenize(text: str) -> list[_Tok]:
    """Canonical tokens of ``text`` with the character offsets of the word each came
    from (the core's normaliser on each word, so both sides read text alike)."""
    out: list[_Tok] = []
    append = out.append
    cache = _WORD_CACHE
    for m in _WORD.finditer(text):
        word = m.group()
        canon = cache.get(word)
        if canon is None:
            canon = tuple(canonical(t) for t in core_tokens(word))
            if len(cache) < _CACHE_LIMIT:
                cache[word] = canon
        start, end = m.span()
        for c in canon:
            append((c, start, end, word))
    return out


_WORD_CACHE: dict[str, tuple[str, ...]] = {}
"""Word -> canonical tokens: a pure function of the word, remembered per process."""

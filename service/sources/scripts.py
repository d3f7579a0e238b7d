"""Which writing system a published name is in, for publishers that do not say.

The EU export gives a name's language (``nameLanguage="RU"``) but not its script; the
matcher and the explanation treat a non-Latin name as an original-script form of the
Latin one, so parsers label it from the letters themselves.
"""

from __future__ import annotations

import unicodedata

_RENAMED = {"Cjk": "Han", "Hiragana": "Japanese", "Katakana": "Japanese"}


def script_of(text: str) -> str | None:
    """The script of the first non-Latin letter (``Cyrillic``, ``Arabic``, ``Han``...);
    None for a name in Latin letters only."""
    for char in text:
        if not char.isalpha() or char.isascii():
            continue
        word = unicodedata.name(char, "").split(" ", 1)[0].capitalize()
        if word and word != "Latin":
            return _RENAMED.get(word, word)
    return None

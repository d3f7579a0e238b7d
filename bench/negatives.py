"""Innocent person names built the way each culture builds them, for the accuracy bench.

Real forename and surname tables per country (``../shared/data/eval/negatives/``, read
in place) combined per naming custom, in the romanisations payments carry:

- ``arabic``: given name + father's + grandfather's (male names of Arab countries),
  sometimes with bin/ibn or a family name from a nisba, in several spellings.
- ``chinese``: mainland (pinyin), Taiwanese (Wade-Giles) and Cantonese surnames with
  given names written joined, hyphenated or split, family-first or given-first.
- ``east_slavic``: Russian, Ukrainian and Belarusian given names, a patronymic or not,
  surnames agreeing with the gender, in more than one romanisation.
- ``persian``: Iranian given names with patronymic surnames (-i, -zadeh, -pour, -ian,
  -nejad, -far) built on a given name.
- ``korean``: Korean surnames in their several romanisations with hyphenated, joined
  or split given names, either order.
- ``other``: forename + surname of the same country for every other country.

Every generator is seeded; the same seed gives the same names.
"""

from __future__ import annotations

import csv
import random
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

NEGATIVES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "eval" / "negatives"

ARAB = ("AE", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "SA", "TN")
SLAVIC = ("RU", "UA", "BY")
CHINESE = ("CN", "TW")
SPECIAL = set(ARAB + SLAVIC + CHINESE + ("IR", "KR"))
CULTURES = ("arabic", "chinese", "east_slavic", "persian", "korean", "other")


def _csv(name: str) -> Iterator[dict[str, str]]:
    with (NEGATIVES / name).open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class Tables:
    """Forenames (by country and gender) and surnames (by country), romanised."""

    def __init__(self) -> None:
        self.fore: dict[tuple[str, str], list[str]] = {}
        self.sur: dict[str, list[str]] = {}
        for row in _csv("common-forenames-by-country.csv"):
            name = row["Romanized Name"].strip()
            if name:
                self.fore.setdefault((row["Country"], row["Gender"]), []).append(name)
        for row in _csv("common-surnames-by-country.csv"):
            name = row["Romanized Name"].strip()
            if name:
                self.sur.setdefault(row["Country"], []).append(name)
        for names in (*self.fore.values(), *self.sur.values()):
            names[:] = sorted(set(names), key=names.index)

    def given(self, rng: random.Random, countries: tuple[str, ...], gender: str) -> str:
        pools = [self.fore[(c, gender)] for c in countries if (c, gender) in self.fore]
        return rng.choice(rng.choice(pools))


def _arabic(t: Tables, rng: random.Random) -> tuple[str, str]:
    gender = "M" if rng.random() < 0.75 else "F"
    cc = rng.choice(ARAB)
    given = t.given(rng, (cc,) if (cc, gender) in t.fore else ARAB, gender)
    father = t.given(rng, ARAB, "M")
    grand = t.given(rng, ARAB, "M")
    link = rng.choice(["", "", "", "bin ", "ibn ", "Ben "]) if gender == "M" else ""
    parts = [given, f"{link}{father}", grand]
    if rng.random() < 0.3:
        parts[2] = rng.choice(["Al-", "Al ", "El-", "al "]) + grand
    if rng.random() < 0.2:
        parts.pop(2)
    return " ".join(parts), cc


def _syllables(given: str, rng: random.Random) -> str:
    """A two-syllable given name written hyphenated, joined, split or title-cased."""
    plain = _ascii(given).replace("'", "")
    if "-" not in plain:
        return plain
    a, _, b = plain.partition("-")
    return rng.choice([f"{a}-{b.lower()}", f"{a}{b.lower()}", f"{a} {b.capitalize()}"])


def _chinese(t: Tables, rng: random.Random) -> tuple[str, str]:
    cc = rng.choice(CHINESE)
    surname = _ascii(rng.choice(t.sur[cc])).replace("'", rng.choice(["", "'"]))
    given = _syllables(t.given(rng, CHINESE, rng.choice("MF")), rng)
    if rng.random() < 0.5:
        return f"{surname} {given}", cc
    return (f"{given} {surname}" if rng.random() < 0.7 else f"{surname.upper()}, {given}"), cc


_SLAVIC_SPELLINGS = [("ev", "yev"), ("kh", "h"), ("iy", "y"), ("y", "i"), ("ii", "y")]


def _feminine(surname: str) -> str:
    low = surname.lower()
    for male, female in (("skiy", "skaya"), ("sky", "skaya"), ("skyi", "ska"), ("ov", "ova")):
        if low.endswith(male):
            return surname[: len(surname) - len(male)] + female
    for male in ("ev", "in", "ou", "ow"):
        if low.endswith(male):
            return surname + "a" if male in ("ev", "in") else surname[:-1] + "va"
    return surname


def _patronymic(father: str, gender: str) -> str:
    stem = father[:-1] if father[-1] in "iyoa" else father
    vowel = "e" if father[-1] in "iy" else "o"
    return stem + (f"{vowel}vich" if gender == "M" else f"{vowel}vna")


def _east_slavic(t: Tables, rng: random.Random) -> tuple[str, str]:
    cc = rng.choice(SLAVIC)
    gender = rng.choice("MF")
    given = t.given(rng, (cc,), gender)
    surname = _ascii(rng.choice(t.sur[cc])).replace("ŭ", "u")
    if gender == "F":
        surname = _feminine(surname)
    if rng.random() < 0.4:
        a, b = rng.choice(_SLAVIC_SPELLINGS)
        surname = surname.replace(a, b, 1)
    parts = [given, surname]
    if rng.random() < 0.4:
        parts.insert(1, _patronymic(t.given(rng, (cc,), "M"), gender))
    if rng.random() < 0.3:
        return f"{parts[-1].upper()}, {' '.join(parts[:-1])}", cc
    return " ".join(parts), cc


_PERSIAN_SUFFIX = ["i", "i", "zadeh", "pour", "ian", "nejad", "far", "vand", "ipour"]


def _persian(t: Tables, rng: random.Random) -> tuple[str, str]:
    gender = "M" if rng.random() < 0.7 else "F"
    given = t.given(rng, ("IR",), gender)
    base = t.given(rng, ("IR",), "M").split("-")[-1].replace("'", "")
    suffix = rng.choice(_PERSIAN_SUFFIX)
    stem = base[:-1] if base[-1] in "aeiy" and suffix[0] in "aeiy" else base
    surname = stem + suffix
    if rng.random() < 0.3:
        given = f"{given} {t.given(rng, ('IR',), gender)}"
    return (f"{given} {surname}" if rng.random() < 0.8 else f"{surname}, {given}"), "IR"


def _korean(t: Tables, rng: random.Random) -> tuple[str, str]:
    surname = _ascii(rng.choice(t.sur["KR"]))
    given = _syllables(t.given(rng, ("KR",), rng.choice("MF")), rng)
    return (f"{surname} {given}" if rng.random() < 0.6 else f"{given} {surname}"), "KR"


def _other(t: Tables, rng: random.Random) -> tuple[str, str]:
    countries = sorted({c for c, _ in t.fore} & set(t.sur) - SPECIAL)
    cc = rng.choice(countries)
    first = t.given(rng, (cc,), rng.choice("MF") if (cc, "F") in t.fore else "M")
    last = rng.choice(t.sur[cc])
    return (f"{first} {last}" if rng.random() < 0.8 else f"{last}, {first}"), cc


BUILDERS: dict[str, Callable[[Tables, random.Random], tuple[str, str]]] = {
    "arabic": _arabic,
    "chinese": _chinese,
    "east_slavic": _east_slavic,
    "persian": _persian,
    "korean": _korean,
    "other": _other,
}

SHARE = {"arabic": 0.2, "chinese": 0.15, "east_slavic": 0.15, "persian": 0.1, "korean": 0.1}
SHARE["other"] = 1.0 - sum(SHARE.values())


def person_negatives(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    """``n`` (name, culture, country) triples in the :data:`SHARE` proportions."""
    t = Tables()
    out: list[tuple[str, str, str]] = []
    for culture in CULTURES:
        want = round(SHARE[culture] * n) if culture != "other" else n - len(out)
        out += [(*BUILDERS[culture](t, rng), culture) for _ in range(want)]
    return [(name, culture, cc) for name, cc, culture in out]


if __name__ == "__main__":
    r = random.Random(1)
    for name, culture, cc in person_negatives(r, 60):
        print(f"{culture:12} {cc} {name}")

"""Country text -> ISO alpha-2: codes, English names and the variants publishers use."""

from __future__ import annotations

import pytest

from service.core.countries import country_name, resolve_country


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("SG", "SG"),
        ("sg", "SG"),
        ("IRN", "IR"),
        ("Singapore", "SG"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Iran", "IR"),
        ("Iran (Islamic Republic of)", "IR"),
        ("North Korea", "KP"),
        ("Korea, North", "KP"),
        ("Democratic People's Republic of Korea", "KP"),
        ("Korea, South", "KR"),
        ("Syria", "SY"),
        ("Syrian Arab Republic", "SY"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("USA", "US"),
        ("United States", "US"),
        ("Burma", "MM"),
        ("Cote d'Ivoire", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("Cote d Ivoire", "CI"),
        ("Congo, Democratic Republic of the", "CD"),
        ("Bahamas, The", "BS"),
        ("Man, Isle of", "IM"),
        ("Region: Crimea", "UA"),
        ("Region: Gaza", "PS"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("  venezuela  ", "VE"),
        ("Hong Kong", "HK"),
        ("Kosovo", "XK"),
        ("Former USSR, now Ukraine", "UA"),
        ("Former USSR Currently Belarus", "BY"),
        ("Occupied Palestinian Territories", "PS"),
    ],
)
def test_resolves(text, code):
    assert resolve_country(text) == code


@pytest.mark.parametrize("text", ["Korea", "korea", "", None, "Atlantis", "undetermined", "-0-"])
def test_ambiguous_or_unknown_is_none(text):
    assert resolve_country(text) is None


def test_every_country_in_the_ofac_address_file_style_resolves():
    published = [
        "Netherlands",
        "Virgin Islands, British",
        "Saint Kitts and Nevis",
        "Macau",
        "North Macedonia, The Republic of",
        "Palestinian",
        "West Bank",
        "Laos",
    ]
    assert all(resolve_country(name) for name in published)


def test_country_name():
    assert (
        country_name("KP") == "North Korea"
        or country_name("KP") == "Korea, Democratic People's Republic of"
    )
    assert country_name("de") == "Germany"
    assert country_name("XK") == "Kosovo"
    assert country_name("ZZ") is None
    assert country_name(None) is None

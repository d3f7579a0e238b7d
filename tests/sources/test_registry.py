"""The source registry: the bundled file and the checks on override files."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.settings import Settings
from service.sources import KNOWN_LISTS
from service.sources.registry import DEFAULT_REGISTRY, RegistryError, load_registry, registry_for

GOOD_ENTRY = """
[un]
title = "UN list"
publisher = "UN"
licence = "open"

[un.files]
"consolidated.xml" = "https://example.org/consolidated.xml"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_registry_covers_every_known_list() -> None:
    registry = load_registry()
    assert registry.path == DEFAULT_REGISTRY
    assert tuple(s.list_id for s in registry) == KNOWN_LISTS


def test_bundled_registry_enables_the_current_official_lists_only() -> None:
    registry = load_registry()
    enabled = [s.list_id for s in registry.enabled]
    assert enabled == ["ofac_sdn", "ofac_cons", "un", "eu", "uk_sl"]
    assert not registry.get("us_csl").enabled  # its OFAC rows would double every OFAC hit
    assert registry.get("eu").files[0].url.endswith("content?token=dG9rZW4tMjAxNw")
    assert registry.get("uk_sl").files[0].url == (
        "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"
    )
    assert not registry.get("uk_ofsi").enabled  # retired 28 January 2026
    assert registry.get("us_csl").files[0].url == (
        "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"
    )


def test_bundled_registry_uses_official_https_urls_and_names() -> None:
    registry = load_registry()
    sdn = registry.get("ofac_sdn")
    assert [f.name for f in sdn.files] == ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"]
    assert all(f.url.startswith("https://sanctionslistservice.ofac.treas.gov/") for f in sdn.files)
    assert registry.get("un").files[0].url == (
        "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
    )
    assert all(s.licence and s.publisher and s.title for s in registry)


def test_override_file_is_read_and_defaults_enabled(tmp_path: Path) -> None:
    registry = load_registry(write(tmp_path, GOOD_ENTRY))
    source = registry.get("un")
    assert source.enabled is True
    assert source.files[0].name == "consolidated.xml"
    assert "un" in registry and "eu" not in registry


def test_unknown_list_names_the_known_ones(tmp_path: Path) -> None:
    registry = load_registry(write(tmp_path, GOOD_ENTRY))
    with pytest.raises(KeyError, match="known: un"):
        registry.get("eu")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[un\n", "not valid TOML"),
        ('[un]\ntitle = "x"\n', "missing publisher, files"),
        (GOOD_ENTRY.replace("https://", "ftp://"), "http"),
        (GOOD_ENTRY.replace('"consolidated.xml" =', '"../escape.xml" ='), "bad file name"),
        (GOOD_ENTRY.replace('licence = "open"', 'enabled = "yes"'), "true or false"),
    ],
)
def test_bad_registry_files_are_rejected(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(RegistryError, match=message):
        load_registry(write(tmp_path, text))


def test_missing_registry_file_is_a_registry_error(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="cannot read"):
        load_registry(tmp_path / "absent.toml")


def test_registry_for_settings_prefers_the_reference_folder_copy(tmp_path: Path) -> None:
    settings = Settings(reference_dir=tmp_path)
    assert registry_for(settings).path == DEFAULT_REGISTRY
    own = write(tmp_path, GOOD_ENTRY)
    assert list(registry_for(settings).sources) == ["un"]
    assert registry_for(settings, DEFAULT_REGISTRY).path == DEFAULT_REGISTRY != own

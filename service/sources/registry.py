"""The registry of list sources: where each official list is downloaded from.

It is data (``lists/sources.toml``), not code, so an operator can point a list at a
mirror or a fresh EU token by supplying another file instead of patching the service.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from service.settings import BUNDLED_LISTS, Settings

DEFAULT_REGISTRY = BUNDLED_LISTS / "sources.toml"
"""The bundled registry, used when no override path is given."""

_REQUIRED = ("title", "publisher", "files")


class RegistryError(ValueError):
    """The registry file is missing, not TOML, or a source entry is incomplete."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One publisher file: its official name in the list folder and its download URL."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Source:
    """One list as published: who publishes it, from which URLs (the parser is chosen by
    the files' names, see ``service.sources``)."""

    list_id: str
    title: str
    publisher: str
    files: tuple[SourceFile, ...]
    enabled: bool = True
    licence: str = ""
    homepage: str = ""


@dataclass(frozen=True)
class Registry:
    """All known sources by list id, in the order the registry file gives them."""

    sources: Mapping[str, Source]
    path: Path | None = None

    def __iter__(self) -> Iterator[Source]:
        return iter(self.sources.values())

    def __contains__(self, list_id: object) -> bool:
        return list_id in self.sources

    def get(self, list_id: str) -> Source:
        """The source for ``list_id``; ``KeyError`` names the known ids when unknown."""
        try:
            return self.sources[list_id]
        except KeyError:
            known = ", ".join(self.sources)
            raise KeyError(f"unknown list {list_id!r} (known: {known})") from None

    @property
    def enabled(self) -> tuple[Source, ...]:
        """Sources a plain ``lists update`` downloads."""
        return tuple(s for s in self.sources.values() if s.enabled)


def load_registry(path: Path | None = None) -> Registry:
    """Read a registry TOML file (default: the bundled ``lists/sources.toml``)."""
    path = path or DEFAULT_REGISTRY
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RegistryError(f"cannot read source registry {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"source registry {path} is not valid TOML: {exc}") from exc
    return registry_from_mapping(data, path=path)


def registry_for(settings: Settings, path: Path | None = None) -> Registry:
    """The registry to use: ``path`` if given, else ``sources.toml`` in the reference
    folder (so a deployment with its own reference data brings its own sources), else
    the bundled one."""
    if path is None:
        beside = settings.reference_dir / "sources.toml"
        path = beside if beside.is_file() else DEFAULT_REGISTRY
    return load_registry(path)


def registry_from_mapping(data: Mapping[str, object], path: Path | None = None) -> Registry:
    """Build a registry from parsed TOML; tests and tools use it without a file."""
    sources: dict[str, Source] = {}
    for list_id, entry in data.items():
        if not isinstance(entry, Mapping):
            raise RegistryError(f"source {list_id!r}: expected a table, got {entry!r}")
        sources[list_id] = _source(list_id, entry)
    return Registry(MappingProxyType(sources), path)


def _source(list_id: str, entry: Mapping[str, object]) -> Source:
    missing = [key for key in _REQUIRED if key not in entry]
    if missing:
        raise RegistryError(f"source {list_id!r}: missing {', '.join(missing)}")
    files = entry["files"]
    if not isinstance(files, Mapping) or not files:
        raise RegistryError(f"source {list_id!r}: 'files' must map file names to URLs")
    for name, url in files.items():
        _check_file(list_id, name, url)
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        raise RegistryError(f"source {list_id!r}: 'enabled' must be true or false")
    return Source(
        list_id=list_id,
        title=str(entry["title"]),
        publisher=str(entry["publisher"]),
        files=tuple(SourceFile(name, url) for name, url in files.items()),
        enabled=enabled,
        licence=str(entry.get("licence", "")),
        homepage=str(entry.get("homepage", "")),
    )


def _check_file(list_id: str, name: str, url: object) -> None:
    """File names become paths on disk, so refuse anything that could escape the folder."""
    if not name or name in {".", ".."} or "/" in name or "\\" in name:
        raise RegistryError(f"source {list_id!r}: bad file name {name!r}")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise RegistryError(f"source {list_id!r}: file {name!r} needs an http(s) URL")

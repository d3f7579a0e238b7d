"""The versioned on-disk store of downloaded lists.

Layout under ``<data_dir>/lists/<list_id>/``::

    versions/<version>/<official files>   one folder per stored version
    versions/<version>.json               its manifest (files, hashes, counts)
    versions/<version>.changes.json       what changed from the version before it
    active                                name of the version being served
    status.json                           last update attempt and refusal

Versions are written complete into a staging folder and renamed into place; only then
is ``active`` swapped, atomically. A reader therefore always finds a whole version, and
a refused or crashed update leaves the previous one serving.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from service.settings import Settings
from service.store.files import read_json, write_atomic, write_json

KEEP_PREVIOUS = 3
"""Stored versions kept besides the active one, for inspection and manual rollback."""

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def store_root(settings: Settings) -> Path:
    """Folder holding one subfolder per downloaded list."""
    return settings.data_dir / "lists"


@dataclass(frozen=True, slots=True)
class StoredFile:
    """One publisher file inside a stored version."""

    url: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a stored version holds, written beside it so nothing needs re-parsing."""

    list_id: str
    version: str
    name: str
    """Folder name under ``versions/`` (the version made file-system safe)."""
    stored_at: str
    entity_count: int
    name_count: int
    source: str = ""
    """Download URL of the list's main file: where this version came from."""
    files: Mapping[str, StoredFile] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["files"] = {name: asdict(f) for name, f in self.files.items()}
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Manifest:
        files = {name: StoredFile(**f) for name, f in data.get("files", {}).items()}
        return cls(**{**data, "files": files})


class ListStore:
    """Stored versions of one list and the pointer to the one being served."""

    def __init__(self, root: Path, list_id: str) -> None:
        self.list_id = list_id
        self.dir = root / list_id
        self.versions_dir = self.dir / "versions"

    @property
    def status_path(self) -> Path:
        return self.dir / "status.json"

    @property
    def lock_path(self) -> Path:
        return self.dir / ".lock"

    def active_name(self) -> str | None:
        """Folder name of the active version, if one is active and still present."""
        try:
            name = (self.dir / "active").read_text(encoding="utf-8").strip()
        except OSError:
            return None
        return name if name and (self.versions_dir / name).is_dir() else None

    def active_dir(self) -> Path | None:
        name = self.active_name()
        return self.versions_dir / name if name else None

    def active_manifest(self) -> Manifest | None:
        name = self.active_name()
        return self.manifest(name) if name else None

    def manifest(self, name: str) -> Manifest | None:
        data = read_json(self.versions_dir / f"{name}.json")
        try:
            return Manifest.from_json(data) if data else None
        except TypeError:
            return None

    def manifests(self) -> list[Manifest]:
        """Every stored version with a readable manifest, oldest first."""
        found = (self.manifest(p.name) for p in self.versions_dir.glob("*") if p.is_dir())
        return sorted((m for m in found if m), key=lambda m: m.stored_at)

    def staging(self) -> Path:
        """A fresh, empty folder on the store's file system to download into."""
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=self.dir, prefix=".staging-"))

    def discard_staging(self) -> None:
        """Remove staging folders; call only while holding the list's update lock."""
        for leftover in self.dir.glob(".staging-*"):
            shutil.rmtree(leftover, ignore_errors=True)

    def store(self, staging: Path, manifest: Manifest) -> Manifest:
        """Move a fully downloaded and parsed staging folder into ``versions/``."""
        name = self._free_name(manifest.version)
        stored = Manifest.from_json({**manifest.to_json(), "name": name})
        staging.rename(self.versions_dir / name)
        write_json(self.versions_dir / f"{name}.json", stored.to_json())
        return stored

    def activate(self, name: str) -> None:
        """Point ``active`` at a stored version, atomically."""
        if not (self.versions_dir / name).is_dir():
            raise FileNotFoundError(f"{self.list_id}: no stored version {name!r}")
        write_atomic(self.dir / "active", name + "\n")

    def prune(self, keep: int = KEEP_PREVIOUS) -> list[str]:
        """Delete all but the active version and the ``keep`` newest others."""
        active = self.active_name()
        others = [m.name for m in self.manifests() if m.name != active]
        doomed = others[: max(len(others) - keep, 0)]
        for name in doomed:
            shutil.rmtree(self.versions_dir / name, ignore_errors=True)
            (self.versions_dir / f"{name}.json").unlink(missing_ok=True)
            (self.versions_dir / f"{name}.changes.json").unlink(missing_ok=True)
        return doomed

    def _free_name(self, version: str) -> str:
        """A folder name for ``version`` not yet taken (a re-issue keeps both)."""
        base = _UNSAFE.sub("-", version).strip(".-") or "version"
        name, n = base, 1
        while (self.versions_dir / name).exists():
            n += 1
            name = f"{base}.{n}"
        return name


def stored_lists(root: Path) -> list[str]:
    """List ids that have a folder in the store."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))

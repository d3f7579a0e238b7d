"""The server secret: made once, owner-only, the same for every process of a deployment."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from service.records.secret import SECRET_FILE, derived_key, server_secret, write_private


def test_made_once_owner_only_and_stable(tmp_path: Path) -> None:
    with ThreadPoolExecutor(8) as pool:
        secrets = set(pool.map(lambda _: server_secret(tmp_path / "data"), range(16)))
    assert len(secrets) == 1 and len(secrets.pop()) == 32
    path = tmp_path / "data" / SECRET_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in (tmp_path / "data").iterdir()] == [SECRET_FILE]  # no drafts left


def test_one_key_per_purpose() -> None:
    assert derived_key(b"s" * 32, "api-key") != derived_key(b"s" * 32, "console-session")


def test_a_damaged_file_is_refused(tmp_path: Path) -> None:
    write_private(tmp_path / SECRET_FILE, "short\n")
    with pytest.raises(ValueError, match="not a server secret"):
        server_secret(tmp_path)
    with pytest.raises(FileExistsError):
        write_private(tmp_path / SECRET_FILE, "again")

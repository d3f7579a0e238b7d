"""The server secret: 32 random bytes in the data folder, readable by its owner only.

API keys are stored as HMAC-SHA256 of this secret (a stolen database alone cannot test
key guesses), purge checkpoints are signed with it, and console sessions derive their
signing key from it. Every process of a deployment (API, workers, CLI) must see the
same data folder; losing the file invalidates every API key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

SECRET_FILE = "server-secret"


def server_secret(data_dir: Path) -> bytes:
    """The deployment's secret, created on first use (race-safe across processes)."""
    path = data_dir / SECRET_FILE
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    # Written aside, then linked into place: a reader never sees a half-written file.
    draft = data_dir / f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
    write_private(draft, secrets.token_hex(32) + "\n")
    try:
        os.link(draft, path)
    except FileExistsError:
        pass  # another process won the race: use its secret
    finally:
        draft.unlink()
    return _read(path)


def derived_key(secret: bytes, purpose: str) -> bytes:
    """A separate key per purpose, so one use can never be replayed as another."""
    return hmac.new(secret, purpose.encode(), hashlib.sha256).digest()


def write_private(path: Path, text: str) -> None:
    """Create ``path`` readable and writable by its owner only; fails if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def _read(path: Path) -> bytes:
    text = path.read_text(encoding="utf-8").strip()
    if len(text) < 64:
        raise ValueError(f"{path} is not a server secret (expected 64 hex digits)")
    return bytes.fromhex(text)

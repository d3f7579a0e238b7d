"""First start: an admin key for tenant ``default``, from the environment or a private file."""

from __future__ import annotations

import stat
from pathlib import Path

from service.auth import KeyAuthenticator, bootstrap, create_user
from service.auth.bootstrap import KEY_FILE
from service.records import RecordsDatabase
from service.settings import Settings

CHOSEN = "ssk_" + "k" * 40


def test_a_random_key_goes_to_an_owner_only_file(
    records_db: RecordsDatabase, secret: bytes, tmp_path: Path, caplog
) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    done = bootstrap(records_db, settings, secret)
    assert done is not None and done.key_file == tmp_path / "data" / KEY_FILE
    key = done.key_file.read_text().strip()
    assert stat.S_IMODE(done.key_file.stat().st_mode) == 0o600
    assert key not in caplog.text and str(done.key_file) in caplog.text
    principal = KeyAuthenticator(records_db, secret).authenticate(key)
    assert (principal.tenant, principal.role) == ("default", "admin")
    assert bootstrap(records_db, settings, secret) is None  # only on first start


def test_the_environment_can_choose_the_key(
    records_db: RecordsDatabase, secret: bytes, tmp_path: Path, caplog
) -> None:
    settings = Settings(data_dir=tmp_path / "data", bootstrap_key=CHOSEN)
    done = bootstrap(records_db, settings, secret)
    assert done is not None and done.key_file is None
    assert not (tmp_path / "data" / KEY_FILE).exists()
    assert CHOSEN not in caplog.text and CHOSEN not in repr(settings)
    assert KeyAuthenticator(records_db, secret).authenticate(CHOSEN).role == "admin"


def test_no_bootstrap_once_a_user_exists(
    records_db: RecordsDatabase, secret: bytes, tmp_path: Path
) -> None:
    create_user(records_db, "admin", tenant="default", role="admin", password="x" * 16)
    assert bootstrap(records_db, Settings(data_dir=tmp_path / "data"), secret) is None

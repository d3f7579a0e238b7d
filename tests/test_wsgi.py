"""The WSGI entry point builds its app from the environment, once, at import.

Imported in a fresh interpreter with a chosen environment (nothing ``SCREENING_*`` leaks
in from the shell), exactly as gunicorn's master imports ``service.wsgi:app``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

KEY = "ssk_wsgi-probe-bootstrap-key-0123456789abcdef"
PROBE = """
import json
from service.wsgi import app, settings
client = app.test_client()
client.environ_base["HTTP_AUTHORIZATION"] = "Bearer " + settings.bootstrap_key
print(json.dumps({
    "lists_dir": str(settings.lists_dir) if settings.lists_dir else None,
    "healthz": client.get("/healthz").status_code,
    "readyz": client.get("/readyz").status_code,
    "sample": [i["sample"] for i in client.get("/v1/lists").get_json().get("lists", [])],
}))
"""


def import_wsgi(tmp_path: Path, **settings: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENING_")}
    env.update(SCREENING_DATA_DIR=str(tmp_path / "data"), SCREENING_BOOTSTRAP_KEY=KEY, **settings)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_lists_it_serves_the_bundled_sample_labelled_as_sample(tmp_path: Path) -> None:
    seen = import_wsgi(tmp_path)
    assert seen["lists_dir"] is None
    assert (seen["healthz"], seen["readyz"]) == (200, 200)
    assert seen["sample"] and all(seen["sample"])


def test_it_reads_the_environment_an_empty_lists_folder_is_not_ready(tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    seen = import_wsgi(tmp_path, SCREENING_LISTS_DIR=str(tmp_path / "lists"))
    assert seen["lists_dir"] == str(tmp_path / "lists")
    assert (seen["healthz"], seen["readyz"]) == (200, 503)

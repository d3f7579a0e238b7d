"""``run(*args)``: the ``screening`` command in-process, on a private data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main


@pytest.fixture
def run(tmp_path: Path):
    env = {"SCREENING_DATA_DIR": str(tmp_path / "data"), "SCREENING_DATABASE_URL": ""}

    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(main, list(args), env=env, input=input)

    return invoke

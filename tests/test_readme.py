"""The README's test command is the one CI runs, so the README cannot drift from CI."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Run the whole test suite**", 1)[1]
    return section.split("```sh\n", 1)[1].split("\n", 1)[0].strip()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _test_command() in ci.splitlines()


def test_readme_documents_every_setting() -> None:
    from dataclasses import fields

    from service.settings import Settings

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [f.name for f in fields(Settings) if f"SCREENING_{f.name.upper()}" not in readme]
    assert missing == []

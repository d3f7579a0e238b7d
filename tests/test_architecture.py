"""The layering rules, checked on the source: pure core and rules, jobs without Flask.

``service/core`` and ``service/rules`` are pure (no web, queue or storage imports) so they
can be tested and reused alone; ``service/jobs`` runs in RQ workers and must not drag
Flask in. An AST walk sees every import, including ones inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICE = Path(__file__).resolve().parents[1] / "service"

IMPURE = ("flask", "flask_smorest", "redis", "rq", "marshmallow", "webargs", "gunicorn")
OUR_OUTER_LAYERS = ("service.api", "service.store", "service.jobs", "service.batch")

FORBIDDEN = {
    "core": IMPURE + OUR_OUTER_LAYERS + ("service.rules", "service.screening"),
    "rules": IMPURE + OUR_OUTER_LAYERS,
    "jobs": ("flask", "flask_smorest", "marshmallow", "webargs", "service.api"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def violations(package: str) -> list[str]:
    banned = FORBIDDEN[package]
    bad = []
    for path in sorted((SERVICE / package).rglob("*.py")):
        for module in imported_modules(path):
            if any(module == b or module.startswith(b + ".") for b in banned):
                bad.append(f"{path.relative_to(SERVICE.parent)} imports {module}")
    return bad


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layer_imports_nothing_forbidden(package: str) -> None:
    assert (SERVICE / package).is_dir()
    assert violations(package) == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("def f():\n    from flask import g\n    import redis.client\n")
    assert imported_modules(sample) == {"flask", "redis.client"}


def test_only_the_api_imports_flask() -> None:
    outside = [
        f"{path.relative_to(SERVICE.parent)}"
        for path in SERVICE.rglob("*.py")
        if "api" not in path.relative_to(SERVICE).parts[:1]
        and any(m.split(".")[0] in ("flask", "flask_smorest") for m in imported_modules(path))
    ]
    assert outside == []

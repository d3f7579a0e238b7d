"""Tests mirror the source tree: every ``service`` module with logic has its own test module.

``service/<pkg>/<module>.py`` is tested by ``tests/<pkg>/test_<module>.py``; a package's
``__init__.py`` with logic by ``tests/<pkg>/test_<pkg>.py``; a top-level module
``service/<module>.py`` by ``tests/test_<module>.py``. "Logic" means at least one function
or method with a body beyond a docstring, ``pass`` or ``...``: data tables, dataclasses
without methods and protocols need no test module of their own.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVICE = ROOT / "service"
TESTS = ROOT / "tests"


def is_stub(body: list[ast.stmt]) -> bool:
    """Only a docstring, ``pass`` or ``...``."""
    for stmt in body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            if isinstance(stmt.value.value, str) or stmt.value.value is Ellipsis:
                continue
        return False
    return True


def has_logic(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not is_stub(node.body)
        for node in ast.walk(tree)
    )


def mirror(path: Path) -> Path:
    """Where the test module of ``path`` (a file under ``service/``) belongs."""
    rel = path.relative_to(SERVICE)
    name = rel.parent.name if rel.name == "__init__.py" else rel.stem
    return TESTS.joinpath(*rel.parent.parts, f"test_{name}.py")


def unmirrored() -> list[str]:
    return [
        f"{path.relative_to(ROOT)} has no {mirror(path).relative_to(ROOT)}"
        for path in sorted(SERVICE.rglob("*.py"))
        if has_logic(path) and not mirror(path).is_file()
    ]


def test_every_module_with_logic_has_a_mirror_test_module() -> None:
    assert unmirrored() == []


def test_logic_is_told_from_data_and_stubs(tmp_path: Path) -> None:
    data = tmp_path / "data.py"
    data.write_text('"""A table."""\nWORDS = {"a": 1}\n\nclass P:\n    def f(self) -> int:\n'
                    '        """Doc."""\n        ...\n')  # fmt: skip
    code = tmp_path / "code.py"
    code.write_text("class C:\n    @property\n    def key(self) -> str:\n        return 'k'\n")
    assert (has_logic(data), has_logic(code)) == (False, True)


def test_mirror_paths_follow_the_source_tree() -> None:
    assert mirror(SERVICE / "core" / "matcher.py") == TESTS / "core" / "test_matcher.py"
    assert mirror(SERVICE / "sources" / "__init__.py") == TESTS / "sources" / "test_sources.py"
    assert mirror(SERVICE / "settings.py") == TESTS / "test_settings.py"

"""The layering rules, checked on the source: pure core and rules, jobs without Flask,
no import cycle anywhere in ``service/``.

``service/core``, ``service/rules`` and ``service/payments`` (message parsers, text
scanner) are pure (no web, queue or storage imports, no
settings, no clock or environment reads) so they can be tested and reused alone;
``service/jobs`` runs in RQ workers and must not drag Flask in. An AST walk sees every
import, including ones inside functions, where a cycle likes to hide.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICE = Path(__file__).resolve().parents[1] / "service"

IMPURE = ("flask", "flask_smorest", "redis", "rq", "marshmallow", "webargs", "gunicorn")
OUR_OUTER_LAYERS = ("service.api", "service.store", "service.jobs", "service.batch")

FORBIDDEN = {
    "core": IMPURE
    + OUR_OUTER_LAYERS
    + ("service.rules", "service.screening", "service.settings", "service.reference"),
    "rules": IMPURE
    + OUR_OUTER_LAYERS
    + ("service.screening", "service.settings", "service.reference", "os", "pathlib"),
    "payments": IMPURE
    + OUR_OUTER_LAYERS
    + ("service.screening", "service.settings", "service.reference", "os", "pathlib"),
    "jobs": ("flask", "flask_smorest", "marshmallow", "webargs", "service.api"),
    # The CLI and the workers use the records and credentials without the web layer.
    "records": ("flask", "flask_smorest", "marshmallow", "webargs", "service.api"),
    "auth": ("flask", "flask_smorest", "marshmallow", "webargs", "service.api"),
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


# --- purity: no clock, no environment ---------------------------------------------------

CLOCK_CALLS = frozenset({"now", "today", "utcnow", "time", "getenv"})
"""``datetime.now()``, ``date.today()``, ``time.time()``, ``os.getenv()``: the caller
passes today's date and the settings in instead."""


def impure_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in CLOCK_CALLS:
                hits.append(f"{node.lineno} .{node.func.attr}()")
        elif isinstance(node, ast.Attribute) and node.attr == "environ":
            hits.append(f"{node.lineno} .environ")
    return hits


@pytest.mark.parametrize("package", ["core", "rules", "payments"])
def test_pure_layers_read_no_clock_and_no_environment(package: str) -> None:
    found = {
        str(path.relative_to(SERVICE.parent)): impure_calls(path)
        for path in sorted((SERVICE / package).rglob("*.py"))
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_the_purity_checker_sees_the_clock(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("def f(ctx):\n    return ctx.today, date.today(), os.environ\n")
    assert impure_calls(sample) == ["2 .today()", "2 .environ"]


# --- import cycles ----------------------------------------------------------------------


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path, package: str = "service") -> dict[str, set[str]]:
    """Module -> the modules of ``package`` it imports (``from a import b`` counts as
    importing ``a.b`` when that is a module, else ``a``)."""
    base = root / package
    modules = {module_name(p, root): p for p in base.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [
                    f"{node.module}.{alias.name}"
                    if f"{node.module}.{alias.name}" in modules
                    else node.module
                    for alias in node.names
                ]
            else:
                continue
            edges.update(t for t in targets if t in modules and t != name)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_import_cycle_among_service_modules() -> None:
    assert cycles(import_graph(SERVICE.parent)) == []


def test_the_cycle_checker_sees_a_cycle_hidden_in_a_function(tmp_path: Path) -> None:
    pkg = tmp_path / "service"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from service.b import x\n")
    (pkg / "b.py").write_text("def f():\n    from service import a\n")
    (pkg / "c.py").write_text("import service.a\n")
    graph = import_graph(tmp_path)
    assert graph["service.b"] == {"service.a"}
    assert cycles(graph) == [["service.a", "service.b"]]

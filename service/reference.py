"""Read the rule and reference tables under ``lists/`` into the pure rule objects.

This is the only place that touches those files: ``lists/reference/*.yaml`` become a
:class:`~service.rules.tables.ReferenceData`, ``lists/rules/*.yaml`` a
:class:`~service.rules.model.RuleSet`. Both are immutable and built once per process
(gunicorn preloads them with the list index), so request handling never reads disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from service.rules.model import RuleSet, RuleSetError
from service.rules.tables import ReferenceData
from service.settings import Settings

RULESET_META = "ruleset.yaml"


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def load_reference(folder: Path) -> ReferenceData:
    """Every ``*.yaml`` in ``folder`` is one table, named after the file."""
    tables = {p.stem: _read(p) for p in sorted(folder.glob("*.yaml"))}
    return ReferenceData.from_tables(tables)


def load_ruleset(folder: Path, settings: Settings | None = None) -> RuleSet:
    """``ruleset.yaml`` holds version, config and sources; every other file a ``rules:`` list.

    Name-match thresholds come from the service settings (their defaults when none are
    given), never from the file, so that LST-01/02 agree with the single-name endpoint.
    """
    meta = _read(folder / RULESET_META)
    rules: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == RULESET_META:
            continue
        data = _read(path)
        if not isinstance(data.get("rules"), list):
            raise RuleSetError(f"{path}: expected a 'rules' list")
        # A file's ``tables`` (the reference tables its rules read) is each rule's default.
        shared = data.get("tables") or []
        rules.extend({"tables": shared, **rule} for rule in data["rules"])
    settings = settings or Settings()
    config = dict(meta.get("config", {}))
    config["review_threshold"] = settings.review_threshold
    config["block_threshold"] = settings.block_threshold
    return RuleSet.from_dicts({**meta, "config": config}, rules)


def load_all(settings: Settings) -> tuple[RuleSet, ReferenceData]:
    """The active rule set and reference data from ``settings.reference_dir``."""
    base = Path(settings.reference_dir)
    ruleset, reference = load_ruleset(base / "rules", settings), load_reference(base / "reference")
    unknown = {t for r in ruleset.rules for t in r.tables} - set(reference.versions)
    if unknown:
        raise RuleSetError(f"rules name reference tables that do not exist: {sorted(unknown)}")
    return ruleset, reference

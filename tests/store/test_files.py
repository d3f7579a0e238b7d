"""Crash-safe file primitives: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.store.files import read_json, write_atomic, write_json


def test_write_atomic_replaces_the_file_and_leaves_no_temporary_behind(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "current"
    write_atomic(path, "v1\n")
    write_atomic(path, "v2\n")
    assert path.read_text(encoding="utf-8") == "v2\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["current"]


def test_a_failed_write_keeps_the_old_content_and_removes_its_temporary(tmp_path: Path) -> None:
    path = tmp_path / "current"
    write_atomic(path, "good\n")
    with pytest.raises(TypeError):
        write_atomic(path, b"not text")  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "good\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current"]


def test_write_json_is_indented_sorted_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "status.json"
    write_json(path, {"b": 1, "a": [1, 2]})
    text = path.read_text(encoding="utf-8")
    assert text.index('"a"') < text.index('"b"') and text.endswith("}\n")
    assert read_json(path) == {"a": [1, 2], "b": 1}


@pytest.mark.parametrize(
    ("content", "why"),
    [(None, "absent"), ("{broken", "not JSON"), ("[1, 2]", "not an object"), ("", "empty")],
)
def test_read_json_answers_none_for_what_is_not_a_json_object(
    tmp_path: Path, content: str | None, why: str
) -> None:
    path = tmp_path / "status.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert read_json(path) is None, why


def test_read_json_reads_an_object(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"k": "v"}), encoding="utf-8")
    assert read_json(path) == {"k": "v"}

"""Settings come from SCREENING_* variables, typed, with explicit overrides winning."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.settings import Settings, SettingsError


def test_defaults_without_environment() -> None:
    settings = Settings.from_env({})
    assert settings.lists_dir is None
    assert settings.review_threshold <= settings.block_threshold
    assert settings.threshold <= settings.review_threshold
    assert settings.max_body_bytes > 0 and settings.workers >= 1


def test_each_type_is_parsed_from_its_variable() -> None:
    settings = Settings.from_env(
        {
            "SCREENING_LISTS_DIR": "/srv/lists",
            "SCREENING_WORKERS": "4",
            "SCREENING_BLOCK_THRESHOLD": "0.95",
            "SCREENING_LOG_JSON": "false",
            "SCREENING_REDIS_URL": "redis://127.0.0.1:6379/3",
        }
    )
    assert settings.lists_dir == Path("/srv/lists")
    assert settings.workers == 4
    assert settings.block_threshold == 0.95
    assert settings.log_json is False
    assert settings.redis_url == "redis://127.0.0.1:6379/3"


def test_empty_variable_means_default() -> None:
    assert Settings.from_env({"SCREENING_LISTS_DIR": "", "SCREENING_WORKERS": ""}) == Settings(
        data_dir=Settings.from_env({}).data_dir
    )


def test_overrides_win_over_environment() -> None:
    settings = Settings.from_env({"SCREENING_BIND": "0.0.0.0:80"}, bind="127.0.0.1:9")
    assert settings.bind == "127.0.0.1:9"


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("SCREENING_WORKERS", "two"),
        ("SCREENING_THRESHOLD", "high"),
        ("SCREENING_LOG_JSON", "maybe"),
    ],
)
def test_unparseable_value_names_the_variable(name: str, raw: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: raw})


def test_with_returns_a_changed_copy() -> None:
    base = Settings()
    changed = base.with_(workers=7)
    assert changed.workers == 7
    assert base.workers == Settings().workers
    assert changed.batches_path == changed.data_dir / "batches"


def test_optional_lists_and_max_age_from_env() -> None:
    from service.settings import Settings as S

    env = {"SCREENING_OPTIONAL_LISTS": "un, eu", "SCREENING_LIST_MAX_AGE_HOURS": "48"}
    settings = S.from_env(env)
    assert settings.optional_lists == ("un", "eu") and settings.list_max_age_hours == 48.0
    assert S.from_env({}).list_max_age_hours is None

"""Process settings: every ``SCREENING_*`` environment variable, parsed once.

Everything configurable lives here, with its default and the reason for it. The
rest of the code receives a :class:`Settings` object; nothing else reads the
environment, so tests build ``Settings(...)`` directly instead of patching globals.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""Repository root; the bundled data folder ``lists/`` sits beside the package."""

BUNDLED_LISTS = PROJECT_ROOT / "lists"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sanctions-screening"


@dataclass(frozen=True)
class Settings:
    """Typed, immutable settings. Field name ``foo_bar`` ↔ env ``SCREENING_FOO_BAR``."""

    # --- lists -------------------------------------------------------------
    lists_dir: Path | None = None
    """Folder with one subfolder per list id holding publisher files. When set it is
    authoritative: no loadable list there means 503, never the sample."""
    data_dir: Path = field(default_factory=_default_data_dir)
    """Where ``screening lists update`` keeps downloaded list versions."""
    reference_dir: Path = BUNDLED_LISTS
    """Our data folder: source registry, sample lists, rule and reference tables."""
    update_max_shrink: float = 0.2
    """A new list version that lost more than this share of entities is refused."""
    download_timeout: float = 60.0
    """Seconds per HTTP request when downloading lists (connect and read)."""
    optional_lists: tuple[str, ...] = ()
    """List ids (comma-separated) the service may run without. Every other configured or
    enabled list is required: one that cannot be loaded (and has no last good version)
    makes readiness and screening answer 503 naming it, never a clear from the rest."""
    list_max_age_hours: float | None = None
    """A list whose data is older than this (publication date, else download time) makes
    screening answer 503 naming it, so a broken update job cannot go unnoticed. Unset:
    no limit."""

    # --- matching ------------------------------------------------------------
    threshold: float = 0.70
    """Lowest score returned as a match when the request gives none."""
    review_threshold: float = 0.80
    """A best match at or above this makes the decision at least ``review``."""
    block_threshold: float = 0.97
    """A best match at or above this, uncontradicted, makes the decision ``block``."""
    max_matches: int = 10
    """Most matches returned per screened name."""
    name_memo: int = 32_768
    """Distinct query names per process whose name matches are remembered, so a name
    screened again (a customer file, a payment stream) costs only its evidence checks.
    About 1 kB each; 0 disables."""

    # --- HTTP --------------------------------------------------------------
    bind: str = "127.0.0.1:8000"
    workers: int = 2
    """gunicorn worker processes; the index is built once in the master (preload)."""
    max_body_bytes: int = 1_048_576
    """Largest JSON body accepted by the screening endpoints (413 above)."""
    reload_interval: float = 60.0
    """Seconds between checks, in the ``screening serve`` master, for new active list
    versions (or changed files in ``lists_dir``); a change is loaded and the workers are
    replaced without a restart. 0 disables the checks."""
    metrics_key: str | None = None
    """When set, ``GET /metrics`` wants ``Authorization: Bearer <key>``; unset: open."""
    rate_limit: str | None = None
    """Requests allowed per API key (or, without one, per client address), in
    flask-limiter syntax (``100/second;5000/minute``): 429 above. Unset: no limit."""
    log_level: str = "INFO"
    log_json: bool = True

    # --- Redis / batch -----------------------------------------------------
    redis_url: str | None = None
    """When set, batches go through RQ on this Redis; otherwise they run in-process."""
    redis_prefix: str = "screening"
    """Prefix of every Redis key we write, so several deployments can share a server."""
    batch_dir: Path | None = None
    """Where in-process batches keep uploads and results (default: data_dir/batches)."""
    batch_max_upload_bytes: int = 512 * 1024 * 1024
    batch_max_rows: int = 5_000_000
    batch_chunk_rows: int = 2_000
    batch_retention_seconds: int = 7 * 24 * 3600

    # --- records and auth ----------------------------------------------------
    database_url: str | None = None
    """SQLAlchemy URL of the records store (``postgresql+psycopg://...``); default an
    SQLite file in ``data_dir`` (nothing to install)."""
    retention_days: int = 1826
    """Screening records older than this are removed by ``screening audit purge``."""
    auth: str = "enabled"
    """``disabled`` serves without credentials (local work only; every response says so)."""
    bootstrap_key: str | None = field(default=None, repr=False)
    """The first admin key when no key and no user exist yet (containers, scripts);
    without it a random key is written to an owner-only file in ``data_dir``."""
    key_cache_seconds: float = 5.0
    """How long a worker remembers an API key's row; a revoked key stops working at most
    this much later. 0 looks every key up on every request."""
    login_max_failures: int = 5
    """Failed console logins in a row before the user is locked out."""
    login_lockout_seconds: int = 900
    """How long a locked-out user must wait."""
    idempotency_hours: int = 24
    """How long an ``Idempotency-Key`` answers with the first request's recorded answer."""

    # --- alerts --------------------------------------------------------------
    suppression_days: int = 365
    """How long a cleared false positive stays suppressed for its subject (unless the list
    entry changes or someone revokes it first)."""
    alert_service_levels: str = "high=4,medium=24,low=72"
    """Hours to decide an alert, per priority: its ``due_at``."""
    alert_reasons: str = (
        "name_only_match,different_date_of_birth,different_country,different_entity_type,"
        "different_identifier,confirmed_listed,other"
    )
    """The reason codes an analyst picks from (``GET /v1/alerts/reasons``)."""

    # --- webhooks ------------------------------------------------------------
    webhooks_allow_http: bool = False
    """Allow webhook URLs on loopback (``http`` or ``https``, development only). Without it
    only ``https`` to public addresses is accepted."""
    webhooks_allow_private: bool = False
    """Allow webhook targets in private networks (10/8, 172.16/12, 192.168/16, fc00::/7,
    100.64/10). Link-local and cloud metadata addresses are refused even then."""
    webhooks_timeout: float = 10.0
    """Seconds to connect to, and then to wait for, a webhook receiver."""
    webhooks_retry_hours: float = 24.0
    """How long a delivery is retried (exponential backoff) before it is marked failed."""
    webhooks_sweep_seconds: float = 5.0
    """Seconds between sweeps for due webhook deliveries (retries, and any a killed worker
    left), in ``screening worker`` with Redis, else in the API process."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Build settings from ``SCREENING_*`` variables; explicit overrides win."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"SCREENING_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            values[f.name] = _coerce(f.name, str(f.type), raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def with_(self, **changes: object) -> Settings:
        """Return a copy with some fields changed (tests, CLI flags)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def batches_path(self) -> Path:
        return self.batch_dir or (self.data_dir / "batches")

    @property
    def records_url(self) -> str:
        """The records store: ``database_url``, else SQLite in the data folder."""
        return self.database_url or f"sqlite:///{self.data_dir / 'records.db'}"

    @property
    def service_levels(self) -> dict[str, float]:
        """``alert_service_levels`` parsed: priority -> hours."""
        levels = {"high": 4.0, "medium": 24.0, "low": 72.0}
        for part in self.alert_service_levels.split(","):
            name, _, hours = part.partition("=")
            if name.strip() in levels and hours.strip():
                levels[name.strip()] = float(hours)
        return levels

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return tuple(r.strip() for r in self.alert_reasons.split(",") if r.strip())

    @property
    def auth_enabled(self) -> bool:
        return self.auth.strip().lower() != "disabled"


class SettingsError(ValueError):
    """An environment variable could not be parsed into its setting."""


def _coerce(name: str, type_name: str, raw: str) -> object:
    try:
        if "Path" in type_name:
            return Path(raw).expanduser()
        if type_name.startswith("tuple"):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        if type_name.startswith("bool"):
            return _as_bool(raw)
        if type_name.startswith("int"):
            return int(raw)
        if type_name.startswith("float"):
            return float(raw)
        return raw
    except ValueError as exc:
        raise SettingsError(f"SCREENING_{name.upper()}={raw!r}: {exc}") from exc


def _as_bool(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError("expected a boolean (true/false)")

"""``screening check NAME``: screen one name from a terminal, readable or as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from service.cli import lists_dir_option, pass_settings
from service.screening.entity_types import ENTITY_TYPES
from service.settings import Settings


@click.command()
@click.argument("name")
@click.option("--country", help="ISO alpha-2 code or English country name.")
@click.option(
    "--type",
    "entity_type",
    type=click.Choice(ENTITY_TYPES),
    help="Entity type.",
)
@click.option("--dob", "date_of_birth", help="Date of birth: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--list", "lists", multiple=True, help="Screen only this list id (repeatable).")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Lowest score shown.")
@lists_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON response.")
@pass_settings
def check(
    settings: Settings,
    name: str,
    country: str | None,
    entity_type: str | None,
    date_of_birth: str | None,
    lists: tuple[str, ...],
    threshold: float | None,
    lists_dir: Path | None,
    as_json: bool,
) -> None:
    """Screen one NAME against the lists and print the decision and matches."""
    from service.logs import configure_logging
    from service.screening import (
        InvalidScreenRequest,
        Screener,
        ScreeningUnavailable,
        ScreenRequest,
    )
    from service.store import NoListsLoaded, load_catalog

    if lists_dir is not None:
        settings = settings.with_(lists_dir=lists_dir)
    configure_logging(settings.with_(log_level="WARNING"), stream=sys.stderr)
    try:
        catalog = load_catalog(settings)
    except NoListsLoaded as exc:
        raise click.ClickException(f"screening unavailable: {exc}") from exc
    request = ScreenRequest(
        name=name,
        entity_type=entity_type,
        country=country,
        date_of_birth=date_of_birth,
        lists=lists or None,
        threshold=threshold,
    )
    try:
        result = Screener(catalog, settings).screen(request)
    except InvalidScreenRequest as exc:
        raise click.BadParameter(exc.message, param_hint=exc.field) from exc
    except ScreeningUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        from service.api.schemas.screening import ScreenResponseSchema

        click.echo(json.dumps(ScreenResponseSchema().dump(result), indent=2, ensure_ascii=False))
    else:
        click.echo(format_result(name, result))


_COLOURS = {"block": "red", "review": "yellow", "clear": "green"}


def format_result(name: str, result: Any) -> str:
    """A screening result as a few readable lines for a terminal."""
    decision = click.style(result.decision.upper(), fg=_COLOURS[result.decision], bold=True)
    lines = [f"{name}: {decision}", "", "Why:"]
    lines += [f"  - {reason['message']}" for reason in result.reasons]
    lines += ["", f"Matches ({len(result.matches)}):"]
    for match in result.matches:
        entity = match.entity
        tags = "; ".join(filter(None, [entity.entity_type, ", ".join(entity.programs)]))
        lines.append(
            f"  {match.score:.2f}  {entity.list}:{entity.source_id}  {entity.name}  [{tags}]"
        )
        lines.append(f"        matched {match.matched_name!r}; {_summary(match.explanation)}")
    if not result.matches:
        lines.append("  (none)")
    lines += ["", "Lists: " + ", ".join(f"{k} {v['version']}" for k, v in result.lists.items())]
    sample = [k for k, v in result.lists.items() if v["sample"]]
    if sample:
        warning = (
            f"WARNING: {', '.join(sample)} is our bundled SAMPLE list, not an official list. "
            "Run `screening lists update` or set SCREENING_LISTS_DIR."
        )
        lines.append(click.style(warning, fg="yellow", bold=True))
    return "\n".join(lines)


def _summary(explanation: Any, limit: int = 200) -> str:
    """One line from the matcher's explanation: band, token alignment, evidence."""
    if not explanation:
        return "no explanation"
    parts = [str(explanation["band"])] if explanation.get("band") else []
    aligned = [
        f"{a.get('query')}{'=' if a.get('method') == 'exact' else '~'}{a.get('list')}"
        + ("" if a.get("method") == "exact" else f" ({a.get('method')})")
        for a in explanation.get("alignment") or ()
        if isinstance(a, dict)
    ]
    if aligned:
        parts.append(", ".join(aligned))
    for key in ("unmatched_query", "unmatched_list"):
        if explanation.get(key):
            parts.append(f"{key.replace('_', ' ')}: {' '.join(map(str, explanation[key]))}")
    for key in ("corroborated", "contradicted"):
        fields = [str(e.get("field")) for e in explanation.get(key) or () if isinstance(e, dict)]
        if fields:
            parts.append(f"{key}: {', '.join(fields)}")
    if not parts:
        parts = [f"{k}={v}" for k, v in explanation.items() if isinstance(v, str | int | float)]
    text = "; ".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"

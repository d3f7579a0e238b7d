"""Golden output of the service layer: the same answers before and after a refactoring.

    python bench/golden.py [--lists-dir ../shared/data/lists] [--seed 7] > /tmp/golden.json

Runs a fixed, seeded set of inputs through the service layer and prints one canonical
JSON document (sorted keys; per-run ids and timestamps replaced by placeholders), so
that two runs can be compared with ``cmp``:

- ``accuracy``: the cases of ``bench/accuracy.py`` (same generator, same seed: the
  typologies, nicknames, IMO-only queries, native-script aliases and real negatives),
  each screened as a name through :class:`service.screening.Screener` over the real lists;
- ``context``: a few names with counterparty context, so the red-flag rules run too;
- ``transactions``: the scenarios of ``tests/transaction_scenarios.py`` through
  ``screen_transaction`` over the real lists and over the bundled sample;
- ``rules``: the inputs of ``bench/rules.py`` (facts and rule outcome with precomputed
  matches, and the "cold" requests with fresh words), with every fact and its evidence;
- ``http``: the HTTP serialisation, through the app with authentication on (as served)
  and a real API key created in the run's temporary records store the way
  ``screening keys create`` does: ``POST /v1/screen`` for the context names and every
  ``--http-every``-th accuracy case, ``POST /v1/screen/transaction`` for the scenarios,
  and a few problem documents (no key: 401; an invalid screening or transaction: 400).
  Status, headers, body and key order are kept; what differs on every run (screening
  ids, ``screened_at``, a problem's ``instance``, ``X-Request-ID``, alert ids) is
  replaced by a placeholder (:data:`PER_RUN_BODY`, :data:`PER_RUN_HEADERS`), so two runs
  of one tree are identical.

Not a benchmark: it times nothing. It is how a restructuring shows it changed nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from transaction_scenarios import SCENARIOS  # noqa: E402

from bench import accuracy  # noqa: E402
from bench import accuracy_data as data  # noqa: E402
from bench.rules import fresh_request  # noqa: E402
from service.core import Identifier, Match  # noqa: E402
from service.reference import load_all  # noqa: E402
from service.rules import evaluate, extract_facts  # noqa: E402
from service.rules.request import TransactionRequest  # noqa: E402
from service.settings import Settings  # noqa: E402
from service.store import load_catalog  # noqa: E402

PER_RUN_BODY = {
    "screening_id": "<screening id>",
    "screened_at": "<screened at>",
    "instance": "<problem instance>",
}
"""Body keys whose value is new on every run (random ids, the clock) -> placeholder."""
PER_RUN_HEADERS = {"X-Request-ID": "<request id>", "Screening-Alert": "<alert id>"}
"""Response headers whose value is new on every run -> placeholder."""

TODAY = date(2026, 11, 27)
"""The day ``bench/rules.py`` judges on; screenings use ``as_of`` so no answer drifts."""

CONTEXTS: tuple[tuple[str, str | None, dict[str, Any]], ...] = (
    (
        "Golden Harbour Property Management Pte Ltd",
        "SG",
        {
            "industry": "real estate management",
            "web_presence": "none",
            "physical_office": "none",
            "incorporation_date": "2026-06-20",
            "goods": [{"description": "diesel", "hs_code": "2710", "value": 6900000}],
        },
    ),
    ("Korea Mining Development Trading Corporation", "KP", {"website": "kmdtc.example"}),
    ("Harbour View Realty", "Korea", {"address": {"lines": ["Nampo-dong"], "city": "Busan"}}),
    ("Acme Widgets GmbH", "DE", {"industry": "machinery", "goods": [{"description": "rice"}]}),
)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lists-dir", default=str(data.LISTS_DIR))
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--sample", type=int, default=300, help="cases per typology")
    p.add_argument("--negatives", type=int, default=4000)
    p.add_argument(
        "--http-every", type=int, default=20, help="send every n-th accuracy case over HTTP"
    )
    args = p.parse_args()
    lists_dir = Path(args.lists_dir)
    if not lists_dir.is_dir():
        sys.exit(f"lists folder {lists_dir} not found (needs ../shared)")
    with tempfile.TemporaryDirectory() as tmp:
        real = Settings(data_dir=Path(tmp), lists_dir=lists_dir)
        sample = Settings(data_dir=Path(tmp))
        lists, bundled = load_catalog(real), load_catalog(sample)
        cases = _cases(lists_dir, args)
        out = {
            "accuracy": _accuracy(real, lists, cases),
            "context": _context(real, lists),
            "transactions": {
                "real": _transactions(real, lists),
                "sample": _transactions(sample, bundled),
            },
            "rules": _rules(sample, bundled),
            "http": _http(real, lists, cases[:: args.http_every]),
        }
    json.dump(out, sys.stdout, sort_keys=True, indent=1, ensure_ascii=False, default=_plain)
    sys.stdout.write("\n")


# --- accuracy cases through the Screener ------------------------------------------------


def _cases(lists_dir: Path, args: argparse.Namespace) -> list[tuple[str, Any, Any]]:
    """The seeded ``(typology, query, entity)`` cases of ``bench/accuracy.py``."""
    rng = random.Random(args.seed)
    entities = data.load_lists(lists_dir)
    cases = accuracy._positive_cases(entities, rng, args.sample)
    cases += accuracy._native_cases(entities, rng, args.sample)
    negatives = [
        ("negative", q, None) for q, _, _ in accuracy._negatives(entities, rng, args.negatives)
    ]
    return cases + negatives


def _accuracy(settings: Settings, catalog: Any, cases: list[tuple[str, Any, Any]]) -> list[dict]:
    from service.screening import Screener, ScreenRequest

    screener = Screener(catalog, settings)
    out = []
    for typ, query, entity in cases:
        request = ScreenRequest(
            name=query.name,
            identifiers=tuple(Identifier(i.type, i.value, i.country) for i in query.identifiers),
            as_of=TODAY.isoformat(),
        )
        case = {"typology": typ, "query": query.name, "entity": entity.key if entity else None}
        out.append({**case, **_screen(screener, request)})
    return out


def _screen(screener: Any, request: Any) -> dict:
    from service.screening import ScreeningError

    try:
        result = screener.screen(request)
    except ScreeningError as exc:
        return {"error": type(exc).__name__, "message": str(exc)}
    return {
        "decision": result.decision,
        "matches": [_match(m) for m in result.matches],
        "reasons": list(result.reasons),
        "lists": result.lists,
        "red_flags": result.red_flags,
        "versions": result.versions,
    }


def _match(m: Match) -> dict:
    return {
        "entity": m.entity.key,
        "matched_name": m.matched_name,
        "score": m.score,
        "ofac_score": m.ofac_score,
        "explanation": m.explanation,
    }


def _context(settings: Settings, catalog: Any) -> list[dict]:
    from service.screening import Screener, ScreenRequest

    screener = Screener(catalog, settings)
    return [
        _screen(screener, ScreenRequest(name, country=cc, context=ctx, as_of="2026-11-20"))
        for name, cc, ctx in CONTEXTS
    ]


# --- transactions ----------------------------------------------------------------------


def _transactions(settings: Settings, catalog: Any) -> dict[str, dict]:
    from service.screening import screen_transaction

    ruleset, reference = load_all(settings)
    out = {}
    for scenario in SCENARIOS:
        body = scenario.body()
        day = date.fromisoformat(body["as_of"])
        result = screen_transaction(body, catalog, ruleset, reference, settings, today=day)
        found = {
            "decision": result.decision,
            "risk_score": result.risk_score,
            "priority": result.priority,
            "request_id": result.request_id,
            "parties": [
                {"id": p.id, "role": p.role, "decision": p.decision} for p in result.parties
            ],
            "matches": {p.id: [_match(m) for m in p.matches] for p in result.parties}
            | {"vessel": [_match(m) for m in result.vessel_matches]},
            "outcome": result.outcome.to_dict(),
            "lists": result.lists,
            "reference": result.reference,
        }
        out[scenario.id] = found
    return out


# --- rules bench inputs ----------------------------------------------------------------


def _rules(settings: Settings, catalog: Any) -> dict[str, Any]:
    from service.screening import screen_party, screen_vessel

    ruleset, reference = load_all(settings)
    out = {}
    for scenario in SCENARIOS:
        body = scenario.body()
        req = TransactionRequest.from_dict(body)
        matches = {p.id: screen_party(catalog, reference, settings, p, None) for p in req.parties}
        vessel = screen_vessel(catalog, settings, req)
        facts = extract_facts(req, reference, ruleset.config, TODAY, matches, vessel)
        cold = [fresh_request(body, n) for n in range(3)]
        out[scenario.id] = {
            "facts": _facts(facts),
            "outcome": evaluate(ruleset, facts).to_dict(),
            "cold": [
                evaluate(
                    ruleset, extract_facts(r, reference, ruleset.config, TODAY, {}, [])
                ).to_dict()
                for r in cold
            ],
        }
    return out


def _facts(facts: Any) -> dict:
    return {"values": facts.values, "missing": facts.missing, "evidence": facts.evidence}


# --- HTTP ------------------------------------------------------------------------------


def _http(settings: Settings, catalog: Any, cases: list[tuple[str, Any, Any]]) -> dict[str, Any]:
    """Status, headers and body of each answer, through the app as served (auth on)."""
    client = _authed_client(settings, catalog)
    screens = [
        {"name": name, "country": cc, "as_of": "2026-11-20", **ctx} for name, cc, ctx in CONTEXTS
    ]
    screens += [
        {
            "name": query.name,
            "identifiers": [
                {"type": i.type, "value": i.value, "country": i.country} for i in query.identifiers
            ],
            "as_of": TODAY.isoformat(),
        }
        for _, query, _ in cases
    ]
    return {
        "screen": [_exchange(client, "/v1/screen", body) for body in screens],
        "transaction": {
            s.id: _exchange(client, "/v1/screen/transaction", s.body()) for s in SCENARIOS
        },
        "problems": {
            "no key": _exchange(client, "/v1/screen", {"name": "x"}, key=False),
            "screen": _exchange(client, "/v1/screen", {"nam": "x", "as_of": "2026-13-01"}),
            "transaction": _exchange(client, "/v1/screen/transaction", {"parties": [{}]}),
        },
    }


def _authed_client(settings: Settings, catalog: Any) -> Any:
    """A test client sending a real key, stored in ``settings.data_dir`` (a temporary dir)."""
    from service.api import create_app
    from service.api.auth import get_auth
    from service.auth import create_key

    app = create_app(settings, catalog)
    auth = get_auth(app)
    if not auth.enabled:
        sys.exit("authentication is off (SCREENING_AUTH?): the golden HTTP section needs it on")
    _, key = create_key(auth.db, auth.secret, tenant="default", role="screener", name="golden")
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def _exchange(client: Any, path: str, body: dict, key: bool = True) -> dict[str, Any]:
    headers = None if key else {"Authorization": ""}
    response = client.post(path, json=body, headers=headers)
    payload = response.get_json()
    return {
        "status": response.status_code,
        "headers": {k: PER_RUN_HEADERS.get(k, v) for k, v in response.headers.items()},
        "body": _per_run_out(payload),
        "keys": list(payload),
    }


def _per_run_out(value: Any) -> Any:
    """``value`` with every :data:`PER_RUN_BODY` key's value (when set) a placeholder."""
    if isinstance(value, dict):
        return {
            k: PER_RUN_BODY[k] if k in PER_RUN_BODY and v is not None else _per_run_out(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_per_run_out(v) for v in value]
    return value


def _plain(value: Any) -> Any:
    """JSON for what ``json`` cannot write itself (sets, frozensets, dataclasses)."""
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    if hasattr(value, "__dataclass_fields__"):
        return {k: getattr(value, k) for k in value.__dataclass_fields__}
    return repr(value)


if __name__ == "__main__":
    main()

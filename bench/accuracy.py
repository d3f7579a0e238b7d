"""Accuracy benchmark of the matching engine, with nomenklatura as reference columns.

    python bench/accuracy.py [--lists-dir ../shared/data/lists] [--sample N] [--seed S]
                             [--reference-sample M] [--no-reference] [--no-peer]
                             [--pair-sample P] [--only TYPOLOGY,...] [--show-misses N]

Positives: for every typology in ``bench/typologies.py``, ``--sample`` list names
(primary names and strong aliases of the loaded lists) are manipulated with a seeded
generator; the label is the entity they came from. Extra typologies: nicknames from
``eval/name_variants`` swapped into list persons, list native-script aliases queried
against an index *without* them (cross-script to Latin), and an IMO-only query.
Negatives: real company names from ``eval/negatives``, and person names built per
naming custom from its real forename and surname tables (``bench/negatives.py``:
Arabic, Chinese, East Slavic, Persian, Korean, other), exact list names excluded; their
alert rates are printed per culture. Short list names under real-world spellings come
from ``bench/short_names.py``. Also printed: recall by entity type, the effect of the
lists' own dates of birth and nationalities (secondary evidence), and the peer
name-pair benchmark (``bench/peer_bench.py``) beside logic-v2's frozen F1.

Printed per typology: recall at the default threshold (the true entity returned at
>= 0.70) and at the review threshold (>= 0.80, i.e. it would alert), the share where it
is ranked first, and the same for nomenklatura's ``logic-v2`` and ``ofac`` on a
subsample. Then the negatives' alert rates and recall at a 1% alert rate for each
engine. Pair suites (Wikidata transliteration tokens, Korean full names, Google
Arabic-English, watchman cross-script) are indexed on their own and reported apart.

Reference engines are given every advantage: they score the query against the *true*
entity directly (perfect retrieval) and, for negatives, against our top 20 candidates
(so their false-alert rate is a lower bound).
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import accuracy_data as data  # noqa: E402
from bench import negatives as cultures  # noqa: E402
from bench import peer_bench  # noqa: E402
from bench.typologies import TYPOLOGIES  # noqa: E402
from service.core import Alias, Entity, Identifier, MatchConfig, Query, build_matcher  # noqa: E402
from service.core.evidence import imo_number  # noqa: E402

THRESHOLD = 0.70
REVIEW = 0.80


def main() -> None:
    args = _args()
    lists_dir = Path(args.lists_dir)
    if not lists_dir.is_dir():
        print(f"skipped: lists folder {lists_dir} not found (needs ../shared)")
        return
    rng = random.Random(args.seed)
    print(f"loading lists from {lists_dir} ...")
    entities = data.load_lists(lists_dir)
    t0 = time.perf_counter()
    config = _config(args.set)
    matcher = build_matcher(entities, config)
    print(
        f"{len(entities)} entities, {matcher.name_count} names indexed in "
        f"{time.perf_counter() - t0:.1f}s"
    )

    cases = _positive_cases(entities, rng, args.sample)
    if args.only:
        cases = [c for c in cases if c[0] in args.only.split(",")]
    latin_only = [_strip_native(e) for e in entities]
    native_cases = _native_cases(entities, rng, args.sample)
    labelled = _negatives(entities, rng, args.negatives)
    negatives = [q for q, _, _ in labelled]

    results: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    by_kind: dict[str, list[float]] = defaultdict(list)
    misses: dict[str, list[str]] = defaultdict(list)
    t0 = time.perf_counter()
    native_matcher = build_matcher(latin_only, config) if native_cases else None
    for typ, query, entity in cases + native_cases:
        m = native_matcher if typ == "native_script_vs_latin" else matcher
        res = _our_result(m, query, entity)
        results[typ].append(res)
        by_kind[entity.entity_type].append(res[0])
        if res[0] < THRESHOLD or not res[1]:
            top = m.search(replace(query, threshold=0.3, limit=1))
            got = f"{top[0].matched_name!r} {top[0].score}" if top else "-"
            misses[typ].append(f"{query.name!r} -> want {entity.name!r} {res[0]}; top {got}")
    neg_scores = [_top_score(matcher, q) for q in negatives]
    elapsed = time.perf_counter() - t0
    n_queries = len(cases) + len(native_cases) + len(negatives)

    if args.show_misses:
        for typ, rows in misses.items():
            print(f"-- misses {typ}")
            for row in rows[: args.show_misses]:
                print("   ", row)
        worst = sorted(zip(neg_scores, negatives, strict=True), key=lambda t: -t[0])
        print("-- top negatives")
        for score, q in worst[: args.show_misses * 3]:
            top = matcher.search(replace(q, threshold=0.3, limit=1))
            print(f"    {q.name!r} {score} -> {top[0].matched_name!r}" if top else q.name)
    matchers = {"default": matcher, "native": native_matcher}
    ref = _reference(args, cases + native_cases, negatives, matchers, rng)
    _report(results, neg_scores, ref)
    _by_kind(by_kind)
    _by_culture(neg_scores, [c for _, c, _ in labelled])
    print(f"\n{n_queries} screenings in {elapsed:.1f}s ({n_queries / elapsed:.0f}/s, one core)")
    _secondary(matcher, cases, labelled, rng)
    if not args.no_peer:
        peer_bench.report(entities, config, REVIEW, args.show_misses)
    if args.pair_sample:
        _pair_suites(rng, args.pair_sample)


def _config(pairs: list[str]) -> MatchConfig:
    """MatchConfig with ``field=value`` overrides (for calibration experiments)."""
    values: dict = {}
    weights: dict = {}
    base = MatchConfig()
    for pair in pairs:
        key, _, raw = pair.partition("=")
        if key.startswith("weights."):
            key = key.removeprefix("weights.")
            weights[key] = type(getattr(base.weights, key))(raw)
        else:
            values[key] = type(getattr(base, key))(raw)
    return replace(base, weights=replace(base.weights, **weights), **values)


def _args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--lists-dir", default=str(data.LISTS_DIR))
    p.add_argument("--sample", type=int, default=300, help="cases per typology")
    p.add_argument("--negatives", type=int, default=4000, help="negative names")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--reference-sample", type=int, default=40, help="cases per typology")
    p.add_argument("--no-reference", action="store_true", help="skip nomenklatura")
    p.add_argument("--pair-sample", type=int, default=1000, help="pairs per pair suite (0: none)")
    p.add_argument("--no-peer", action="store_true", help="skip the peer name-pair benchmark")
    p.add_argument("--show-misses", type=int, default=0, help="print N misses per typology")
    p.add_argument("--set", action="append", default=[], help="MatchConfig field=value")
    p.add_argument("--only", default="", help="comma-separated typologies (experiments)")
    return p.parse_args()


# --- case generation ----------------------------------------------------------------


def _source_names(entity: Entity) -> list[str]:
    return [
        a.name
        for a in entity.all_names()
        if a.quality == "strong" and not data.is_non_latin(a.name)
    ]


def _positive_cases(entities: list[Entity], rng: random.Random, n: int):
    by_type: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        by_type[e.entity_type].append(e)
    cases = []
    for typ, (gen, types) in TYPOLOGIES.items():
        pool = [e for t in types for e in by_type.get(t, [])]
        made = attempts = 0
        while made < n and attempts < n * 20 and pool:
            attempts += 1
            entity = rng.choice(pool)
            names = _source_names(entity)
            if not names:
                continue
            name = rng.choice(names)
            query = name if gen is None else gen(name, rng)
            if not query or query == name and gen is not None:
                continue
            cases.append((typ, Query(query), entity))
            made += 1
    cases += _nickname_cases(by_type["person"], rng, n)
    cases += _imo_cases(by_type["vessel"], rng, n)
    return cases


def _nickname_cases(persons: list[Entity], rng: random.Random, n: int):
    nick = data.nickname_pairs()
    eligible = []
    for e in persons:
        for name in _source_names(e):
            words = name.replace(",", " ").split()
            hits = [i for i, w in enumerate(words) if w.upper() in nick]
            if hits:
                eligible.append((e, words, hits))
    cases = []
    for _ in range(min(n, len(eligible))):
        e, words, hits = rng.choice(eligible)
        i = rng.choice(hits)
        out = list(words)
        out[i] = rng.choice(nick[words[i].upper()]).capitalize()
        cases.append(("nickname", Query(" ".join(out)), e))
    return cases


def _imo_cases(vessels: list[Entity], rng: random.Random, n: int):
    with_imo = [
        (e, i) for e in vessels for i in e.identifiers if i.type == "imo" and imo_number(i.value)
    ]
    cases = []
    for _ in range(min(n, len(with_imo))):
        e, ident = rng.choice(with_imo)
        q = Query("UNKNOWN VESSEL", identifiers=(Identifier("imo", f"IMO {ident.value}"),))
        cases.append(("imo_only", q, e))
    return cases


def _strip_native(e: Entity) -> Entity:
    kept = tuple(a for a in e.aliases if not data.is_non_latin(a.name))
    if len(kept) == len(e.aliases):
        return e
    return replace(e, aliases=kept)


def _native_cases(entities: list[Entity], rng: random.Random, n: int):
    pool = [
        (e, a.name)
        for e in entities
        for a in e.aliases
        if data.is_non_latin(a.name) and not data.is_non_latin(e.name)
    ]
    rng.shuffle(pool)
    return [("native_script_vs_latin", Query(name), e) for e, name in pool[:n]]


def _negatives(
    entities: list[Entity], rng: random.Random, n: int
) -> list[tuple[Query, str, str | None]]:
    """(query, culture or "company", country) for real company names and for person
    names built per naming custom (``bench/negatives.py``)."""
    companies = data.exclude_listed(data.company_negatives(rng, n // 2), entities)
    persons = data.exclude_listed(cultures.person_negatives(rng, n - n // 2), entities)
    return [(Query(c), "company", None) for c in companies] + [
        (Query(p), culture, cc) for p, culture, cc in persons
    ]


# --- scoring -------------------------------------------------------------------------


def _our_result(matcher, query: Query, entity: Entity) -> tuple[float, bool]:
    """(score of the true entity or 0, whether it is ranked first)."""
    hits = matcher.search(replace(query, threshold=0.3, limit=10))
    for rank, m in enumerate(hits):
        if m.entity.key == entity.key:
            first = rank == 0 or hits[0].score <= m.score
            return m.score, first
    return 0.0, False


def _top_score(matcher, query: Query) -> float:
    hits = matcher.search(replace(query, threshold=0.3, limit=1))
    return hits[0].score if hits else 0.0


# --- nomenklatura reference -----------------------------------------------------------

_QUERY_IDS = itertools.count()
_SCHEMA = {"person": "Person", "organization": "Organization", "vessel": "Vessel"}


def _proxy(entity: Entity | None, name: str | None = None, schema: str | None = None):
    from followthemoney import model

    if entity is not None:
        proxy = model.make_entity(_SCHEMA.get(entity.entity_type, "Airplane"))
        proxy.id = entity.key
        proxy.add("name", entity.name)
        for a in entity.aliases:
            proxy.add("weakAlias" if a.quality == "weak" else "alias", a.name)
        if entity.entity_type == "person":
            proxy.add("birthDate", list(entity.dates_of_birth))
        for i in entity.identifiers:
            if i.type == "imo" and entity.entity_type == "vessel":
                proxy.add("imoNumber", i.value)
        return proxy
    proxy = model.make_entity(schema or "LegalEntity")
    # A fresh id per query: nomenklatura caches name analysis by entity id.
    proxy.id = f"query-{next(_QUERY_IDS)}"
    proxy.add("name", name)
    return proxy


def _reference(args, cases, negatives, matchers, rng):
    matcher = matchers["default"]
    if args.no_reference:
        return None
    try:
        from nomenklatura.matching import LogicV2, OFACMatcher, ScoringConfig
    except ImportError:
        print("nomenklatura not installed: reference columns skipped")
        return None
    cfg = ScoringConfig.defaults()
    algos = {"logic-v2": LogicV2, "ofac": OFACMatcher}
    by_typ: dict[str, list] = defaultdict(list)
    for typ, q, e in cases:
        by_typ[typ].append((q, e))
    pos: dict[str, dict[str, list[float]]] = {a: defaultdict(list) for a in algos}
    ours: list[float] = []
    t0 = time.perf_counter()
    for typ, items in by_typ.items():
        for q, e in rng.sample(items, min(args.reference_sample, len(items))):
            native = typ == "native_script_vs_latin"
            own = matchers["native"] if native else matcher
            ours.append(_our_result(own, q, e)[0])
            target = _proxy(_strip_native(e) if native else e)
            query = _proxy(None, q.name, target.schema.name)
            for a, algo in algos.items():
                score = algo.compare(query, target, cfg).score if q.name != "UNKNOWN VESSEL" else 0
                pos[a][typ].append(score)
    neg: dict[str, list[float]] = {a: [] for a in algos}
    sample = rng.sample(negatives, min(len(negatives), args.reference_sample * 25))
    for q in sample:
        cands = matcher.search(replace(q, threshold=0.0, limit=20))
        for a, algo in algos.items():
            best = 0.0
            for m in cands:
                target = _proxy(m.entity)
                best = max(
                    best, algo.compare(_proxy(None, q.name, target.schema.name), target, cfg).score
                )
            neg[a].append(best)
    print(f"reference engines scored in {time.perf_counter() - t0:.0f}s")
    return pos, neg, ours


# --- report --------------------------------------------------------------------------


def _rate(values, pred) -> float:
    return 100.0 * sum(1 for v in values if pred(v)) / len(values) if values else float("nan")


def _cut_at(neg_scores: list[float], rate: float) -> float:
    """Lowest threshold whose alert rate on the negatives is at most ``rate``."""
    ranked = sorted(neg_scores, reverse=True)
    k = int(len(ranked) * rate)
    return ranked[k] + 1e-9 if k < len(ranked) else 0.0


def _report(results, neg_scores, ref) -> None:
    print(
        f"\n{'typology':24} {'n':>5} {'rec@.70':>8} {'rec@.80':>8} {'first':>7}"
        + ("   v2@.70  v2@.80  ofac@.70" if ref else "")
    )
    all_scores: list[float] = []
    firsts: list[bool] = []
    for typ, rows in results.items():
        scores = [s for s, _ in rows]
        all_scores += scores
        firsts += [f for _, f in rows]
        line = (
            f"{typ:24} {len(rows):5d} {_rate(scores, lambda s: s >= THRESHOLD):8.1f}"
            f" {_rate(scores, lambda s: s >= REVIEW):8.1f}"
            f" {_rate([f for _, f in rows], bool):7.1f}"
        )
        if ref:
            v2 = ref[0]["logic-v2"].get(typ, [])
            of = ref[0]["ofac"].get(typ, [])
            line += (
                f"   {_rate(v2, lambda s: s >= THRESHOLD):6.1f}"
                f"  {_rate(v2, lambda s: s >= REVIEW):6.1f}"
                f"  {_rate(of, lambda s: s >= THRESHOLD):7.1f}"
            )
        print(line)
    print(
        f"{'ALL':24} {len(all_scores):5d} {_rate(all_scores, lambda s: s >= THRESHOLD):8.1f}"
        f" {_rate(all_scores, lambda s: s >= REVIEW):8.1f} {_rate(firsts, bool):7.1f}"
    )
    _headline(results, all_scores, neg_scores)
    print(f"\nnegatives: {len(neg_scores)}")
    print(
        f"  ours: alert rate {_rate(neg_scores, lambda s: s >= THRESHOLD):.2f}% at 0.70, "
        f"{_rate(neg_scores, lambda s: s >= REVIEW):.2f}% at 0.80"
    )
    cut = _cut_at(neg_scores, 0.01)
    print(
        f"  ours: threshold for a 1% alert rate = {cut:.3f}; recall there "
        f"{_rate(all_scores, lambda s: s >= cut):.1f}%"
    )
    if ref:
        pos, neg, ours = ref
        for a in pos:
            scores = [s for rows in pos[a].values() for s in rows]
            ncut = _cut_at(neg[a], 0.01)
            print(
                f"  {a}: alert rate {_rate(neg[a], lambda s: s >= THRESHOLD):.2f}% at 0.70, "
                f"{_rate(neg[a], lambda s: s >= REVIEW):.2f}% at 0.80 (n={len(neg[a])}); "
                f"recall {_rate(scores, lambda s: s >= THRESHOLD):.1f}% at 0.70; "
                f"1% alert-rate threshold {ncut:.3f}, recall there "
                f"{_rate(scores, lambda s, cut=ncut: s >= cut):.1f}% (n={len(scores)})"
            )
        print(
            f"  ours on the same cases: recall {_rate(ours, lambda s: s >= THRESHOLD):.1f}% at "
            f"0.70; at our 1% alert-rate threshold {cut:.3f}: "
            f"{_rate(ours, lambda s: s >= cut):.1f}% (n={len(ours)})"
        )


def _headline(results, all_scores: list[float], neg_scores: list[float]) -> None:
    """Recall and alert rate at the SAME threshold: the review threshold decides what
    alerts, so that pair is the figure to read (targets: recall >= 98 % overall and
    >= 95 % per typology, alert rate <= 1 %)."""
    print()
    for label, cut in (("REVIEW threshold (alerts)", REVIEW), ("default threshold", THRESHOLD)):
        per = {
            t: _rate([s for s, _ in rows], lambda s, c=cut: s >= c) for t, rows in results.items()
        }
        worst = min(per, key=per.__getitem__)
        below = sorted(t for t, r in per.items() if r < 95.0)
        print(
            f"AT {cut:.2f} ({label}): recall {_rate(all_scores, lambda s, c=cut: s >= c):.1f}% "
            f"overall, lowest {worst} {per[worst]:.1f}%; negatives alert "
            f"{_rate(neg_scores, lambda s, c=cut: s >= c):.2f}%"
            + (f"; typologies under 95%: {', '.join(below)}" if below else "")
        )


def _by_kind(by_kind: dict[str, list[float]]) -> None:
    print(
        "\nrecall by entity type (every typology): "
        + ", ".join(
            f"{k} {_rate(v, lambda s: s >= REVIEW):.1f}% (n={len(v)})"
            for k, v in sorted(by_kind.items())
        )
    )


def _by_culture(neg_scores: list[float], labels: list[str]) -> None:
    """Alert rates of the negatives per naming custom (and for companies)."""
    groups: dict[str, list[float]] = defaultdict(list)
    for score, label in zip(neg_scores, labels, strict=True):
        groups[label].append(score)
    print(f"\n{'negatives by culture':24} {'n':>5} {'>=.70':>8} {'>=.80':>8}")
    for label in ("company", *cultures.CULTURES):
        v = groups.get(label, [])
        print(
            f"{label:24} {len(v):5d} {_rate(v, lambda s: s >= THRESHOLD):8.2f}"
            f" {_rate(v, lambda s: s >= REVIEW):8.2f}"
        )


def _secondary(matcher, cases, labelled, rng: random.Random) -> None:
    """Secondary evidence on the bench: listed persons screened with the list's own date
    of birth and nationality (agreement), and with another person's (contradiction);
    innocent persons screened with a plausible date of birth and their own country."""
    agree: list[float] = []
    contra: list[float] = []
    persons = [(q, e) for typ, q, e in cases if e.entity_type == "person" and typ != "exact"]
    dobs = sorted({d for _, e in persons for d in e.dates_of_birth if len(d) >= 4})
    for q, e in persons:
        if not e.dates_of_birth or not e.nationalities:
            continue
        agree.append(
            _our_result(
                matcher,
                replace(q, date_of_birth=e.dates_of_birth[0], countries=e.nationalities[:1]),
                e,
            )[0]
        )
        other = rng.choice(dobs)
        if other[:4] not in {d[:4] for d in e.dates_of_birth}:
            contra.append(_our_result(matcher, replace(q, date_of_birth=other), e)[0])
    neg = [
        _top_score(
            matcher,
            replace(
                q,
                date_of_birth=f"{rng.randint(1945, 2004)}-{rng.randint(1, 12):02d}-15",
                countries=(cc,),
            ),
        )
        for q, label, cc in labelled
        if label != "company" and cc
    ]
    print("\nsecondary evidence (dates of birth and nationalities the lists carry):")
    print(
        f"  listed persons, name variant + the listed DOB and nationality: "
        f"{_rate(agree, lambda s: s >= REVIEW):.1f}% alert (n={len(agree)})"
    )
    print(
        f"  listed persons, name variant + another year of birth: "
        f"{_rate(contra, lambda s: s >= REVIEW):.1f}% alert (n={len(contra)})"
    )
    print(
        f"  innocent persons + a date of birth and their country: "
        f"{_rate(neg, lambda s: s >= REVIEW):.2f}% alert (n={len(neg)})"
    )


def _pair_suites(rng: random.Random, n: int) -> None:
    """Cross-script pairs indexed on their own: Latin side listed, native side queried."""
    suites = {
        "wd_russian tokens": data.token_pairs("wd_russian_20.tsv", rng, n),
        "wd_arabic tokens": data.token_pairs("wd_arabic_20.tsv", rng, n),
        "wd_chinese tokens": data.token_pairs("wd_chinese_20.tsv", rng, n),
        "wd_korean tokens": data.token_pairs("wd_korean_20.tsv", rng, n),
        "wd_korean full names": data.korean_full_names(rng, n),
        "google ar2en": data.arabic_google(rng, n),
        "watchman cross-script": data.watchman_cross_script(),
    }
    print(f"\n{'pair suite':24} {'n':>5} {'rec@.70':>8} {'rec@.80':>8} {'first':>7}")
    for title, pairs in suites.items():
        ents = [
            Entity("pairs", str(i), "person", latin, aliases=(Alias(latin.upper()),))
            for i, (latin, _native) in enumerate(pairs)
        ]
        m = build_matcher(ents)
        rows = [_our_result(m, Query(native), ents[i]) for i, (_l, native) in enumerate(pairs)]
        scores = [s for s, _ in rows]
        print(
            f"{title:24} {len(rows):5d} {_rate(scores, lambda s: s >= THRESHOLD):8.1f}"
            f" {_rate(scores, lambda s: s >= REVIEW):8.1f} {_rate([f for _, f in rows], bool):7.1f}"
        )


if __name__ == "__main__":
    main()

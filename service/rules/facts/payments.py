"""Payments: currency, who pays for whom, routing through unrelated countries and late
changes of the beneficiary."""

from __future__ import annotations

from service.rules.facts.builder import Context, FactBuilder, country_label, day_of, evidence
from service.rules.facts.countries import any_party_country, bic_country
from service.rules.request import TransactionRequest


def _related(req: TransactionRequest, a: str, b_: str, types: set[str]) -> bool:
    return any({r.source, r.target} == {a, b_} and r.type in types for r in req.relationships)


def add_payment(ctx: Context, b: FactBuilder) -> None:
    req, cfg = ctx.request, ctx.cfg
    currency = (req.payment.currency if req.payment else None) or next(
        (g.currency.upper() for g in req.goods if g.currency), None
    )
    b.put("currency", currency or "", currency is not None, "payment.currency")
    if currency:
        path = "payment.currency" if req.payment and req.payment.currency else "goods[].currency"
        b.notes["currency"] = [
            evidence(path, currency, "US dollar clearing" if currency == "USD" else "")
        ]
    buyers = [(i, p) for i, p in enumerate(req.parties) if p.role in set(cfg["buyer_roles"])]
    sellers = [p for p in req.parties if p.role in set(cfg["seller_roles"])]
    payers = [(i, p) for i, p in enumerate(req.parties) if p.role in set(cfg["payer_roles"])]
    types = set(cfg["related_types"])
    unrelated = []
    for i, payer in payers:
        if buyers and all(
            payer.id != bp.id and not _related(req, payer.id, bp.id, types) for _, bp in buyers
        ):
            names = ", ".join(bp.name for _, bp in buyers)
            unrelated.append(
                evidence(
                    f"parties[{i}]",
                    payer.name,
                    f"pays for {names} with no documented relationship",
                    party=payer.id,
                )
            )
    b.put("unrelated_payers", unrelated, bool(buyers), "parties[role=buyer]", "parties[role=payer]")
    b.put(
        "payers", [evidence(f"parties[{i}]", p.name, "payer", party=p.id) for i, p in payers], True
    )
    _routing(ctx, b, buyers, sellers, payers, unrelated)
    _late_change(ctx, b)


def _late_change(ctx: Context, b: FactBuilder) -> None:
    """PAY-04: the beneficiary or its account changed within ``cfg.late_change_days``
    of settlement, or after the documents were presented."""
    pay = ctx.request.payment
    changed = day_of(pay.beneficiary_changed_at) if pay else None
    value_day = day_of(pay.value_date) if pay else None
    presented = day_of(pay.documents_presented_at) if pay else None
    late = []
    path = "payment.beneficiary_changed_at"
    if (
        changed
        and value_day
        and 0 <= (value_day - changed).days <= int(ctx.cfg["late_change_days"])
    ):
        days = (value_day - changed).days
        late.append(evidence(path, pay.beneficiary_changed_at, f"{days} day(s) before settlement"))
    if changed and presented and changed >= presented:
        late.append(
            evidence(path, pay.beneficiary_changed_at, "after the documents were presented")
        )
    b.put(
        "late_instruction_changes",
        late,
        bool(changed and (value_day or presented)),
        path,
        "payment.value_date",
    )


def _routing(
    ctx: Context, b: FactBuilder, buyers: list, sellers: list, payers: list, unrelated: list
) -> None:
    req = ctx.request
    country = {p.id: any_party_country(ctx, p) for p in req.parties}
    trade = {country[p.id] for _, p in buyers} | {country[p.id] for p in sellers}
    trade |= {port.country for port in ctx.ports.values()}
    trade.discard(None)
    anomalies = []
    unrelated_ids = {u["party"] for u in unrelated}
    evaluable = bool(buyers or sellers) and (
        bool(payers) or bool(req.payment and req.payment.intermediary_bics)
    )
    for i, payer in payers:
        code = country[payer.id]
        parties_countries = {country[p.id] for _, p in buyers} | {country[p.id] for p in sellers}
        if code and payer.id in unrelated_ids and code not in parties_countries:
            anomalies.append(
                evidence(
                    f"parties[{i}]",
                    payer.name,
                    f"payer in {country_label(code)}, neither the buyer's nor the seller's country",
                )
            )
    if req.payment:
        foreign = []
        for j, bic in enumerate(req.payment.intermediary_bics):
            code = bic_country(bic)
            if code and code not in trade:
                foreign.append(
                    evidence(
                        f"payment.intermediary_bics[{j}]",
                        bic,
                        f"intermediary bank in {country_label(code)}",
                    )
                )
        if len({f["note"] for f in foreign}) >= int(ctx.cfg["unrelated_intermediaries_min"]):
            anomalies.extend(foreign)
    b.put(
        "routing_anomalies",
        anomalies,
        evaluable,
        "parties[role=payer]",
        "payment.intermediary_bics",
    )

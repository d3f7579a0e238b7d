"""Screening payment messages: every field is screened and named in its hit.

A listed name, BIC, vessel, place or country is planted in each field of each message
type in turn; a field the parser drops or the screener skips fails its case. The seed
case paid as a pacs.008 must raise the same rules as the JSON transaction.
"""

from __future__ import annotations

from datetime import date

import pytest
from factories import ON_TWO_LISTS, catalog_from, entity, on_two_lists
from payment_messages import (
    MT103_FIELDS,
    OPTIONS,
    SEED_CONTEXT,
    Plant,
    mt103,
    mt202cov,
    pacs008,
    pacs009,
    pain001,
    seed_pacs008,
)
from transaction_scenarios import _t01

from service.alerts.suppression import SuppressedMatch
from service.core import Match
from service.core.model import Identifier
from service.payments import MessageError
from service.reference import load_all
from service.screening import screen_transaction
from service.screening.payment import PaymentScreener
from service.settings import Settings

LISTED_NAME = "KOREA KWANGSON BANKING CORP"
LISTED_BIC = "KKBCKPPY"
VESSEL, IMO = "ARTAVIL", "9187629"


@pytest.fixture(scope="module")
def screener() -> PaymentScreener:
    bank = entity("11581", LISTED_NAME, countries=["KP"])
    bank = type(bank)(**{**_fields(bank), "identifiers": (Identifier("bic", LISTED_BIC),)})
    ship = entity("15036", VESSEL, entity_type="vessel", countries=["IR"])
    ship = type(ship)(**{**_fields(ship), "identifiers": (Identifier("imo", f"IMO {IMO}"),)})
    person = entity("3", "IVANOV, Sergei Petrovich", entity_type="person")
    return PaymentScreener(catalog_from([bank, ship, person]), Settings())


def _fields(e: object) -> dict:
    return {k: getattr(e, k) for k in e.__slots__}  # type: ignore[attr-defined]


def hits_at(screener: PaymentScreener, message: str, **kw: object) -> list[dict]:
    return screener.screen(message, as_of="2026-11-20", **kw).to_dict()["hits"]  # type: ignore[arg-type]


# --- ISO 20022: every recorded field, planted in turn -----------------------------------

PLANTS = {
    "name": (LISTED_NAME, "name"),
    "bic": (LISTED_BIC, "bic"),
    "country": ("KP", "country"),
    "address": (f"PIER 4 MV {VESSEL}", "vessel"),
    "text": (f"REF 77 {LISTED_NAME} THANK YOU", "name"),
}
BUILDERS = {
    "pacs.008.001.08": lambda p: pacs008(p),
    "pacs.008.001.12+prefix": lambda p: pacs008(p, version="001.12", prefix="ns"),
    "pacs.009.001.08 COV": lambda p: pacs009(p),
    "pain.001.001.09": lambda p: pain001(p, per_block=1),
}


def iso_cases() -> list[tuple[str, str, str]]:
    out = []
    for label, build in BUILDERS.items():
        plant = Plant()
        build(plant)
        out += [(label, path, kind) for path, kind in plant.seen.items() if kind in PLANTS]
    return out


@pytest.mark.parametrize(("label", "path", "kind"), iso_cases())
def test_every_iso_field_is_screened(
    screener: PaymentScreener, label: str, path: str, kind: str
) -> None:
    value, want = PLANTS[kind]
    clean = hits_at(screener, BUILDERS[label](Plant()))
    assert not [h for h in clean if h["field"] == path and h["kind"] == want]
    result = screener.screen(BUILDERS[label](Plant({path: value})), as_of="2026-11-20")
    found = [h for h in result.to_dict()["hits"] if h["field"] == path and h["kind"] == want]
    assert found, f"{label}: nothing found in {path}"
    assert result.decision in ("review", "block") and result.action == "hold"
    hit = found[0]
    if kind in ("address", "text"):
        start, end = hit["offsets"]
        assert value[start:end] == hit["value"]


def test_every_iso_field_kind_is_planted() -> None:
    kinds = {kind for _, _, kind in iso_cases()}
    assert kinds == set(PLANTS)
    assert len(iso_cases()) > 150


# --- SWIFT MT: every party and text field --------------------------------------------

N, V = LISTED_NAME, VESSEL
MT_CASES = [
    # (options, replace, field, value, kind)
    ({}, {"50K": f"/DE89370400440532013000\n{N}\nPYONGYANG"}, ":50K:", N, "name"),
    ({"50A": f"/123\n{LISTED_BIC}"}, {}, ":50A:", LISTED_BIC, "bic"),
    ({"50F": f"/123\n1/{LISTED_NAME}\n3/KP/PYONGYANG"}, {}, ":50F:", LISTED_NAME, "name"),
    ({"50F": "/123\n1/SOMEONE ELSE\n3/KP/PYONGYANG"}, {}, ":50F:", "KP", "country"),
    ({}, {"52A": LISTED_BIC}, ":52A:", LISTED_BIC, "bic"),
    ({"52D": f"{LISTED_NAME}\nPYONGYANG"}, {}, ":52D:", LISTED_NAME, "name"),
    ({}, {"53A": f"/C/1\n{LISTED_BIC}"}, ":53A:", LISTED_BIC, "bic"),
    ({"53B": f"/C/1\nPIER MV {VESSEL}"}, {}, ":53B:", VESSEL, "vessel"),
    ({"53D": f"{LISTED_NAME}\nPYONGYANG"}, {}, ":53D:", LISTED_NAME, "name"),
    ({}, {"54A": LISTED_BIC}, ":54A:", LISTED_BIC, "bic"),
    ({"54B": "NAMPO"}, {}, ":54B:", "NAMPO", "place"),
    ({"54D": f"{LISTED_NAME}\nPYONGYANG"}, {}, ":54D:", LISTED_NAME, "name"),
    ({}, {"56A": LISTED_BIC}, ":56A:", LISTED_BIC, "bic"),
    ({"56D": f"{LISTED_NAME}\nPYONGYANG"}, {}, ":56D:", LISTED_NAME, "name"),
    ({}, {"57A": LISTED_BIC}, ":57A:", LISTED_BIC, "bic"),
    ({"57B": "/1\nNAMPO"}, {}, ":57B:", "NAMPO", "place"),
    ({"57D": f"{LISTED_NAME}\nPYONGYANG"}, {}, ":57D:", LISTED_NAME, "name"),
    ({}, {"59": f"/1\n{LISTED_NAME}\nPYONGYANG"}, ":59:", LISTED_NAME, "name"),
    ({"59A": f"/1\n{LISTED_BIC}"}, {}, ":59A:", LISTED_BIC, "bic"),
    ({"59F": f"/1\n1/{N}\n2/PIER 4 MV {V}\n3/KP/NAMPO"}, {}, ":59F:", N, "name"),
    ({"59F": f"/1\n1/SOMEONE\n2/PIER 4 MV {V}\n3/SG/SINGAPORE"}, {}, ":59F:", V, "vessel"),
    ({}, {"70": f"/INV/1 DIESEL MV {VESSEL}"}, ":70:", VESSEL, "vessel"),
    ({}, {"70": f"/INV/1 {LISTED_NAME}"}, ":70:", LISTED_NAME, "name"),
    ({}, {"72": f"/INS/{LISTED_BIC}"}, ":72:", LISTED_BIC, "bic"),
    ({}, {"72": f"/ACC/VESSEL IMO {IMO}"}, ":72:", IMO, "vessel"),
    ({}, {"77B": "/ORDERRES/KP//DPRK ORIGIN"}, ":77B:", "DPRK", "country"),
    ({}, {"77B": "/BENEFRES/XX//NAMPO"}, ":77B:", "NAMPO", "place"),
]  # fmt: skip


@pytest.mark.parametrize(("options", "replace", "field", "value", "kind"), MT_CASES)
def test_every_mt103_field_is_screened(
    screener: PaymentScreener, options: dict, replace: dict, field: str, value: str, kind: str
) -> None:
    hits = hits_at(screener, mt103(options, replace))
    found = [h for h in hits if h["field"] == field and h["kind"] == kind]
    assert found, f"nothing of kind {kind} at {field}: {[(h['field'], h['kind']) for h in hits]}"
    assert any(value in h["value"] for h in found)


def test_the_mt_cases_cover_every_party_and_text_tag() -> None:
    options = {tag for opts, *_ in MT_CASES for tag in opts}
    replaced = {tag for _, repl, *_ in MT_CASES for tag in repl}
    assert set(OPTIONS) - options == {"56C", "57C"}  # clearing codes only: nothing to plant
    defaults = {t for t, _ in MT103_FIELDS}
    assert defaults - replaced == {"20", "23B", "32A", "33B", "71A"}  # references, amounts


@pytest.mark.parametrize(
    ("seq_a", "seq_b", "field", "kind"),
    [
        ({"58A": LISTED_BIC}, {}, ":58A:", "bic"),
        ({"72": f"/BNF/{LISTED_NAME}"}, {}, ":72:", "name"),
        ({}, {"50F": f"/1\n1/{LISTED_NAME}\n3/KP/PYONGYANG"}, "B/:50F:", "name"),
        ({}, {"59F": f"/1\n1/{LISTED_NAME}\n3/KP/PYONGYANG"}, "B/:59F:", "name"),
        ({}, {"56A": LISTED_BIC}, "B/:56A:", "bic"),
        ({}, {"57A": LISTED_BIC}, "B/:57A:", "bic"),
        ({}, {"52A": LISTED_BIC}, "B/:52A:", "bic"),
        ({}, {"70": f"/INV/9 MV {VESSEL}"}, "B/:70:", "vessel"),
        ({}, {"72": "/INS/SHIPPED FROM NAMPO"}, "B/:72:", "place"),
    ],
)
def test_mt202_cov_both_sequences(
    screener: PaymentScreener, seq_a: dict, seq_b: dict, field: str, kind: str
) -> None:
    hits = hits_at(screener, mt202cov(seq_a, seq_b))
    assert [h for h in hits if h["field"] == field and h["kind"] == kind]


# --- answers ------------------------------------------------------------------------------


def test_a_clean_message_is_released_with_every_transaction(screener: PaymentScreener) -> None:
    result = screener.screen(pacs008(transactions=3), as_of="2026-11-20").to_dict()
    assert (result["decision"], result["action"]) == ("clear", "release")
    assert result["message"] == {
        "format": "iso20022", "type": "pacs.008", "version": "001.08", "variant": None,
        "message_id": "NMB20261120-0001", "transactions": 3,
    }  # fmt: skip
    assert [t["end_to_end_id"] for t in result["transactions"]] == [
        "E2E-NMB-0001", "E2E-NMB-0002", "E2E-NMB-0003"]  # fmt: skip
    assert result["versions"]["ruleset"] and result["versions"]["lists"]


def test_one_dirty_transaction_holds_the_message(screener: PaymentScreener) -> None:
    plant = Plant({"PmtInf/CdtTrfTxInf/Cdtr/Nm": LISTED_NAME})
    result = screener.screen(pain001(plant, per_block=2), as_of="2026-11-20").to_dict()
    # The builder plants the same value in every transaction of the block.
    assert result["action"] == "hold"
    assert all(t["decision"] != "clear" for t in result["transactions"])
    hit = next(h for h in result["hits"] if h["kind"] == "name")
    assert hit["match"]["list"] == "test_list" and hit["match"]["source_id"] == "11581"
    assert hit["match"]["explanation"]["alignment"]


def test_malformed_messages_are_errors_never_clear(screener: PaymentScreener) -> None:
    with pytest.raises(MessageError):
        screener.screen("{1:F01COBADEFFAXXX0000000000}{2:I103CHASUS33XXXXN}")
    with pytest.raises(MessageError):
        screener.screen(pacs008().replace("</Document>", ""))


# --- the seed case ------------------------------------------------------------------------


def test_the_seed_case_as_a_pacs008_raises_the_json_rules(screener: PaymentScreener) -> None:
    settings = Settings()
    ruleset, reference = load_all(settings)
    json_result = screen_transaction(
        _t01(), catalog_from([entity("1", "UNRELATED NAME")]), ruleset, reference, settings,
        today=date(2026, 11, 20),
    )  # fmt: skip
    want = {h.rule_id for h in json_result.outcome.hits}
    result = screener.screen(seed_pacs008(), context=SEED_CONTEXT, as_of="2026-11-20").to_dict()
    got = {h["rule"]["rule_id"] for h in result["hits"] if h["kind"] == "rule"}
    assert got == want
    assert {"JUR-01", "GDS-03", "PAY-01", "TYP-01"} <= got
    assert (result["decision"], result["action"]) == (json_result.decision, "hold")
    goods = next(h for h in result["hits"] if h["kind"] == "goods")
    assert (goods["field"], goods["value"]) == ("CdtTrfTxInf/RmtInf/Ustrd", "DIESEL")


def test_the_message_alone_holds_the_seed_case(screener: PaymentScreener) -> None:
    """Without the bank's KYC context the payer's residence in the message still holds."""
    message = seed_pacs008().replace(
        "<Nm>Ri Chol Min</Nm>", "<Nm>Ri Chol Min</Nm><CtryOfRes>KP</CtryOfRes>"
    )
    result = screener.screen(message, as_of="2026-11-20").to_dict()
    assert result["action"] == "hold"
    country = [h for h in result["hits"] if h["kind"] == "country" and h["value"] == "KP"]
    assert country and country[0]["field"] == "CdtTrfTxInf/Dbtr/CtryOfRes"


def test_name_hits_carry_the_target_of_a_party_on_two_lists() -> None:
    screener = PaymentScreener(catalog_from(on_two_lists()), Settings())
    plant = Plant({"CdtTrfTxInf/Cdtr/Nm": ON_TWO_LISTS})
    hits = hits_at(screener, pacs008(plant))
    found = {h["match"]["list"]: h["match"] for h in hits if h["kind"] == "name"}
    assert found["un"]["source_id"] == "QDi.901" and found["uk_sl"]["source_id"] == "AQD9004"
    assert found["un"]["target_id"] == found["uk_sl"]["target_id"]
    assert found["un"]["target_id"].startswith("T-")


# --- suppressions: what a suppressed party match counts for ------------------------------


def test_a_suppressed_party_match_is_a_clear_hit_the_rules_do_not_count(
    screener: PaymentScreener,
) -> None:
    mark = {"suppression_id": "sup_1", "expires_at": "2027-01-01T00:00:00Z"}

    def review(party: object, found: list[Match]) -> list[Match]:
        return [
            SuppressedMatch(m.entity, m.matched_name, m.score, m.ofac_score, m.explanation,
                            suppressed=mark)
            for m in found
        ]  # fmt: skip

    message = pacs008(Plant({"CdtTrfTxInf/Cdtr/Nm": LISTED_NAME}))
    plain = screener.screen(message, as_of="2026-11-20").to_dict()
    assert plain["decision"] == "review" and plain["suppressed"] == []  # SG, not KP
    muted = screener.screen(message, as_of="2026-11-20", review_party=review).to_dict()
    assert (muted["decision"], muted["action"]) == ("clear", "release")
    hit = next(h for h in muted["hits"] if h["kind"] == "name")
    assert (hit["decision"], hit["match"]["suppressed"]) == ("clear", mark)
    assert muted["suppressed"] == [
        {"transaction": 1, "party": "creditor", "list": hit["match"]["list"],
         "source_id": "11581", **mark}
    ]  # fmt: skip
    assert not [h for h in muted["hits"] if h["kind"] == "rule" and h["decision"] != "clear"]

"""ISO 20022 free text: every text leaf under the text elements, with its numbered path."""

from __future__ import annotations

from payment_messages import pacs008

from service.payments import parse_message


def test_every_free_text_field_is_read_with_its_path() -> None:
    (tx,) = parse_message(pacs008()).transactions
    fields = {t.field: t.kind for t in tx.texts}
    assert fields == {
        "CdtTrfTxInf/InstrForCdtrAgt/InstrInf": "instruction",
        "CdtTrfTxInf/InstrForNxtAgt/InstrInf": "instruction",
        "CdtTrfTxInf/Purp/Prtry": "purpose",
        "CdtTrfTxInf/RgltryRptg/Dtls/Inf": "regulatory",
        "CdtTrfTxInf/RmtInf/Ustrd[1]": "remittance",
        "CdtTrfTxInf/RmtInf/Ustrd[2]": "remittance",
        "CdtTrfTxInf/RmtInf/Strd/RfrdDocInf/Nb": "remittance",
        "CdtTrfTxInf/RmtInf/Strd/AddtlRmtInf": "remittance",
    }

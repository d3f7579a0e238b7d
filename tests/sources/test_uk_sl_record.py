"""A published UK Sanctions List name: its parts make the full name."""

from __future__ import annotations

from service.sources.uk_sl_record import Name


def test_full_name_joins_the_parts_with_single_spaces():
    assert Name(("Pavel", " Igorevich ", "KORMILTSEV")).full == "Pavel Igorevich KORMILTSEV"
    assert Name(()).full == ""

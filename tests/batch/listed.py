"""Listed entities for batch tests, shared by tests/batch, tests/jobs and tests/api.

Three entities the tests look for, among forty filler companies: the matcher weighs
tokens by rarity, which needs a corpus of realistic minimum size (a handful of names
gives every token the same weight). Import as ``from batch.listed import ...``.
"""

from __future__ import annotations

from service.core.model import Alias, Entity

WORDS = (
    "amber birch cedar delta ember falcon granite harbor indigo juniper kestrel lumen "
    "meridian nimbus onyx pioneer quartz raven summit tundra"
).split()

TARGETS = (
    Entity("test_list", "1", "organization", "BANCO NACIONAL DE CUBA",
           aliases=(Alias("NATIONAL BANK OF CUBA"),), countries=("CU",), programs=("TEST",)),
    Entity("other_list", "2", "organization", "ORIENT SHIPPING COMPANY LIMITED",
           countries=("KP",), programs=("TEST",)),
    Entity("test_list", "3", "person", "IVANOV, Sergei Petrovich", countries=("RU",),
           programs=("TEST",)),
)  # fmt: skip

FILLERS = tuple(
    Entity(
        "test_list" if i % 2 else "other_list",
        f"f{i}",
        "organization",
        f"{WORDS[i % 20].upper()} {WORDS[(i * 7 + 3) % 20].upper()} HOLDINGS",
        programs=("TEST",),
    )
    for i in range(40)
)

LISTED = TARGETS + FILLERS

SDN_CSV = "".join(
    f'{9000 + i},"{e.name}",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    for i, e in enumerate(LISTED)
)
"""The same names as an OFAC legacy ``sdn.csv`` (for processes that load a lists dir)."""

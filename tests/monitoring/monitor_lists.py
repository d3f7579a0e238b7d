"""Our own small OFAC-format list, in two versions, served by a real local HTTP server.

Version 2 against version 1: KARIMOV gains an alias, ZELENKO MARITIME is renamed (the
same OFAC id), PETRENKO MARINE is removed; ORLOVSKY and the filler are unchanged.
"""

from __future__ import annotations

from store_fixtures import OFAC_FILE_NAMES, entity_name

from service.sources.registry import load_registry

OTHER_LISTS = tuple(s.list_id for s in load_registry().enabled if s.list_id != "ofac_sdn")
"""The bundled registry's other enabled lists: these tests download only ofac_sdn, so
they name the rest optional (a deployment would have to say the same)."""

NULL = "-0- "
FILLER = range(5000, 5040)
PEOPLE_V1 = {
    "100": ("KARIMOV, Rustam Alievich", "individual"),
    "200": ("ZELENKO MARITIME HOLDINGS", NULL),
    "300": ("ORLOVSKY, Dmitri Sergeevich", "individual"),
    "400": ("PETRENKO MARINE SERVICES", NULL),
}
PEOPLE_V2 = {
    "100": PEOPLE_V1["100"],
    "200": ("BLUEWATER TANKER MANAGEMENT", NULL),
    "300": PEOPLE_V1["300"],
}
ALIASES_V2 = {"100": "TASHKENTOV, Bakhodir"}


def _csv(rows: list[str]) -> bytes:
    return ("".join(row + "\r\n" for row in rows) + "\x1a").encode("cp1252")


def ofac_version(people: dict[str, tuple[str, str]], aliases: dict[str, str]) -> dict[str, bytes]:
    primary = [
        f'{sid},"{name}",{kind if kind == NULL else chr(34) + kind + chr(34)},"SDGT",'
        + ",".join([NULL] * 7)
        + f",{NULL}"
        for sid, (name, kind) in people.items()
    ]
    primary += [
        f'{i},"{entity_name(i)}",{NULL},"SDGT",' + ",".join([NULL] * 7) + f",{NULL}" for i in FILLER
    ]
    alts = [f'{sid},{int(sid) * 10},"aka","{alias}",{NULL}' for sid, alias in aliases.items()]
    alts.append(f'{FILLER[0]},{FILLER[0] * 10},"aka","{entity_name(FILLER[0] + 1)}",{NULL}')
    adds = [f'{i},{i * 10},"{i} Harbour Road","Valletta","Malta",{NULL}' for i in FILLER]
    comments = [f'{FILLER[0]},"Filler."']
    bodies = (primary, alts, adds, comments)
    return {
        name: _csv(rows) for name, rows in zip(OFAC_FILE_NAMES["ofac_sdn"], bodies, strict=True)
    }


V1 = ofac_version(PEOPLE_V1, {})
V2 = ofac_version(PEOPLE_V2, ALIASES_V2)

"""Helpers for store tests: a real local HTTP server and list files we generate.

The server is ``http.server`` on 127.0.0.1 with a free port. Each route answers with
a configured status, body, content type, delay, or a lying Content-Length, so every
way a publisher can fail is a real HTTP exchange rather than a mock.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from service.settings import Settings
from service.sources.registry import Registry, registry_from_mapping

_WORDS = (
    "ALPHA BRAVO CEDAR DELTA EMBER FALCON GRANITE HARBOR INDIGO JUNIPER KESTREL LAGOON "
    "MERIDIAN NORTHWIND ORCHID PINNACLE QUARTZ RIVERSTONE SAFFRON TUNDRA UMBER VERTEX"
).split()


@dataclass
class Route:
    """How the server answers one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/octet-stream"
    delay: float = 0.0
    """Seconds to sleep before answering (to trip the client's timeout)."""
    claimed_length: int | None = None
    """Content-Length to announce instead of the true one (a cut transfer)."""
    send_length: bool = True
    """False: no Content-Length, the body ends when the connection closes (HTTP/1.0),
    so a body cut short arrives without any transfer error."""


class ListServer:
    """A threaded HTTP server whose answers tests change between requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/{path.lstrip('/')}"

    def serve(self, path: str, body: bytes = b"", **kwargs: object) -> str:
        """Answer ``path`` with ``body`` (and Route options); returns its URL."""
        self.routes["/" + path.lstrip("/")] = Route(body, **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server.requests.append(self.path)
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                time.sleep(route.delay)
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.send_length:
                    length = route.claimed_length or len(route.body)
                    self.send_header("Content-Length", str(length))
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except OSError:
                    pass  # the client gave up (timeout test)
                self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        return Handler


def entity_name(n: int) -> str:
    return f"{_WORDS[n % len(_WORDS)]} {_WORDS[(n * 7 + 3) % len(_WORDS)]} TRADING {n} LLC"


def _csv(rows: list[str]) -> bytes:
    """OFAC legacy CSV: CRLF line ends and the trailing 0x1A byte."""
    return ("".join(row + "\r\n" for row in rows) + "\x1a").encode("cp1252")


OFAC_FILE_NAMES = {
    "ofac_sdn": ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"),
    "ofac_cons": ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"),
}


def ofac_files(count: int, *, list_id: str = "ofac_sdn", first: int = 1000) -> dict[str, bytes]:
    """An OFAC legacy CSV set with ``count`` entities, under the list's official names."""
    ids = range(first, first + count)
    null = "-0- "
    primary = [
        f'{i},"{entity_name(i)}",{null},"SDGT",{null},{null},{null},{null},{null},{null},'
        f"{null},{null}"
        for i in ids
    ]
    aliases = [f'{i},{i * 10},"aka","{entity_name(i + 5000)}",{null}' for i in ids]
    addresses = [f'{i},{i * 10},"{i} Harbour Road","Valletta","Malta",{null}' for i in ids]
    comments = [f'{first},"Additional remarks for {first}."']
    bodies = (primary, aliases, addresses, comments)
    return {name: _csv(rows) for name, rows in zip(OFAC_FILE_NAMES[list_id], bodies, strict=True)}


def un_xml(count: int, *, date: str = "2026-02-27") -> bytes:
    """A UN consolidated list XML with ``count`` entities, generated on ``date``."""
    entities = "".join(
        f"<ENTITY><DATAID>{n}</DATAID><VERSIONNUM>1</VERSIONNUM>"
        f"<FIRST_NAME>{entity_name(n)}</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>"
        f"<REFERENCE_NUMBER>KPe.{n:03d}</REFERENCE_NUMBER><LISTED_ON>2016-03-02</LISTED_ON>"
        f"<LIST_TYPE><VALUE>UN List</VALUE></LIST_TYPE>"
        f"<ENTITY_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>ALIAS {entity_name(n)}</ALIAS_NAME>"
        f"</ENTITY_ALIAS><ENTITY_ADDRESS><COUNTRY>Democratic People's Republic of Korea"
        f"</COUNTRY></ENTITY_ADDRESS><SORT_KEY/><SORT_KEY_LAST_MOD/></ENTITY>"
        for n in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<CONSOLIDATED_LIST xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'dateGenerated="{date}T00:00:09.554Z"><INDIVIDUALS/>'
        f"<ENTITIES>{entities}</ENTITIES></CONSOLIDATED_LIST>\n"
    ).encode()


def write_files(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (folder / name).write_bytes(body)
    return folder


def serve_list(server: ListServer, list_id: str, files: dict[str, bytes], **route: object) -> None:
    """(Re)serve a list's files at ``/<list_id>/<name>``."""
    for name, body in files.items():
        server.serve(f"{list_id}/{name}", body, **route)


def registry_for(
    server: ListServer, sources: dict[str, tuple[str, ...]], disabled: tuple[str, ...] = ()
) -> Registry:
    """A registry whose sources download from the local server."""
    return registry_from_mapping(
        {
            list_id: {
                "title": f"test {list_id}",
                "publisher": "test",
                "format": "test",
                "enabled": list_id not in disabled,
                "files": {name: server.url(f"{list_id}/{name}") for name in names},
            }
            for list_id, names in sources.items()
        }
    )


def write_registry(
    settings: Settings, enabled: tuple[str, ...] = (), disabled: tuple[str, ...] = ()
) -> Path:
    """Write ``sources.toml`` beside the settings' (private) reference dir, which the
    catalog reads to know which downloaded lists are required: ``enabled`` ones are,
    ``disabled`` ones are known but not required. Returns the file."""
    entries = [
        f'[{list_id}]\ntitle = "test {list_id}"\npublisher = "test"\n'
        f"enabled = {'true' if list_id in enabled else 'false'}\n"
        f'[{list_id}.files]\n"list.xml" = "https://x.test/{list_id}.xml"\n'
        for list_id in (*enabled, *disabled)
    ]
    settings.reference_dir.mkdir(parents=True, exist_ok=True)
    path = settings.reference_dir / "sources.toml"
    path.write_text("\n".join(entries), encoding="utf-8")
    return path

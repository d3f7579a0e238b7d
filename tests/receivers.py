"""A real webhook receiver for tests: an ``http.server`` thread on 127.0.0.1.

A plain module (``from receivers import Receiver``). It verifies every delivery's
``X-Screening-Signature`` with the secret it is given, exactly as the README tells a
bank's receiver to, and answers with the status codes it is told to (in turn; the last
one repeats), or holds the connection open (``hang``) to stand for a receiver that never
answers.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from service.webhooks.signing import HEADER, verify


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    raw: bytes
    verified: bool

    @property
    def body(self) -> dict[str, Any]:
        return json.loads(self.raw)


class Receiver:
    def __init__(self, statuses: tuple[int, ...] = (200,), hang: bool = False) -> None:
        self.statuses = list(statuses)
        self.hang = hang
        self.secret: str | None = None
        self.received: list[Received] = []
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                header = self.headers.get(HEADER, "")
                ok = receiver.secret is not None and verify(
                    receiver.secret, header, raw, time.time()
                )
                receiver.received.append(Received(self.path, dict(self.headers.items()), raw, ok))
                if receiver.hang:
                    receiver.release.wait(60)
                status = (
                    receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                )
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/screening"

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

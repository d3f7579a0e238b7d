"""One POST: to the checked address under the URL's host name, no redirects, TLS verified."""

from __future__ import annotations

import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

from receivers import Receiver

from service.webhooks.send import post
from service.webhooks.urls import Target


def target(port: int, host: str = "hooks.example.com", scheme: str = "http") -> Target:
    return Target(scheme, host, port, "/in?x=1", ("127.0.0.1",))


def test_the_checked_address_is_reached_under_the_urls_host_name() -> None:
    with Receiver() as receiver:
        port = receiver.server.server_address[1]
        answer = post(target(port), b"{}", {"Content-Type": "application/json"}, 5.0)
    assert answer.ok and (answer.status_code, answer.error) == (200, None)
    [got] = receiver.received
    assert got.headers["Host"] == f"hooks.example.com:{port}" and got.path == "/in?x=1"


def test_a_redirect_is_not_followed_and_a_5xx_is_an_error() -> None:
    with Receiver(statuses=(302, 500)) as receiver:
        port = receiver.server.server_address[1]
        moved = post(target(port), b"{}", {}, 5.0)
        failed = post(target(port), b"{}", {}, 5.0)
    assert not moved.ok and moved.status_code == 302 and "302" in (moved.error or "")
    assert not failed.ok and failed.status_code == 500
    assert len(receiver.received) == 2  # one request each: nothing followed or retried


def test_nobody_listening_is_an_error_not_an_exception() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    answer = post(target(port), b"{}", {}, 2.0)
    assert answer.status_code is None and answer.error and not answer.ok


def test_a_certificate_not_signed_by_a_trusted_authority_is_refused(tmp_path: Path) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=hooks.example.com", "-addext", "subjectAltName=DNS:hooks.example.com",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        answer = post(target(server.server_address[1], scheme="https"), b"{}", {}, 5.0)
    finally:
        server.shutdown()
        server.server_close()
    assert answer.status_code is None and "CERTIFICATE_VERIFY_FAILED" in (answer.error or "")
    assert hits == []  # the body never reached a server we could not verify

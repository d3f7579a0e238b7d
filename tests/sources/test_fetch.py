"""The downloader against a real local HTTP server, one publisher failure per test."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from service.sources.fetch import (
    DownloadTimeout,
    DownloadTooLarge,
    FetchError,
    HTMLResponseError,
    HTTPStatusError,
    NetworkError,
    TruncatedDownload,
    download,
    looks_like_html,
)

LIST_BODY = (
    b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a'
)
ERROR_PAGE = b"<!DOCTYPE html>\n<html><head><title>Service unavailable</title></head></html>"

# path -> (status, content type, body, delay seconds, announced length or None)
ROUTES: dict[str, tuple[int, str, bytes, float, int | None]] = {
    "/sdn.csv": (200, "application/octet-stream", LIST_BODY, 0, None),
    "/error.csv": (500, "text/plain", b"internal error", 0, None),
    "/missing.csv": (404, "text/plain", b"not found", 0, None),
    "/maintenance.csv": (200, "text/html; charset=utf-8", ERROR_PAGE, 0, None),
    "/sniffed.csv": (200, "application/octet-stream", b"\n  " + ERROR_PAGE, 0, None),
    "/cut.csv": (200, "text/csv", LIST_BODY[:20], 0, len(LIST_BODY)),
    "/slow.csv": (200, "text/csv", LIST_BODY, 2.0, None),
    "/empty.csv": (200, "text/csv", b"", 0, None),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path not in ROUTES:
            self.send_error(404)
            return
        status, content_type, body, delay, length = ROUTES[self.path]
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length if length is not None else len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # the client timed out and hung up
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_download_streams_the_file_and_reports_its_sha256(base_url: str, tmp_path: Path) -> None:
    dest = tmp_path / "sdn.csv"
    got = download(f"{base_url}/sdn.csv", dest, timeout=1.0)
    assert dest.read_bytes() == LIST_BODY
    assert got.size == len(LIST_BODY)
    assert got.sha256 == hashlib.sha256(LIST_BODY).hexdigest()
    assert got.content_type == "application/octet-stream"


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        ("/error.csv", HTTPStatusError, "HTTP 500"),
        ("/missing.csv", HTTPStatusError, "HTTP 404"),
        ("/maintenance.csv", HTMLResponseError, "text/html"),
        ("/sniffed.csv", HTMLResponseError, "HTML page"),
        ("/cut.csv", TruncatedDownload, "received 20 of"),
        ("/empty.csv", TruncatedDownload, "empty"),
        ("/slow.csv", DownloadTimeout, "timed out"),
    ],
)
def test_bad_responses_raise_and_leave_no_file(
    base_url: str, tmp_path: Path, path: str, error: type[FetchError], message: str
) -> None:
    dest = tmp_path / "sdn.csv"
    with pytest.raises(error, match=message) as caught:
        download(f"{base_url}{path}", dest, timeout=0.5)
    assert caught.value.url.endswith(path)
    assert not dest.exists()


def test_http_status_error_carries_the_status(base_url: str, tmp_path: Path) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        download(f"{base_url}/error.csv", tmp_path / "x", timeout=1.0)
    assert caught.value.status == 500


def test_announced_size_above_the_cap_is_refused(base_url: str, tmp_path: Path) -> None:
    with pytest.raises(DownloadTooLarge):
        download(f"{base_url}/sdn.csv", tmp_path / "x", timeout=1.0, max_bytes=10)
    assert not (tmp_path / "x").exists()


def test_unreachable_host_is_a_network_error(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(NetworkError):
        download(f"http://127.0.0.1:{port}/sdn.csv", tmp_path / "x", timeout=1.0)


def test_only_http_urls_are_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("x")
    with pytest.raises(FetchError, match="only http"):
        download(secret.as_uri(), tmp_path / "x", timeout=1.0)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"<!DOCTYPE html><html>", True),
        (b"\xef\xbb\xbf  \r\n<HTML lang='en'>", True),
        (b"<?xml version='1.0'?><CONSOLIDATED_LIST>", False),
        (b'36,"AEROCARIBBEAN AIRLINES",-0- ', False),
        (b"Last Updated,14/04/2025\r\n", False),
    ],
)
def test_looks_like_html(head: bytes, expected: bool) -> None:
    assert looks_like_html(head) is expected

"""Download one publisher file to disk: the only network code in the service.

Publishers fail in ways that look like success: a maintenance page served with 200,
a connection cut mid-file, a server that accepts and never answers. Every one of those
must become an exception here, so that a bad download can never replace a good list.
"""

from __future__ import annotations

import hashlib
import http.client
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
"""Largest file we accept; the biggest official list (EU FSF XML) is about 25 MB."""

USER_AGENT = "sanctions-screening/0.1 (list updater)"
_CHUNK = 64 * 1024
_SNIFF = 1024


class FetchError(Exception):
    """A download did not produce a complete, plausible publisher file."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url


class HTTPStatusError(FetchError):
    """The server answered with a status other than 2xx."""

    def __init__(self, url: str, status: int, reason: str = "") -> None:
        super().__init__(url, f"HTTP {status} {reason}".rstrip())
        self.status = status


class HTMLResponseError(FetchError):
    """The server sent an HTML page (error, login, maintenance) instead of the list."""


class DownloadTimeout(FetchError):
    """Connecting or reading took longer than the timeout."""


class TruncatedDownload(FetchError):
    """The connection ended before the announced length arrived."""


class DownloadTooLarge(FetchError):
    """The file is larger than the size cap."""


class NetworkError(FetchError):
    """The host could not be reached (DNS, refused connection, TLS failure)."""


@dataclass(frozen=True, slots=True)
class Download:
    """A completed download: where it is and what it was."""

    url: str
    path: Path
    size: int
    sha256: str
    content_type: str


def download(
    url: str,
    dest: Path,
    *,
    timeout: float,
    max_bytes: int = DEFAULT_MAX_BYTES,
    deadline: float | None = None,
) -> Download:
    """Stream ``url`` into ``dest`` and return its size and sha256.

    ``timeout`` bounds the connect and every socket read; ``deadline`` (seconds, default
    ten timeouts) bounds the whole transfer, so a server that drips one byte at a time
    cannot hold the updater forever. On any failure ``dest`` is removed.
    """
    if not url.startswith(("https://", "http://")):
        raise FetchError(url, "only http(s) URLs can be downloaded")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    stop_at = time.monotonic() + (deadline if deadline is not None else timeout * 10)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return _save(url, response, dest, max_bytes, stop_at)
    except FetchError:
        dest.unlink(missing_ok=True)
        raise
    except Exception as exc:
        dest.unlink(missing_ok=True)
        translated = _translate(url, exc)
        if translated is None:
            raise
        raise translated from exc


def _save(
    url: str, response: http.client.HTTPResponse, dest: Path, max_bytes: int, stop_at: float
) -> Download:
    content_type = response.headers.get_content_type() if response.headers else ""
    if not 200 <= response.status < 300:
        raise HTTPStatusError(url, response.status, response.reason)
    if content_type in {"text/html", "application/xhtml+xml"}:
        raise HTMLResponseError(url, f"served {content_type} instead of the list file")
    announced = _content_length(response)
    if announced is not None and announced > max_bytes:
        raise DownloadTooLarge(url, f"announced {announced} bytes, cap is {max_bytes}")
    digest, size = _stream(url, response, dest, max_bytes, stop_at)
    if announced is not None and size != announced:
        raise TruncatedDownload(url, f"received {size} of {announced} bytes")
    if size == 0:
        raise TruncatedDownload(url, "empty response body")
    return Download(url, dest, size, digest, content_type)


def _stream(
    url: str, response: http.client.HTTPResponse, dest: Path, max_bytes: int, stop_at: float
) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with dest.open("wb") as out:
        while chunk := response.read(_CHUNK):
            if size == 0 and looks_like_html(chunk[:_SNIFF]):
                raise HTMLResponseError(url, "response body is an HTML page")
            size += len(chunk)
            if size > max_bytes:
                raise DownloadTooLarge(url, f"more than {max_bytes} bytes")
            if time.monotonic() > stop_at:
                raise DownloadTimeout(url, "transfer exceeded its overall deadline")
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def looks_like_html(head: bytes) -> bool:
    """True when a body starts like an HTML document (BOM and whitespace ignored)."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    return text.startswith((b"<!doctype html", b"<html")) or b"<html" in text[:_SNIFF]


def _content_length(response: http.client.HTTPResponse) -> int | None:
    raw = response.headers.get("Content-Length") if response.headers else None
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def _translate(url: str, exc: Exception) -> FetchError | None:
    """Map urllib/socket exceptions onto our types; ``None`` lets others propagate."""
    if isinstance(exc, urllib.error.HTTPError):
        return HTTPStatusError(url, exc.code, str(exc.reason or ""))
    if isinstance(exc, http.client.IncompleteRead):
        return TruncatedDownload(url, f"connection closed after {len(exc.partial)} bytes")
    if isinstance(exc, TimeoutError | socket.timeout):
        return DownloadTimeout(url, "timed out")
    if isinstance(exc, urllib.error.URLError):
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            return DownloadTimeout(url, "timed out while connecting")
        return NetworkError(url, str(exc.reason))
    if isinstance(exc, http.client.HTTPException | ConnectionError):
        return NetworkError(url, f"{type(exc).__name__}: {exc}")
    return None

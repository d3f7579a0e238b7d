"""One HTTP POST to a webhook receiver, to the address the URL policy just checked.

We use urllib3 (the transport under ``requests``) directly because it lets us connect to
an address of our choosing while still verifying the certificate for the host name
(``server_hostname``/``assert_hostname``): the address we checked is the address we
reach, so DNS cannot be switched between check and connection. No redirects are
followed (a 3xx is a failed attempt), nothing is retried here (the sweep retries), and
at most :data:`MAX_READ` bytes of the answer are read.
"""

from __future__ import annotations

from dataclasses import dataclass

import urllib3
from urllib3.exceptions import HTTPError

from service.webhooks.urls import Target

MAX_READ = 64 * 1024


@dataclass(frozen=True)
class Answer:
    """What one attempt got: the receiver's status, or why there was none."""

    status_code: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post(target: Target, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
    """POST ``body`` to ``target`` at its first checked address; never raises for the
    receiver's failures (they are the answer)."""
    address = target.addresses[0]
    options = {
        "host": address,
        "port": target.port,
        "timeout": urllib3.Timeout(connect=timeout, read=timeout),
        "retries": False,
        "maxsize": 1,
    }
    if target.scheme == "https":
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            **options,  # type: ignore[arg-type]
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
        )
    else:
        pool = urllib3.HTTPConnectionPool(**options)  # type: ignore[arg-type]
    host = target.host if ":" not in target.host else f"[{target.host}]"
    default_port = 443 if target.scheme == "https" else 80
    host_header = host if target.port == default_port else f"{host}:{target.port}"
    try:
        with pool:
            response = pool.urlopen(
                "POST",
                target.path,
                body=body,
                headers={**headers, "Host": host_header},
                redirect=False,
                retries=False,
                preload_content=False,
                assert_same_host=False,
            )
            response.read(MAX_READ)
            response.release_conn()
            code = response.status
    except HTTPError as exc:
        return Answer(None, _short(exc))
    except OSError as exc:
        return Answer(None, _short(exc))
    if 200 <= code < 300:
        return Answer(code, None)
    return Answer(code, f"the receiver answered HTTP {code}")


def _short(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 480 else text[:477] + "..."

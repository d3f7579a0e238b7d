"""Which webhook URLs we post to: ``https`` to public addresses only, unless configured.

Checked when a webhook is registered and again before every attempt, after resolving
the host name, and the attempt then connects to the very address that was checked: a
name that later resolves into the bank's network (DNS rebinding) is refused rather than
followed. What is refused, and what lifts it:

* loopback (127/8, ::1, ``localhost``): ``SCREENING_WEBHOOKS_ALLOW_HTTP`` (development;
  it also allows plain ``http`` there, and only there);
* private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7 and every other
  non-global range): ``SCREENING_WEBHOOKS_ALLOW_PRIVATE``;
* link-local (169.254/16, fe80::/10), cloud metadata addresses, unspecified, multicast
  and reserved addresses: always.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from service.settings import Settings

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200")
)
"""Cloud instance metadata services (AWS, ECS, AWS IPv6, Alibaba): never a receiver."""
MAX_URL = 2048


class RefusedUrl(ValueError):
    """The URL may not receive webhooks; the message says why and what would allow it."""

    field = "url"


@dataclass(frozen=True)
class Target:
    """A checked URL's parts, and the addresses its host resolved to (all allowed)."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def check_url(url: str, settings: Settings, resolver: Resolver | None = None) -> Target:
    """The URL's target if we may post to it now; raises :class:`RefusedUrl`."""
    scheme, host, port, path = _parse(url)
    addresses = tuple((resolver or resolve)(host, port))
    if not addresses:
        raise RefusedUrl(f"The host {host} does not resolve to any address.")
    for address in addresses:
        _check_address(_ip(address), host, settings)
    if scheme == "http" and not all(_ip(a).is_loopback for a in addresses):
        raise RefusedUrl("Webhook URLs must use https (plain http only to loopback, in "
                         "development, with SCREENING_WEBHOOKS_ALLOW_HTTP).")  # fmt: skip
    return Target(scheme, host, port, path, addresses)


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal is its own address)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise RefusedUrl(f"The host {host} does not resolve: {exc}.") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _parse(url: str) -> tuple[str, str, int, str]:
    if len(url) > MAX_URL:
        raise RefusedUrl(f"The URL is longer than {MAX_URL} characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise RefusedUrl(f"Not a URL: {exc}.") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise RefusedUrl("Webhook URLs must use https.")
    if not parts.hostname:
        raise RefusedUrl("The URL has no host.")
    if parts.username is not None or parts.password is not None:
        raise RefusedUrl("Put no credentials in the URL: deliveries are signed instead.")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return scheme, parts.hostname.rstrip("."), port or (443 if scheme == "https" else 80), path


def _ip(address: str) -> IpAddress:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone (fe80::1%eth0)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    return ip


def _check_address(ip: IpAddress, host: str, settings: Settings) -> None:
    where = f"{host} ({ip})" if host != str(ip) else str(ip)
    if ip in METADATA:
        raise RefusedUrl(f"{where} is a cloud metadata address; never a webhook target.")
    if ip.is_loopback:
        if not settings.webhooks_allow_http:
            raise RefusedUrl(f"{where} is a loopback address (allowed only in development, "
                             "with SCREENING_WEBHOOKS_ALLOW_HTTP).")  # fmt: skip
        return
    if ip.is_link_local or ip.is_unspecified or ip.is_multicast or ip.is_reserved:
        raise RefusedUrl(f"{where} is a link-local, unspecified, multicast or reserved "
                         "address; never a webhook target.")  # fmt: skip
    if not ip.is_global and not settings.webhooks_allow_private:
        raise RefusedUrl(f"{where} is in a private network (allowed only with "
                         "SCREENING_WEBHOOKS_ALLOW_PRIVATE).")  # fmt: skip

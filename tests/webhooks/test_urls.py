"""The URL policy, table-driven: what may receive webhooks under which settings."""

from __future__ import annotations

import pytest

from service.settings import Settings
from service.webhooks.urls import RefusedUrl, check_url

STRICT = Settings()
DEV = Settings(webhooks_allow_http=True)
PRIVATE = Settings(webhooks_allow_private=True)
EVERYTHING = Settings(webhooks_allow_http=True, webhooks_allow_private=True)


def fixed(*addresses: str):
    """A resolver answering ``addresses`` for any name (a DNS answer we choose)."""
    return lambda host, port: list(addresses)


@pytest.mark.parametrize(
    ("url", "settings", "why"),
    [
        ("https://10.0.0.5/hook", STRICT, "private network"),
        ("https://10.255.1.1/hook", DEV, "private network"),
        ("https://192.168.1.20/hook", STRICT, "private network"),
        ("https://172.16.4.4/hook", STRICT, "private network"),
        ("https://100.64.1.1/hook", STRICT, "private network"),
        ("https://[fd12::1]/hook", STRICT, "private network"),
        ("https://[::ffff:10.0.0.1]/hook", STRICT, "private network"),
        ("https://169.254.169.254/latest/meta-data/", EVERYTHING, "metadata"),
        ("https://[fd00:ec2::254]/", EVERYTHING, "metadata"),
        ("https://100.100.100.200/", EVERYTHING, "metadata"),
        ("https://169.254.1.1/hook", EVERYTHING, "link-local"),
        ("https://[fe80::1]/hook", EVERYTHING, "link-local"),
        ("https://0.0.0.0/hook", EVERYTHING, "unspecified"),
        ("https://224.0.0.1/hook", EVERYTHING, "multicast"),
        ("https://[::1]/hook", STRICT, "loopback"),
        ("https://127.0.0.1/hook", PRIVATE, "loopback"),
        ("https://127.1.2.3:8443/hook", STRICT, "loopback"),
        ("https://localhost/hook", STRICT, "loopback"),
        ("http://127.0.0.1:8080/hook", STRICT, "loopback"),
        ("http://8.8.8.8/hook", EVERYTHING, "https"),
        ("http://10.0.0.5/hook", EVERYTHING, "https"),
        ("ftp://8.8.8.8/hook", EVERYTHING, "https"),
        ("https://user:pw@8.8.8.8/hook", EVERYTHING, "credentials"),
        ("https:///hook", EVERYTHING, "no host"),
        ("https://8.8.8.8:99999/", EVERYTHING, "Not a URL"),
        ("https://" + "a" * 2050 + ".com/", EVERYTHING, "longer"),
    ],
)
def test_refused(url: str, settings: Settings, why: str) -> None:
    with pytest.raises(RefusedUrl, match=why) as refused:
        check_url(url, settings)
    assert refused.value.field == "url"


@pytest.mark.parametrize(
    ("url", "settings"),
    [
        ("https://8.8.8.8/hook", STRICT),
        ("https://[2001:4860:4860::8888]:8443/hook?x=1", STRICT),
        ("https://10.0.0.5/hook", PRIVATE),
        ("https://192.168.1.20/hook", PRIVATE),
        ("https://127.0.0.1/hook", DEV),
        ("http://127.0.0.1:8080/hook", DEV),
        ("http://[::1]:8080/hook", DEV),
        ("http://localhost:8080/hook", DEV),
    ],
)
def test_allowed(url: str, settings: Settings) -> None:
    target = check_url(url, settings)
    assert target.addresses and target.path.startswith("/hook")


def test_a_name_is_judged_by_every_address_it_resolves_to() -> None:
    """DNS rebinding: a public name answering with a private address is refused, and
    one private address among public ones is enough to refuse."""
    with pytest.raises(RefusedUrl, match=r"hooks\.example\.com \(10\.0\.0\.7\)"):
        check_url("https://hooks.example.com/h", STRICT, fixed("10.0.0.7"))
    with pytest.raises(RefusedUrl, match="metadata"):
        check_url("https://hooks.example.com/h", STRICT, fixed("8.8.8.8", "169.254.169.254"))
    with pytest.raises(RefusedUrl, match="does not resolve"):
        check_url("https://hooks.example.com/h", STRICT, fixed())
    target = check_url("https://hooks.example.com/h", STRICT, fixed("8.8.4.4"))
    assert (target.host, target.port, target.addresses) == ("hooks.example.com", 443, ("8.8.4.4",))


def test_a_name_that_does_not_resolve_is_refused() -> None:
    with pytest.raises(RefusedUrl, match="does not resolve"):
        check_url("https://no-such-host.invalid/h", EVERYTHING)

"""End to end in headless chromium: console sign-in, CSRF and lock-out on a real server.

The page's own requests carry the CSRF token; a request forged without it, from inside
the signed-in page, is refused. Wrong passwords lock the account; the right one is then
refused too. Uses the WebDriver client of ``test_console_browser``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e.servers import Server, start
from e2e.test_console_browser import PASSWORD, REVIEWER, Browser, add_reviewer, browser, sign_in

pytestmark = pytest.mark.e2e

__all__ = ["browser"]  # the module-scoped chromium fixture, shared


@pytest.fixture(scope="module")
def locking_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("login-e2e")
    add_reviewer(tmp)
    srv = start(tmp, {"SCREENING_LOGIN_MAX_FAILURES": "3"})
    try:
        yield srv
    finally:
        srv.stop()


FETCH = """
const done = arguments[arguments.length - 1];
fetch(arguments[0], {method: "POST", headers: arguments[1],
                     body: JSON.stringify({name: "Acme"})})
  .then(r => done(r.status)).catch(e => done(String(e)));
"""


def test_signed_in_page_screens_but_a_request_without_the_token_is_refused(
    browser: Browser, locking_server: Server
) -> None:
    sign_in(browser, locking_server.url)
    assert browser.js("return document.cookie;") == ""  # HttpOnly: scripts cannot read it
    token = browser.js(
        "const r = new XMLHttpRequest(); r.open('GET', '/console/session', false); r.send();"
        "return JSON.parse(r.responseText).csrf_token;"
    )
    with_token = browser.js_async(FETCH, "/v1/screen", {"Content-Type": "application/json",
                                                        "X-CSRF-Token": token})  # fmt: skip
    without = browser.js_async(FETCH, "/v1/screen", {"Content-Type": "application/json"})
    assert (with_token, without) == (200, 403)
    browser.type("#name", "Banco Nacional de Cuba")
    browser.press_enter("#name")
    assert browser.wait_text("#decision", bool).startswith("BLOCK")


def test_repeated_failures_lock_the_account_in_the_browser(
    browser: Browser, locking_server: Server, tmp_path: Path
) -> None:
    for attempt in range(3):
        browser.get(f"{locking_server.url}/console/login")
        browser.type("#name", REVIEWER)
        browser.type("#password", f"wrong password {attempt}")
        browser.press_enter("#password")
        message = browser.wait_text("#login-error", bool)
    assert "locked" in message
    browser.get(f"{locking_server.url}/console/login")
    browser.type("#name", REVIEWER)
    browser.type("#password", PASSWORD)
    browser.press_enter("#password")
    assert "locked" in browser.wait_text("#login-error", bool)
    browser.screenshot(tmp_path / "locked.png")

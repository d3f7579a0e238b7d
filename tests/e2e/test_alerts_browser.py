"""End to end in headless chromium: an analyst clears a false positive in the alert
console, a second person approves it, and the next screening of the same customer comes
back clear with the match marked suppressed; the suppression is then revoked on the page.
A real ``screening serve`` over the bundled sample list; users made with the CLI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e.servers import Server, create_user, start
from e2e.test_console_browser import Browser, browser
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.e2e

__all__ = ["browser"]  # the module-scoped chromium fixture, shared

PASSWORD = "a long enough password"
CUSTOMER = {"name": "Banco Nacional de Cuba", "customer_id": "CUST-77"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("alerts-e2e")
    srv = start(tmp)  # first start: the bootstrap admin key the test screens with
    create_user(tmp, "ana", "analyst", PASSWORD)
    create_user(tmp, "paul", "approver", PASSWORD)
    try:
        yield srv
    finally:
        srv.stop()


def sign_in_to_alerts(browser: Browser, url: str, name: str) -> None:
    browser.driver.delete_all_cookies()  # the previous person's session goes
    browser.get(f"{url}/console/login")
    browser.type("#name", name)
    browser.type("#password", PASSWORD)
    browser.press_enter("#password")
    browser.wait_text("#signed-in", lambda t: name in t)
    browser.get(f"{url}/console/alerts")
    browser.wait_text("#signed-in", lambda t: name in t)


def click(browser: Browser, css: str) -> None:
    browser.driver.find_element(By.CSS_SELECTOR, css).click()


def test_clear_approve_and_the_next_screening_is_suppressed(
    browser: Browser, server: Server, tmp_path: Path
) -> None:
    first = server.screen(**CUSTOMER)
    assert first["decision"] == "block"

    sign_in_to_alerts(browser, server.url, "ana")
    browser.wait_text("#queue-rows", lambda t: "Banco Nacional de Cuba" in t)
    assert "Open 1" in browser.text("#counts")
    click(browser, "#queue-rows button")
    browser.wait_text("#alert-matches", lambda t: "BANCO NACIONAL DE CUBA" in t)
    click(browser, "#assign")
    browser.wait_text("#action-result", lambda t: "in_review" in t)
    browser.js("document.getElementById('d-reason').value = 'different_country';")
    browser.type("#d-note", "Our customer is a <b>bakery</b> in Lisbon")
    click(browser, "#decision-form button[type=submit]")
    browser.wait_text("#action-result", lambda t: "pending_approval" in t)
    assert browser.text("#approval-form") == ""  # hidden: ana may not approve

    sign_in_to_alerts(browser, server.url, "paul")
    browser.wait_text("#queue-rows", lambda t: "pending_approval" in t)
    click(browser, "#queue-rows button")
    history = browser.wait_text("#alert-events", lambda t: "decided" in t)
    assert "<b>bakery</b>" in history  # a note is text, never markup
    click(browser, "#approve")
    browser.wait_text("#action-result", lambda t: "closed" in t)
    browser.wait_text("#suppressions", lambda t: "Banco Nacional de Cuba" in t)
    browser.screenshot(tmp_path / "alerts.png")

    again = server.screen(**CUSTOMER)
    assert again["decision"] == "clear"
    assert again["matches"][0]["suppressed"]["approved_by"].startswith("user:")

    click(browser, "#suppressions button")
    browser.wait_text("#suppressions", lambda t: "Banco Nacional de Cuba" not in t)
    assert server.screen(**CUSTOMER)["decision"] == "block"

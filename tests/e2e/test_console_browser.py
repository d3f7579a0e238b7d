"""End to end: the reviewer console and /docs in Debian's headless chromium, against a
real ``screening serve`` (gunicorn) over our bundled sample list.

The browser is driven through chromedriver's W3C WebDriver HTTP protocol with
``requests`` (already a test dependency): a dozen endpoints are all we need, so no
selenium. Skips only when chromium or chromedriver is not installed.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from e2e.servers import Server, free_port, start, terminate

pytestmark = pytest.mark.e2e

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WAIT = 30.0
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C web element key


class Browser:
    """One chromium session behind a chromedriver process, spoken to over WebDriver."""

    def __init__(self, tmp: Path) -> None:
        self.driver_url = f"http://127.0.0.1:{free_port()}"
        self.log = (tmp / "chromedriver.log").open("w+")
        self.driver = subprocess.Popen(
            [CHROMEDRIVER, f"--port={self.driver_url.rsplit(':', 1)[1]}"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.session = ""
        self._wait_driver()
        caps = {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new",
                    "--no-sandbox",  # CI runs as root
                    "--disable-dev-shm-usage",
                    "--disable-gpu",
                    "--window-size=1280,1500",
                ],
            },
        }
        value = self._call("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
        self.session = value["sessionId"]

    def _wait_driver(self) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.driver.poll() is not None:
                pytest.fail(f"chromedriver exited with {self.driver.returncode}")
            try:
                if requests.get(f"{self.driver_url}/status", timeout=1).json()["value"]["ready"]:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        pytest.fail("chromedriver not ready")

    def _call(self, method: str, path: str, body: dict | None = None) -> object:
        prefix = f"/session/{self.session}" if self.session else ""
        response = requests.request(
            method, f"{self.driver_url}{prefix}{path}", json=body, timeout=60
        )
        payload = response.json()
        assert response.status_code == 200, payload
        return payload["value"]

    def get(self, url: str) -> None:
        self._call("POST", "/url", {"url": url})

    def find(self, css: str) -> str:
        found = self._call("POST", "/element", {"using": "css selector", "value": css})
        assert isinstance(found, dict) and ELEMENT in found, found
        return found[ELEMENT]

    def js(self, script: str, *args: object) -> object:
        return self._call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def type(self, css: str, text: str) -> None:
        element = self.find(css)
        self._call("POST", f"/element/{element}/clear", {})
        if text:
            self._call("POST", f"/element/{element}/value", {"text": text})

    def press_enter(self, css: str) -> None:
        """Submit by keyboard, as a reviewer would."""
        self._call("POST", f"/element/{self.find(css)}/value", {"text": "\ue007"})

    def text(self, css: str) -> str:
        """Text of the first element matching ``css``; '' when none is displayed."""
        return self.js(
            "const n = document.querySelector(arguments[0]);"
            "return n && n.getClientRects().length ? n.innerText : '';",
            css,
        )

    def wait_text(self, css: str, ok: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            text = self.text(css)
            if ok(text):
                return text
            time.sleep(0.1)
        pytest.fail(f"{css!r} never satisfied the check; last text: {self.text(css)!r}")

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self._call("GET", "/screenshot")))
        return path

    def close(self) -> None:
        try:
            if self.session:
                self._call("DELETE", "")
        finally:
            try:
                terminate(self.driver, timeout=30)
            finally:
                self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("console-e2e")
    srv = start(tmp)  # no lists folder: the bundled sample
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not installed; "
            "install with: apt-get install -y chromium chromium-driver"
        )
    browser = Browser(tmp_path_factory.mktemp("chromium"))
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def open_console(browser: Browser, server: Server) -> None:
    browser.get(f"{server.url}/")
    browser.wait_text("#lists-choices", lambda t: "ofac_sdn" in t)


def screen(browser: Browser, name: str) -> None:
    browser.type("#name", name)
    browser.press_enter("#name")


def test_listed_bank_blocks_with_its_entity_and_the_sample_banner(
    browser: Browser, server: Server, screens: Path
) -> None:
    open_console(browser, server)
    screen(browser, "Banco Nacional de Cuba")
    assert browser.wait_text("#decision", bool).startswith("BLOCK")
    matches = browser.text("#matches")
    assert "BANCO NACIONAL DE CUBA" in matches and "306" in matches
    assert "Matched name\nBANCO NACIONAL DE CUBA (primary)" in matches
    assert "Programs\nCUBA" in matches and "Countries\nCH, CU" in matches
    assert "same word" in matches  # the token alignment, in words
    assert "[object" not in browser.text("#result")
    assert "SAMPLE" in browser.text("#sample-banner")
    assert "sha256:" in browser.text("#lists-screened")
    shot = browser.screenshot(screens / "console-block.png")
    print(f"screenshot: {shot}")


def test_page_loads_nothing_from_outside(browser: Browser, server: Server) -> None:
    open_console(browser, server)
    urls = browser.js("return performance.getEntriesByType('resource').map(e => e.name);")
    assert urls and all(url.startswith(server.url) for url in urls), urls


def test_empty_name_shows_the_field_error_next_to_the_field(
    browser: Browser, server: Server, screens: Path
) -> None:
    open_console(browser, server)
    screen(browser, "")
    error = browser.wait_text("#name-error", bool)
    assert "empty" in error.lower() or "required" in error.lower()
    assert browser.js("return document.getElementById('name').getAttribute('aria-invalid');")
    assert "not a clear result" in browser.text("#problem")
    assert browser.text("#decision") == ""
    browser.screenshot(screens / "console-field-error.png")


def test_misspelt_name_in_another_country_asks_for_review_and_says_why(
    browser: Browser, server: Server, screens: Path
) -> None:
    open_console(browser, server)
    browser.type("#country", "France")
    screen(browser, "Banco Nacionl de Cubba")
    assert browser.wait_text("#decision", bool).startswith("REVIEW")
    assert "country differs" in browser.text("#reasons")
    explanation = browser.text("#matches")
    assert "spelled slightly differently" in explanation
    assert "Country: you gave FR, the list has CH, CU." in explanation
    browser.screenshot(screens / "console-review.png")
    browser.type("#country", "")


def test_clean_name_is_clear(browser: Browser, server: Server) -> None:
    open_console(browser, server)
    screen(browser, "Greenfield Bakery Ltd")
    assert browser.wait_text("#decision", bool).startswith("CLEAR")
    assert "No listed name matched" in browser.text("#matches")


def test_hostile_name_is_shown_as_text(browser: Browser, server: Server) -> None:
    open_console(browser, server)
    screen(browser, '<img src=x onerror="document.title=1">Zyx')
    browser.wait_text("#decision", bool)
    assert browser.js("return document.querySelectorAll('#result img').length;") == 0
    assert "<img src=x" in browser.text("#screened")


def test_docs_render_the_operations_offline(
    browser: Browser, server: Server, screens: Path
) -> None:
    browser.get(f"{server.url}/docs")
    operations = browser.wait_text("#swagger-ui-container", lambda t: "/v1/screen" in t)
    assert "/v1/lists" in operations and "/v1/screen/transaction" in operations
    urls = browser.js("return performance.getEntriesByType('resource').map(e => e.name);")
    assert all(url.startswith(server.url) for url in urls), urls
    browser.screenshot(screens / "docs.png")


def test_no_list_loaded_says_unavailable_and_never_clear(
    browser: Browser, tmp_path: Path, screens: Path
) -> None:
    (tmp_path / "lists").mkdir()
    # Its lists folder is empty: it answers /healthz, but /readyz stays 503 by design.
    srv = start(tmp_path, {"SCREENING_LISTS_DIR": str(tmp_path / "lists")}, probe="/healthz")
    try:
        browser.get(f"{srv.url}/console")
        assert "unavailable" in browser.wait_text("#service-error", bool)
        screen(browser, "Banco Nacional de Cuba")
        problem = browser.wait_text("#problem", bool)
        assert "HTTP 503" in problem and "not a clear result" in problem
        assert "unavailable" in browser.text("#service-error")  # still shown after submit
        assert browser.text("#decision") == ""
        browser.screenshot(screens / "console-unavailable.png")
    finally:
        srv.stop()

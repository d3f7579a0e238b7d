"""End to end: the reviewer console and /docs in Debian's headless chromium, against a
real ``screening serve`` (gunicorn) over our bundled sample list.

The browser is driven with selenium through Debian's ``chromedriver``: both paths are given
explicitly and ``SE_OFFLINE`` is set, so Selenium Manager never looks for (or downloads) a
driver or a browser of its own. Selenium rather than playwright because playwright pins the
browser build it speaks to and ships a node driver, while chromedriver comes from the same
Debian source package as chromium and always matches it. A missing chromium or chromedriver
goes through ``realparts.missing``: a failure under CI, a skip elsewhere.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from e2e.servers import Server, create_user, start
from realparts import missing
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.e2e

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WAIT = 30.0
HEADLESS = (
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,1500",
)


def chromium_driver(log: Path) -> webdriver.Chrome:
    """Debian's chromium behind Debian's chromedriver; nothing fetched from anywhere."""
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager, should it ever run, stays offline
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in HEADLESS:
        options.add_argument(flag)
    service = Service(executable_path=CHROMEDRIVER, service_args=[f"--log-path={log}"])
    return webdriver.Chrome(service=service, options=options)


class Browser:
    """The few things the tests do with a page, in the words the tests use."""

    def __init__(self, tmp: Path) -> None:
        self.driver = chromium_driver(tmp / "chromedriver.log")

    def get(self, url: str) -> None:
        self.driver.get(url)

    def js(self, script: str, *args: object) -> object:
        return self.driver.execute_script(script, *args)

    def js_async(self, script: str, *args: object) -> object:
        """Run ``script``; its last argument is the callback that returns the value."""
        return self.driver.execute_async_script(script, *args)

    def type(self, css: str, text: str) -> None:
        element = self.driver.find_element(By.CSS_SELECTOR, css)
        element.clear()
        if text:
            element.send_keys(text)

    def press_enter(self, css: str) -> None:
        """Submit by keyboard, as a reviewer would."""
        self.driver.find_element(By.CSS_SELECTOR, css).send_keys(Keys.ENTER)

    def text(self, css: str) -> str:
        """Text of the first element matching ``css``; '' when none is displayed."""
        return self.js(
            "const n = document.querySelector(arguments[0]);"
            "return n && n.getClientRects().length ? n.innerText : '';",
            css,
        )

    def wait_text(self, css: str, ok: Callable[[str], bool]) -> str:
        seen = [""]

        def satisfied(_: object) -> bool:
            seen[0] = self.text(css)
            return ok(seen[0])

        try:
            WebDriverWait(self.driver, WAIT, poll_frequency=0.1).until(satisfied)
        except TimeoutException:
            pytest.fail(f"{css!r} never satisfied the check; last text: {seen[0]!r}")
        return seen[0]

    def screenshot(self, path: Path) -> Path:
        assert self.driver.save_screenshot(str(path))
        return path

    def close(self) -> None:
        self.driver.quit()


REVIEWER, PASSWORD = "reviewer", "a long reviewer password"


def add_reviewer(tmp: Path, settings: dict[str, str] | None = None) -> None:
    """The reviewer (an admin), made as an admin would make one."""
    create_user(tmp, REVIEWER, "admin", PASSWORD, settings)


def sign_in(browser: Browser, base_url: str) -> None:
    browser.get(f"{base_url}/console/login")
    browser.type("#name", REVIEWER)
    browser.type("#password", PASSWORD)
    browser.press_enter("#password")
    browser.wait_text("#signed-in", lambda t: REVIEWER in t)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("console-e2e")
    add_reviewer(tmp)
    srv = start(tmp)  # no lists folder: the bundled sample
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    absent = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if absent:
        missing(
            f"{', '.join(absent)} not installed; "
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


def settled_signed_in(browser: Browser, base_url: str) -> None:
    """Open the console and sign in if the page sends us to the login form.

    Without a session the console only learns it must go to the login form once its
    session request comes back, so the path is read after the page has settled (on the
    login form, or showing who is signed in), never straight after loading it.
    """
    browser.get(f"{base_url}/")
    settled = (
        "return location.pathname.startsWith('/console/login') ? 'login'"
        " : ((document.getElementById('signed-in') || {}).innerText || '').includes(arguments[0])"
        " ? 'in' : '';"
    )
    try:
        state = WebDriverWait(browser.driver, WAIT, poll_frequency=0.1).until(
            lambda _: browser.js(settled, REVIEWER)
        )
    except TimeoutException:
        pytest.fail("the console neither sent us to the login form nor showed who is signed in")
    if state == "login":
        sign_in(browser, base_url)


def open_console(browser: Browser, server: Server) -> None:
    settled_signed_in(browser, server.url)
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
    add_reviewer(tmp_path)
    srv = start(tmp_path, {"SCREENING_LISTS_DIR": str(tmp_path / "lists")}, probe="/healthz")
    try:
        sign_in(browser, srv.url)
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


UN_ONE = (
    '<CONSOLIDATED_LIST dateGenerated="2026-02-01T00:00:00.000Z"><INDIVIDUALS><INDIVIDUAL>'
    "<FIRST_NAME>ABU HAMZA</FIRST_NAME><SECOND_NAME>AL-FARISI</SECOND_NAME>"
    "<UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.901</REFERENCE_NUMBER>"
    "</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>"
)


def test_one_card_per_party_with_every_listing(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory, screens: Path
) -> None:
    """Our UK Sanctions List fixture cites UN QDi.901: the two listings are one party."""
    tmp = tmp_path_factory.mktemp("console-targets")
    lists = tmp / "lists"
    (lists / "un").mkdir(parents=True)
    (lists / "un" / "consolidated.xml").write_text(UN_ONE)
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "uk_sl" / "xml", lists / "uk_sl")
    add_reviewer(tmp)
    srv = start(tmp, {"SCREENING_LISTS_DIR": str(lists)})
    try:
        sign_in(browser, srv.url)
        browser.get(f"{srv.url}/console")
        browser.wait_text("#lists-choices", lambda t: "uk_sl" in t)
        screen(browser, "Abu Hamza al-Farisi")
        browser.wait_text("#decision", bool)
        assert browser.js("return document.querySelectorAll('#matches .target').length;") == 1
        assert browser.js("return document.querySelectorAll('#matches .match').length;") == 2
        listings = browser.text("#matches .listings")
        assert listings.startswith("Listed 2 times:")
        assert "uk_sl AQD9004" in listings and "un QDi.901" in listings
        browser.screenshot(screens / "console-one-party.png")
    finally:
        srv.stop()


def test_rules_page_shows_each_rule_with_its_dated_tables(
    browser: Browser, server: Server, screens: Path
) -> None:
    settled_signed_in(browser, server.url)
    browser.get(f"{server.url}/console/rules")
    browser.wait_text("#ruleset", lambda t: "rules" in t and "Loading" not in t)
    row = browser.text("#rule-EXP-02")
    assert "CHPL goods through a diversion country" in row and "45" in row
    assert "chpl, as of 2024-02-23, checked" in row and "diversion, as of" in row
    assert "block" in browser.text("#rule-CAP-01") and "price_cap" in browser.text("#rule-CAP-01")
    price_cap = browser.text("#table-price_cap")
    assert "2026-02-01" in price_cap and "a review was due on 2026-07-15" in price_cap
    assert "[object" not in browser.text("#rules")
    shot = browser.screenshot(screens / "console-rules.png")
    print(f"screenshot: {shot}")

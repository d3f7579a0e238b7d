"""The reviewer console page and the /docs assets are served by us, with nothing from
outside; the browser behaviour itself is in ``tests/e2e/test_console_browser.py``."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from service.api import console

STATIC = Path(console.__file__).resolve().parent / "static" / "console"
EXTERNAL = re.compile(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)
FIELDS = ("name", "entity_type", "country", "date_of_birth", "threshold")


class Page(HTMLParser):
    """The ids, label targets and asset URLs (src/href) of one HTML document."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.labelled: set[str] = set()
        self.urls: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"])
        if tag == "label" and values.get("for"):
            self.labelled.add(values["for"])
        for key in ("src", "href"):
            if values.get(key):
                self.urls.append(values[key])


def page(client: FlaskClient, path: str) -> Page:
    response = client.get(path)
    assert response.status_code == 200
    return Page(response.get_data(as_text=True))


def test_root_redirects_to_the_console(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/console")


def test_console_page_is_served_same_origin_only(client: FlaskClient) -> None:
    response = client.get("/console")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp


def test_every_field_has_a_label_and_an_error_slot(client: FlaskClient) -> None:
    html = page(client, "/console")
    for field in FIELDS:
        assert field in html.labelled, field
        assert f"{field}-error" in html.ids, field
    assert {"lists-choices", "lists-error", "result", "screen-form"} <= set(html.ids)


def test_element_ids_are_unique(client: FlaskClient) -> None:
    ids = page(client, "/console").ids
    assert sorted(ids) == sorted(set(ids))


@pytest.mark.parametrize(
    ("asset", "mimetype"), [("console.js", "text/javascript"), ("console.css", "text/css")]
)
def test_console_assets_are_served(client: FlaskClient, asset: str, mimetype: str) -> None:
    response = client.get(f"/console/assets/{asset}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.data == (STATIC / asset).read_bytes()


def test_console_page_links_only_to_our_own_paths(client: FlaskClient) -> None:
    for url in page(client, "/console").urls:
        assert url.startswith(("/", "#")) and not url.startswith("//"), url
        if url.startswith("/console/"):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "name", ["index.html", "console.js", "console.css", "rules.html", "rules.js"]
)
def test_no_external_urls_in_console_files(name: str) -> None:
    assert EXTERNAL.findall((STATIC / name).read_text()) == []


@pytest.mark.parametrize("name", ["console.js", "rules.js"])
def test_console_script_never_parses_data_as_html(name: str) -> None:
    script = (STATIC / name).read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink


def test_docs_page_loads_swagger_ui_from_us(client: FlaskClient) -> None:
    urls = page(client, "/docs").urls
    assert any(url.endswith("swagger-ui-bundle.js") for url in urls)
    for url in urls:
        assert url.startswith(console.SWAGGER_UI_ASSETS), url
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.data) > 1000, url


def test_swagger_ui_reads_our_openapi_version(client: FlaskClient) -> None:
    """Swagger UI 4 refuses OpenAPI 3.1 documents ("no valid version field"); 5 reads them."""
    assert client.get("/openapi.json").get_json()["openapi"].startswith("3.1")
    folder = console.swagger_ui_dist()
    assert folder is not None
    assert int((folder / "VERSION").read_text().strip().lstrip("v").split(".")[0]) >= 5


def test_unknown_docs_asset_is_a_problem_document(client: FlaskClient) -> None:
    response = client.get(f"{console.SWAGGER_UI_ASSETS}no-such-file.js")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_console_is_not_an_api_operation(client: FlaskClient) -> None:
    paths = client.get("/openapi.json").get_json()["paths"]
    assert not {"/", "/console"} & set(paths)
    assert not any(path.startswith(("/console/", "/docs/")) for path in paths)


def test_rules_page_is_served_same_origin_only_and_links_home(client: FlaskClient) -> None:
    response = client.get("/console/rules")
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    rules = page(client, "/console/rules")
    assert len(rules.ids) == len(set(rules.ids)) and {"rules", "tables"} <= set(rules.ids)
    for url in rules.urls:
        assert url.startswith(("/", "#")) and not url.startswith("//"), url
        if url.startswith("/console/"):
            assert client.get(url).status_code == 200, url
    assert "/console/rules" in page(client, "/console").urls

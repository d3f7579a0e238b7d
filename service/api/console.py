"""The reviewer console (``GET /console``) and the Swagger UI assets behind ``/docs``.

Compliance officers screen one counterparty at a time and read why; they use a browser,
not curl. The console is one static page that calls ``POST /v1/screen`` itself, so it
adds no server logic and cannot disagree with the API. Everything it needs is served
from here: screening machines often cannot reach a CDN, and a page that silently fails
to load its script is worse than no page. The same holds for Swagger UI, whose assets
come from the ``flask-swagger-ui`` wheel (Swagger UI 5, which reads OpenAPI 3.1).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from flask import Response, abort, redirect, send_from_directory

from service.api.blueprint import Blueprint

SWAGGER_UI_ASSETS = "/docs/assets/"
"""Where the Swagger UI scripts and styles are served (``OPENAPI_SWAGGER_UI_URL``)."""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
"""Same-origin only, no inline script: data shown on the page can never run as code."""

_STATIC = Path(__file__).resolve().parent / "static" / "console"


class PageBlueprint(Blueprint):
    """A blueprint of pages for people: registered by the API, kept out of its contract."""

    def register_views_in_doc(self, *args: object, **kwargs: object) -> None:
        """HTML pages are not API operations, so the OpenAPI document does not list them."""


blp = PageBlueprint(
    "console",
    __name__,
    description="Reviewer console: an HTML page at /console (not an API operation)",
    static_folder=str(_STATIC),
    static_url_path="/console/assets",
)


@blp.route("/", methods=["GET"])
def root() -> Response:
    """People who type the bare host name land on the console."""
    return redirect("/console", code=302)


@blp.route("/console", methods=["GET"])
def console() -> Response:
    return _page("index.html")


def _page(name: str) -> Response:
    response = send_from_directory(_STATIC, name, max_age=0)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blp.route("/console/rules", methods=["GET"])
def rules_page() -> Response:
    """The rule set in force, for compliance officers: each rule's inputs, severity,
    weight and the dated reference tables it reads (from ``GET /v1/rules``)."""
    return _page("rules.html")


@blp.route(f"{SWAGGER_UI_ASSETS}<path:filename>", methods=["GET"])
def swagger_ui_asset(filename: str) -> Response:
    """Swagger UI's own files, from the installed ``flask-swagger-ui`` package."""
    folder = swagger_ui_dist()
    if folder is None:
        abort(404, description="Swagger UI assets are not installed (flask-swagger-ui).")
    return send_from_directory(folder, filename, max_age=3600)


def swagger_ui_dist() -> Path | None:
    """The ``dist`` folder of ``flask-swagger-ui``; None when the package is absent.

    Looked up without importing the package (it would build a blueprint we do not use),
    and lazily, so a missing docs dependency costs the docs page, never the API.
    """
    spec = importlib.util.find_spec("flask_swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "dist"
    return folder if folder.is_dir() else None

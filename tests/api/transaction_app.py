"""An app with the transaction and rules blueprints registered.

Until ``service/api/__init__.py`` lists them in ``BLUEPRINTS`` the tests register them
on the app's own flask-smorest Api (the same call create_app makes); once listed, this
does nothing.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from service.api import create_app, rules, transactions
from service.settings import Settings


def app_with_transactions(settings: Settings, catalog: Any | None = None) -> Flask:
    app = create_app(settings, catalog)
    api = app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    for blp in (transactions.blp, rules.blp):
        if blp.name not in app.blueprints:
            api.register_blueprint(blp)
    return app

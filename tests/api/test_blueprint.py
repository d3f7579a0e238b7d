"""Our request parsing: 415 for a body that is not JSON, and one ``multipart`` location
that reads the file parts and the text fields of a form together."""

from __future__ import annotations

import io

import marshmallow as ma
from flask import Flask

from service.api.blueprint import Blueprint
from service.api.problems import ProblemApi


class _Form(ma.Schema):
    file = ma.fields.Raw(required=True)
    note = ma.fields.String()


def test_multipart_location_reads_files_and_fields_together() -> None:
    app = Flask(__name__)
    app.config.update(API_TITLE="t", API_VERSION="1", OPENAPI_VERSION="3.1.0")
    api = ProblemApi(app)
    blp = Blueprint("t", __name__)

    @blp.route("/up", methods=["POST"])
    @blp.arguments(_Form(), location="multipart")
    def up(form: dict):
        return {"file": form["file"].filename, "note": form["note"]}

    api.register_blueprint(blp)
    client = app.test_client()
    data = {"file": (io.BytesIO(b"x"), "c.csv"), "note": "hi"}
    assert client.post("/up", data=data).get_json() == {"file": "c.csv", "note": "hi"}
    missing = client.post("/up", data={"note": "hi"})
    assert missing.status_code == 400 and list(missing.get_json()["errors"]) == ["file"]
    body = api.spec.to_dict()["paths"]["/up"]["post"]["requestBody"]
    assert list(body["content"]) == ["multipart/form-data"]


def test_a_body_that_is_not_json_is_415(client) -> None:
    response = client.post("/v1/screen", data="name=x", content_type="text/plain")
    assert response.status_code == 415
    assert response.content_type == "application/problem+json"

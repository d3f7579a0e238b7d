"""The batch upload form: each bad field named with its own message; a good form loads
into the file, the mapping, the options and the encoding."""

from __future__ import annotations

import io

import marshmallow as ma
import pytest
from werkzeug.datastructures import FileStorage

from service.api.schemas.batches import BatchUploadSchema
from service.batch.rows import BatchOptions


def load(app, **form):
    with app.test_request_context():
        return BatchUploadSchema().load(form)


def test_a_good_form_loads_into_upload_fields(app) -> None:
    file = FileStorage(io.BytesIO(b"name\nx\n"), filename="c.csv")
    data = load(app, file=file, mapping='{"name": "Client"}', threshold="0.8",
                lists="test_list", entity_type="", encoding="cp1252")  # fmt: skip
    assert data == {
        "file": file,
        "mapping": {"name": "Client"},
        "options": BatchOptions(0.8, ("test_list",), None),
        "encoding": "cp1252",
    }


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"threshold": "2"}, "threshold", "threshold must be a number between 0 and 1."),
        ({"threshold": "nan"}, "threshold", "threshold must be a number between 0 and 1."),
        ({"entity_type": "ship"}, "entity_type", "entity_type must be one of"),
        ({"encoding": "zz"}, "encoding", "Unknown encoding 'zz'."),
        ({"lists": "[oops"}, "lists", "lists must be comma-separated"),
        ({"lists": "nope"}, "lists", "Unknown list id(s) ['nope']"),
        ({"mapping": "{bad"}, "mapping", "mapping is not valid JSON"),
        ({"mapping": '{"name": 3}'}, "mapping.name", "a mapped column must be a string"),
    ],
)
def test_a_bad_field_is_named(app, form: dict, field: str, message: str) -> None:
    file = FileStorage(io.BytesIO(b"name\nx\n"), filename="c.csv")
    with pytest.raises(ma.ValidationError) as caught:
        load(app, file=file, **form)
    assert list(caught.value.messages) == [field]
    assert caught.value.messages[field][0].startswith(message)


def test_no_file_is_named_and_reads_as_no_file_uploaded(app) -> None:
    with pytest.raises(ma.ValidationError) as caught:
        load(app, file=FileStorage(io.BytesIO(b""), filename=""))
    errors = caught.value.messages
    assert errors == {"file": ["A file part is required."]}
    assert BatchUploadSchema.problem_detail(errors) == "No file uploaded."

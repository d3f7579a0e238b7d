"""The OpenAPI document describes the endpoints, their schemas and problem responses."""

from __future__ import annotations

from flask.testing import FlaskClient


def spec(client: FlaskClient) -> dict:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_spec_lists_every_endpoint(client: FlaskClient) -> None:
    doc = spec(client)
    assert doc["openapi"].startswith("3.")
    assert {"/v1/screen", "/v1/lists", "/healthz", "/readyz"} <= set(doc["paths"])


def test_screen_request_schema_rejects_unknown_fields_and_requires_name(
    client: FlaskClient,
) -> None:
    doc = spec(client)
    body = doc["paths"]["/v1/screen"]["post"]["requestBody"]["content"]["application/json"]
    ref = body["schema"]["$ref"].rsplit("/", 1)[-1]
    schema = doc["components"]["schemas"][ref]
    assert schema["required"] == ["name"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["name"]["maxLength"] == 512
    assert schema["properties"]["entity_type"]["enum"][:4] == [
        "person",
        "organization",
        "vessel",
        "aircraft",
    ]


def test_error_responses_are_documented_as_problem_json(client: FlaskClient) -> None:
    doc = spec(client)
    responses = doc["paths"]["/v1/screen"]["post"]["responses"]
    assert {"200", "400", "413", "415", "503"} <= set(responses)
    for status in ("400", "413", "415", "503"):
        content = responses[status]["content"]
        assert content["application/problem+json"]["schema"]["$ref"].endswith("/Problem")
    props = doc["components"]["schemas"]["Problem"]["properties"]
    assert {"type", "title", "status", "detail", "instance", "errors"} <= set(props)


def test_interactive_docs_page_is_served(client: FlaskClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.data


def test_response_schema_documents_reasons_and_list_versions(client: FlaskClient) -> None:
    schemas = spec(client)["components"]["schemas"]
    props = schemas["ScreenResponse"]["properties"]
    assert props["reasons"]["items"]["allOf"] == [{"$ref": "#/components/schemas/Reason"}]
    assert props["lists"]["additionalProperties"] == {"$ref": "#/components/schemas/ListVersion"}
    assert {"code", "decision", "message"} <= set(schemas["Reason"]["properties"])
    match = schemas["Match"]["properties"]
    assert {"list", "source_id", "name", "matched_name", "score", "explanation"} <= set(match)


def test_every_documented_error_of_every_route_is_a_problem(client: FlaskClient) -> None:
    doc = spec(client)
    errors = [
        (path, method, status, response)
        for path, operations in doc["paths"].items()
        for method, operation in operations.items()
        if method != "parameters"
        for status, response in operation["responses"].items()
        if status[0] in "45"
    ]
    assert len(errors) > 10
    for path, method, status, response in errors:
        schema = response["content"]["application/problem+json"]["schema"]
        assert schema["$ref"].endswith("/Problem"), (path, method, status)


def test_batch_upload_is_one_multipart_schema_with_the_file_required(client: FlaskClient) -> None:
    doc = spec(client)
    body = doc["paths"]["/v1/batches"]["post"]["requestBody"]["content"]["multipart/form-data"]
    schema = doc["components"]["schemas"][body["schema"]["$ref"].rsplit("/", 1)[-1]]
    assert schema["required"] == ["file"]
    assert schema["properties"]["file"]["format"] == "binary"
    assert {"mapping", "threshold", "lists", "entity_type", "encoding"} <= set(schema["properties"])

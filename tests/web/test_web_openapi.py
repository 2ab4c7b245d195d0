"""The OpenAPI document describes the API's real answers: every answer of every route is a
typed model (no object without its fields, no value of any type), and real answers from a
corpus validate against the document's schemas (JSON Schema, as a client would check them)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from reportedly.corpus.store import open_db
from reportedly.web import create_app

BASE = "http://127.0.0.1"


def client(db: Path) -> TestClient:
    return TestClient(create_app(db), base_url=BASE)


def resolve(document: dict[str, Any], ref: str) -> dict[str, Any]:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    assert isinstance(node, dict)
    return node


def untyped(document: dict[str, Any], schema: Any, where: str, seen: set[str]) -> Iterator[str]:
    """Where, in ``schema`` and the schemas it refers to, a value may be anything: an empty
    schema, or an object whose fields are not named (nor its values typed)."""
    if not isinstance(schema, dict):
        return
    if "$ref" in schema:
        if schema["$ref"] not in seen:
            seen.add(schema["$ref"])
            yield from untyped(document, resolve(document, schema["$ref"]), schema["$ref"], seen)
        return
    described = {k: v for k, v in schema.items() if k not in ("title", "description", "default")}
    if not described:
        yield f"{where}: any value"
    if schema.get("type") == "object" and "properties" not in schema:
        values = schema.get("additionalProperties")
        if not isinstance(values, dict) or not values:
            yield f"{where}: an object of untyped values"
    for name, field in (schema.get("properties") or {}).items():
        yield from untyped(document, field, f"{where}.{name}", seen)
    for key in ("items", "additionalProperties"):
        yield from untyped(document, schema.get(key), f"{where}[{key}]", seen)
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        for i, option in enumerate(schema.get(key) or []):
            yield from untyped(document, option, f"{where}.{key}[{i}]", seen)


def answer_schemas(document: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(path, status, schema) of every JSON answer the document declares."""
    for path, operations in document["paths"].items():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                content = response.get("content", {}).get("application/json")
                assert content is not None, f"{path} {status}: no JSON answer declared"
                yield path, status, content.get("schema")


@pytest.fixture(scope="module")
def empty_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("openapi") / "empty.db"
    open_db(path).close()
    return path


def test_every_answer_of_the_api_is_a_typed_model(empty_corpus: Path) -> None:
    document = client(empty_corpus).get("/api/v1/openapi.json").json()
    declared = list(answer_schemas(document))
    assert {path for path, _, _ in declared} >= {
        "/api/v1", "/api/v1/overview", "/api/v1/articles", "/api/v1/articles/{article_id}",
        "/api/v1/search", "/api/v1/speakers", "/api/v1/speakers/{speaker_id}",
        "/api/v1/clusters", "/api/v1/clusters/{cluster}",
    }  # fmt: skip
    problems = []
    for path, status, schema in declared:
        assert isinstance(schema, dict) and "$ref" in schema, f"{path} {status}: not a model"
        problems += list(untyped(document, schema, f"{path} {status}", set()))
    assert problems == []


def test_the_walk_finds_an_untyped_answer() -> None:
    document = {
        "components": {"schemas": {"A": {"type": "object", "properties": {"x": {}}}}},
    }
    found = list(untyped(document, {"$ref": "#/components/schemas/A"}, "answer", set()))
    assert found == ["#/components/schemas/A.x: any value"]
    loose = {"type": "object", "additionalProperties": True}
    assert list(untyped({}, loose, "answer", set())) == ["answer: an object of untyped values"]


def sample_paths(api: TestClient) -> list[str]:
    """Every route, with ids taken from the corpus's own lists."""
    paths = ["/api/v1", "/api/v1/overview", "/api/v1/articles?per_page=100"]
    first = api.get("/api/v1/articles", params={"per_page": 100}).json()["items"]
    paths += [f"/api/v1/articles/{quote(row['id'], safe='')}" for row in first[:8]]
    for scope in ("articles", "quotes"):
        paths += [
            f"/api/v1/search?scope={scope}&q=said&per_page=50",
            f"/api/v1/search?scope={scope}&sort=newest&per_page=50",
        ]
    speakers = api.get("/api/v1/speakers", params={"per_page": 5}).json()["items"]
    paths += ["/api/v1/speakers"] + [
        f"/api/v1/speakers/{quote(row['id'], safe='')}?per_page=50" for row in speakers
    ]
    clusters = api.get("/api/v1/clusters", params={"per_page": 5}).json()["items"]
    paths += ["/api/v1/clusters", "/api/v1/articles/no-such-article"]
    paths += [f"/api/v1/clusters/{row['id']}" for row in clusters]
    return paths


@pytest.mark.parametrize("which", ["linked", "unlinked"])
def test_real_answers_validate_against_the_document(
    which: str,
    corpus_db: Path,
    unlinked_db: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    api = client(corpus_db if which == "linked" else unlinked_db)
    document = api.get("/api/v1/openapi.json").json()
    routes = {path: operations["get"] for path, operations in document["paths"].items()}
    checked = 0
    with caplog.at_level(logging.WARNING, logger="reportedly.web"):
        for path in sample_paths(api):
            response = api.get(path)
            template = matching_route(routes, path.split("?")[0])
            declared = routes[template]["responses"][str(response.status_code)]
            schema = declared["content"]["application/json"]["schema"]
            validator = Draft202012Validator(schema | {"components": document["components"]})
            errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(response.json())]
            assert errors == [], (path, errors[:5])
            checked += 1
    assert checked >= 12
    # the server checks each answer against its model too, and says so when one is off
    assert not [r for r in caplog.records if "off its model" in r.getMessage()]


def matching_route(routes: dict[str, Any], path: str) -> str:
    parts = path.split("/")
    for template in routes:
        pattern = template.split("/")
        if len(pattern) == len(parts) and all(
            a == b or a.startswith("{") for a, b in zip(pattern, parts, strict=True)
        ):
            return template
    raise AssertionError(f"no route for {path}")

"""GET /api/openapi.json: the API's OpenAPI 3 description.

The declared operations' paths and schemas are generated from the operation table
(workshops/operations/openapi.py); `openapi.yaml` holds the rest, written by hand: the
shared components the declarations refer to.
"""
from functools import lru_cache
from pathlib import Path

import yaml
from flask import jsonify

from workshops.api.blueprint import bp
from workshops.operations.openapi import Components, paths
from workshops.operations.table import OPERATIONS

# What any operation may answer, whatever it does: input out of bounds (a path or query
# value too), too many requests, a bug, the database not answering (runtime/limits.py,
# runtime/faults.py); and, when it needs credentials, none or the wrong ones.
COMMON_RESPONSES = {"400": "Bad input (the error's code says which)",
                    "429": "Too many requests: `Retry-After` says when to try again",
                    "500": "Unexpected error (`internal_error`), logged",
                    "503": "The database is not answering: `Retry-After`"}
SECURED_RESPONSES = {"401": "No credentials, or not valid ones",
                     "403": "Not allowed for these credentials"}
METHODS = ("get", "put", "post", "patch", "delete")
PROJECTION_SCHEME = {"type": "http", "scheme": "bearer",
                     "description": "The workshop's projection key (from its projection URL)."}


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    document = yaml.safe_load((Path(__file__).parent / "openapi.yaml").read_text(encoding="utf-8"))
    components = Components()
    for path, methods in paths(OPERATIONS, components).items():
        document["paths"].setdefault(path, {}).update(methods)
    document["components"]["schemas"].update(components.schemas)
    document["components"]["securitySchemes"].setdefault("projection", PROJECTION_SCHEME)
    for methods in document["paths"].values():
        for entry in (methods[method] for method in METHODS if method in methods):
            _document_common_answers(entry)
    return document


def _document_common_answers(entry: dict) -> None:
    answers = dict(COMMON_RESPONSES)
    if entry.get("security") != []:
        answers.update(SECURED_RESPONSES)
    for status, description in answers.items():
        entry["responses"].setdefault(status, {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(openapi_document())

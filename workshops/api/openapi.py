"""GET /api/openapi.json: the API's OpenAPI 3 description (kept in openapi.yaml)."""
from functools import lru_cache
from pathlib import Path

import yaml
from flask import jsonify

from workshops.api import bp


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    return yaml.safe_load((Path(__file__).parent / "openapi.yaml").read_text(encoding="utf-8"))


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(openapi_document())

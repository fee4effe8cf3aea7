"""The OpenAPI 3.0 description of the declared operations' REST routes.

pydantic gives each input and output model's JSON Schema; this turns it into OpenAPI 3.0's
dialect (`nullable` rather than a `null` type) and writes one path item per `Rest` binding.
`api/openapi.py` lays the result over the hand-written document (the shared components).
"""
import re
from typing import Any

from pydantic import TypeAdapter

from workshops.operations import (ACCOUNT, FORM, PARTICIPANT, PROJECTION, PUBLIC, STAFF,
                                  Operation, Rest)

REF = "#/components/schemas/{model}"
ERROR = {"$ref": "#/components/responses/Error"}
_VARIABLE = re.compile(r"<(?:(\w+):)?(\w+)>")
_TYPES = {"int": "integer", "float": "number", None: "string", "string": "string",
          "path": "string"}


def ref(component: str) -> dict:
    """A reference to a schema of the components (hand-written or generated)."""
    return {"$ref": REF.format(model=component)}


def many(component: str) -> dict:
    """An array of a components' schema."""
    return {"type": "array", "items": ref(component)}


def openapi_path(rule: str) -> str:
    """A Flask rule as an OpenAPI path: `/cards/<int:card_id>` → `/cards/{card_id}`."""
    return _VARIABLE.sub(lambda m: "{" + m.group(2) + "}", rule)


def to_openapi(schema: Any) -> Any:
    """JSON Schema (pydantic's dialect) → OpenAPI 3.0 schema, recursively."""
    if isinstance(schema, list):
        return [to_openapi(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: ({name: to_openapi(prop) for name, prop in value.items()}
                    if key == "properties" else to_openapi(value))
              for key, value in schema.items() if key not in ("title", "$defs")}
    variants = schema.get("anyOf")
    if variants and {"type": "null"} in variants:
        others = [v for v in variants if v != {"type": "null"}]
        del schema["anyOf"]
        if len(others) == 1:
            schema = {**others[0], **schema}
        else:
            schema["anyOf"] = others
        schema["nullable"] = True
    if "const" in schema:
        schema["enum"] = [schema.pop("const")]
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if not isinstance(schema.get(bound, True), bool):  # 3.1's number → 3.0's flag
            schema[limit], schema[bound] = schema[bound], True
    return schema


class Components:
    """The schemas the generated paths refer to, collected as they are generated."""

    def __init__(self):
        self.schemas: dict[str, dict] = {}

    def schema(self, shape, mode: str) -> dict:
        """The OpenAPI schema of a model, `list[Model]`, a hand-written component's name or
        an OpenAPI schema written out (that refers to hand-written components)."""
        if isinstance(shape, str):
            return ref(shape)
        if isinstance(shape, dict):
            return shape
        full = TypeAdapter(shape).json_schema(ref_template=REF, mode=mode)
        for name, definition in full.get("$defs", {}).items():
            self.schemas[name] = to_openapi(definition)
        if full.get("type") == "object" and "title" in full:  # a model: refer to it
            self.schemas[full["title"]] = to_openapi(full)
            return {"$ref": REF.format(model=full["title"])}
        return to_openapi(full)


def _security(operation: Operation) -> list[dict]:
    if PUBLIC in operation.allow:
        return []
    schemes = []
    if operation.allow & (STAFF | {ACCOUNT}):
        schemes.append({"organiser": []})
    if PARTICIPANT in operation.allow:
        schemes.append({"participant": []})
    if PROJECTION in operation.allow:
        schemes.append({"projection": []})
    return schemes


def _parameters(binding: Rest, operation: Operation, components: Components) -> list[dict]:
    parameters = []
    for converter, name in _VARIABLE.findall(binding.path):
        if name == "code":
            parameters.append({"$ref": "#/components/parameters/code"})
        else:
            parameters.append({"name": name, "in": "path", "required": True,
                               "schema": {"type": _TYPES.get(converter or None, "string")}})
    if binding.query:
        body = components.schema(operation.input, "validation")
        for name, field in operation.input.model_fields.items():
            prop = _properties(components, body).get(name, {})
            parameters.append({"name": name, "in": "query", "required": False,
                               "schema": {k: v for k, v in prop.items() if k != "description"},
                               **({"description": field.description}
                                  if field.description else {})})
    return parameters


def _properties(components: Components, schema: dict) -> dict:
    if "$ref" in schema:
        schema = components.schemas[schema["$ref"].rsplit("/", 1)[1]]
    return schema.get("properties", {})


def _request_body(binding: Rest, operation: Operation, components: Components) -> dict | None:
    if not binding.takes_body:
        return None
    schema = components.schema(operation.input, "validation")
    if binding.whole:
        schema = _properties(components, schema)[binding.whole]
    if binding.upload:
        return {"required": True, "content": {media: {"schema": schema} if media == FORM else {}
                                              for media in binding.upload}}
    implied = set(binding.fields.values()) | set(binding.fixed)
    if implied & set(operation.input.model_fields):  # the path or the route gives these
        schema = {"type": "object",
                  "properties": {name: prop for name, prop in _properties(components,
                                                                            schema).items()
                                 if name not in implied}}
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _responses(binding: Rest, operation: Operation, components: Components) -> dict:
    described = binding.responses or {binding.status: "OK"}
    responses = {}
    for status, description in sorted(described.items()):
        response = {"description": description}
        if status != 204 and operation.output is not None:
            response["content"] = {binding.content: {
                "schema": components.schema(operation.output, "serialization")}}
        elif status != 204 and isinstance(binding.content, tuple):  # files of several types
            response["content"] = {media: {} for media in binding.content}
        responses[str(status)] = response
    errors = {404, *operation.errors}
    if PUBLIC not in operation.allow:
        errors |= {401, 403}
    if binding.takes_body or binding.query or len(operation.input.model_fields) > len(
            binding.fields) + len(binding.fixed):
        errors.add(400)
    for status in sorted(errors):
        responses.setdefault(str(status), ERROR)
    return responses


def paths(operations, components: Components) -> dict:
    """{path: {method: operation object}} for every REST binding of these operations."""
    found: dict[str, dict] = {}
    for operation in operations:
        for binding in operation.rest:
            item = found.setdefault(openapi_path(binding.path), {})
            entry = {"summary": binding.summary, "operationId": operation.endpoint(binding),
                     "x-operation": operation.name,
                     "parameters": _parameters(binding, operation, components),
                     "responses": _responses(binding, operation, components)}
            if operation.events:
                entry["x-socketio-events"] = [event.name for event in operation.events]
            security = _security(operation)
            entry["security"] = security
            body = _request_body(binding, operation, components)
            if body:
                entry["requestBody"] = body
            item[binding.method.lower()] = entry
    return found


"""Bad input never breaks anything: every declared operation, over REST and over Socket.IO,
fed the inputs an audit used (huge integers, 1e308, lone surrogates, control characters,
objects where text is expected, far dates, deep JSON…) answers a 4xx with its own code and
a French message, or does what it would do with good input — never a 500, never silence."""
import io
import json
import re

import pytest

from workshops.messages import MESSAGES
from workshops.operations.table import OPERATIONS
from workshops.operations import PARTICIPANT, PROJECTION, PUBLIC, STAFF, ACCOUNT

BAD_VALUES = (2 ** 64, -2 ** 64, 10 ** 30, 1e308, -1e308, "\ud800", "a\x00b", "a\x07\x1b\x7fb",
              {"a": 1}, [1, {"b": [2]}], "9999-12-31", "x" * 20_000, True, -1, 0, None, "",
              [{"id": 2 ** 64, "title": "\ud800", "sequences": [{"date": "9999-12-31"}]}])
# Raw bodies a JSON parser chokes on, or that decode to what JSON has no room for.
RAW_BODIES = ("[" * 100_000, '{"a":' * 50_000, "NaN", '{"minutes": Infinity}',
              '{"minutes": 1e400}', '{"text": "\\ud800"}', "\x00", "")
# What a silent str() of an object leaves in a text.
STRINGIFIED = ("{'a': 1}", "[1, {'b': [2]}]", "\\u0000", "\\u0007", "\\ud800")


def _caller(room, operation):
    """The bearer headers of someone the operation allows (the owner where staff may call)."""
    if operation.allow & (STAFF | {ACCOUNT}):
        return room.auth
    if PARTICIPANT in operation.allow:
        return room.participant
    if PROJECTION in operation.allow:
        return {"Authorization": f"Bearer {room.workshop.projection_key}"}
    return {}


def _path(room, binding, big_int=False):
    path = binding.path.replace("<code>", room.code)
    path = re.sub(r"<int:\w+>", str(2 ** 64) if big_int else str(room.card), path)
    return "/api" + re.sub(r"<\w+>", "custom:1", path)


def _refusal_is_clear(response) -> str | None:
    """None when the answer is fine: below 500, and an error says its code in French."""
    if response.status_code >= 500:
        return f"{response.status_code} {response.get_data(as_text=True)[:200]}"
    text = response.get_data(as_text=True)
    if response.status_code < 400:
        leaked = [s for s in STRINGIFIED if s in text]
        return f"accepted and kept {leaked}" if leaked else None
    error = (response.get_json(silent=True) or {}).get("error") or {}
    if error.get("code") not in MESSAGES or not error.get("message"):
        return f"{response.status_code} unclear: {text[:200]}"
    return None


def _ack_is_clear(ack) -> str | None:
    if not isinstance(ack, dict):
        return f"no answer: {ack!r}"
    if ack.get("ok"):
        leaked = [s for s in STRINGIFIED if s in json.dumps(ack)]
        return f"accepted and kept {leaked}" if leaked else None
    error = ack.get("error") or {}
    if error.get("code") not in MESSAGES or error.get("code") == "internal_error":
        return f"unclear: {ack}"
    return None


@pytest.fixture
def busy_room(room):
    room.app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: a bug is a 500
    room.app.extensions["ensemble.limiter"].enabled = False  # every call reaches the input
    _pid, room.participant, room.participant_token = room.join()
    room.card = room.post_card(room.participant).get_json()["id"]
    return room


def _field_bodies(operation, binding):
    implied = set(getattr(binding, "fields", {}).values()) | set(binding.fixed)
    for name, field in operation.input.model_fields.items():
        if name in implied:
            continue
        for value in BAD_VALUES:
            yield {field.alias or name: value}


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.name for op in OPERATIONS])
def test_rest_answers_every_bad_input_with_a_clear_4xx(busy_room, operation):
    room, failures = busy_room, []
    for binding in operation.rest:
        headers = _caller(room, operation)
        path = _path(room, binding)
        calls = []
        if binding.query:
            calls += [dict(query_string={name: str(value)})  # a URL carries no surrogate
                      for body in _field_bodies(operation, binding)
                      for name, value in body.items() if value != "\ud800"]
        elif binding.takes_body:
            calls += [dict(json=body) for body in _field_bodies(operation, binding)]
            calls += [dict(data=raw, content_type="application/json") for raw in RAW_BODIES]
        if "<int:" in binding.path:
            calls.append(dict(path=_path(room, binding, big_int=True)))
        for call in calls:
            url = call.pop("path", path)
            response = room.client.open(url, method=binding.method, headers=headers, **call)
            problem = _refusal_is_clear(response)
            if problem:
                failures.append(f"{binding.method} {url[:80]} {str(call)[:120]}: {problem}")
    assert failures == []


@pytest.mark.parametrize("operation", [op for op in OPERATIONS if op.events],
                         ids=[op.name for op in OPERATIONS if op.events])
def test_socketio_acknowledges_every_bad_input_with_a_clear_error(busy_room, operation):
    room, failures = busy_room, []
    if PARTICIPANT in operation.allow:
        client = room.socket(token=room.participant_token)
    elif operation.allow & STAFF:
        client = room.socket("staff", flask_client=room.login(room.app.test_client()))
    else:
        client = room.socket("projection", key=room.workshop.projection_key)
    for event in operation.events:
        bodies = [{"id": room.card, **body} for body in _field_bodies(operation, event)]
        for payload in bodies + [2 ** 64, "\ud800", [1, 2], "x"]:
            problem = _ack_is_clear(client.emit(event.name, payload, callback=True))
            if problem:
                failures.append(f"{event.name} {str(payload)[:100]}: {problem}")
    assert failures == []


def _raw_event(client, event: str, raw_json_args: str):
    """Send a Socket.IO EVENT packet whose JSON is written by hand (id 99 asks an ack)."""
    server = client.socketio.server
    server._handle_eio_message(client.eio_sid, f'299["{event}",{raw_json_args}]')
    ack, client.acks = client.acks, None
    return ack["args"][0] if ack else None


@pytest.mark.parametrize("raw", ["[" * 100_000 + "]" * 100_000, '{"a":' * 5_000 + "1" +
                                 "}" * 5_000, '{"text": "\\ud800"}', '{"minutes": 1e400}',
                                 "NaN"])
def test_a_socketio_payload_no_parser_takes_is_answered(busy_room, raw):
    client = busy_room.socket(token=busy_room.participant_token)
    ack = _raw_event(client, "card:post", raw)
    assert _ack_is_clear(ack) is None
    assert ack["ok"] is False
    assert client.is_connected()


def _error(response):
    return response.status_code, (response.get_json() or {}).get("error", {}).get("code")


def test_a_date_in_year_9999_is_refused_by_the_agenda_editor(busy_room):
    room = busy_room
    url = f"/api/v1/workshops/{room.code}/agenda"
    days = room.client.get(url, headers=room.auth).get_json()["days"]
    days[0]["date"] = "9999-12-31"
    assert _error(room.client.patch(url, headers=room.auth, json={"days": days})) == (
        400, "date_out_of_range")
    days[0]["date"] = "2027-03-12"
    assert room.client.patch(url, headers=room.auth, json={"days": days}).status_code == 200


def test_a_title_must_be_text_and_axes_stay_few(busy_room):
    room, url = busy_room, f"/api/v1/workshops/{busy_room.code}"
    assert _error(room.client.patch(url, headers=room.auth, json={"title": {"a": 1}})) == (
        400, "invalid_title")
    many = [{"title": f"Axe {n}"} for n in range(5000)]
    assert _error(room.client.patch(url, headers=room.auth, json={"axes": many})) == (
        400, "too_many_axes")
    assert len(room.client.get(url, headers=room.auth).get_json()["axes"]) == 10


def test_control_characters_leave_the_title_and_the_exports_work(busy_room):
    room, url = busy_room, f"/api/v1/workshops/{busy_room.code}"
    response = room.client.patch(url, headers=room.auth, json={"title": "Jour\x07née\x00 test"})
    assert response.get_json()["title"] == "Journée test"
    for fmt in ("docx", "xlsx"):
        assert room.client.get(f"{url}/export?format={fmt}", headers=room.auth).status_code == 200


def test_a_format_nested_too_deep_is_refused_with_a_message(busy_room):
    room = busy_room
    response = room.client.post("/api/v1/formats", headers=room.auth,
                                json={"text": "[" * 5000})
    assert _error(response) == (400, "invalid_format")


def test_405_says_which_methods_the_address_takes(busy_room):
    response = busy_room.client.put("/api/v1/tokens")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


@pytest.mark.parametrize("method", ["GET", "PUT"])
def test_an_id_too_large_for_the_database_is_no_such_page_whatever_the_method(busy_room, method):
    """The writing address takes GET and PUT: a PUT with a 20-digit id was answered 405
    (« use GET »), where GET said 404 (schemathesis found it)."""
    url = f"/api/v1/workshops/{busy_room.code}/sequences/{2 ** 64}/writing"
    response = busy_room.client.open(url, method=method, json={"text": "x"},
                                     headers=busy_room.participant)
    assert response.status_code == 404, response.get_data(as_text=True)


def test_every_operation_documents_rate_limits_bugs_and_an_absent_database(client):
    document = client.get("/api/openapi.json").get_json()
    missing = [f"{method} {path}" for path, methods in document["paths"].items()
               for method, entry in methods.items() if isinstance(entry, dict)
               and not {"429", "500", "503"} <= set(entry.get("responses", {}))]
    assert missing == []


# --- the format import and editor forms (HTML): what a pasted or uploaded YAML may hold

def _format_cases():
    from workshops.formats import dump_format_yaml, get_builtin

    fmt = get_builtin("plateformes-accompagnement")
    good = dump_format_yaml(fmt)
    as_json = fmt.to_dict()
    return {
        "raw NUL": good.replace("title: ", "title: A\x00B", 1),
        "raw control": good.replace("title: ", "title: A\x07\x1bB", 1),
        "YAML escape NUL": good.replace("title: ", 'title: "A\\0B"  #', 1),
        "YAML escape surrogate": good.replace("title: ", 'title: "A\\ud800B"  #', 1),
        "JSON escape surrogate": json.dumps(dict(as_json, title="A\ud800B")),
        "JSON escape NUL": json.dumps(dict(as_json, title="A\x00B")),
        "JSON surrogate field name": json.dumps(dict(as_json, **{"\ud800": 1})),
    }


FORMAT_CASES = ("raw NUL", "raw control", "YAML escape NUL", "YAML escape surrogate",
                "JSON escape surrogate", "JSON escape NUL", "JSON surrogate field name")


@pytest.mark.parametrize("case", FORMAT_CASES)
def test_a_format_with_control_characters_is_refused_on_the_form_in_french(room, case):
    text = _format_cases()[case]
    client = room.login()
    pasted = client.post("/organisateur/formats/importer", data={"text": text})
    uploaded = client.post("/organisateur/formats/importer", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(text.encode()), "format.yaml")})
    copy = client.post("/api/v1/formats", headers=room.auth,
                       json={"from": "plateformes-accompagnement"}).get_json()
    edited = client.post(f"/organisateur/formats/{copy['id'].removeprefix('custom:')}",
                         data={"text": text})
    for response in (pasted, uploaded, edited):
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        assert "caractère invisible ou invalide" in page and "retirez-le" in page
    over_rest = client.post("/api/v1/formats", headers=room.auth, json={"text": text})
    if case.startswith("raw"):  # a JSON body's control characters are removed (bounds.py)
        assert over_rest.status_code == 201 and over_rest.get_json()["title"].startswith("AB")
    else:
        assert over_rest.status_code == 400, over_rest.get_json()
        assert over_rest.get_json()["error"]["code"] == "invalid_format"


def test_an_uploaded_format_that_is_not_utf8_is_refused_on_the_form(room):
    client = room.login()
    response = client.post("/organisateur/formats/importer", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(b"id: x\ntitle: \xed\xa0\x80\n"), "f.yaml")})
    assert response.status_code == 400
    assert "UTF-8" in response.get_data(as_text=True)

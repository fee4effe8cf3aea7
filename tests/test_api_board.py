"""The public API v1 of the live board: contract, authorization, bad input."""
import pytest


def test_token_then_formats_then_workshop(room, client):
    response = client.post("/api/v1/tokens", json={"email": "orga@example.org",
                                                   "password": "correct horse battery"})
    assert response.status_code == 201
    headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
    formats = client.get("/api/v1/formats", headers=headers).get_json()
    ids = {f["id"] for f in formats}
    assert {"logement-d-abord-10-axes", "plateformes-accompagnement"} <= ids
    lda = next(f for f in formats if f["id"] == "logement-d-abord-10-axes")
    assert len(lda["axes"]) == 10 and len(lda["targets"]) == 4
    assert lda["days"][0]["sequences"][0].keys() >= {"title", "activity", "minutes"}

    created = client.post("/api/v1/workshops", headers=headers,
                          json={"title": "Rhône 2026", "format": "plateformes-accompagnement"})
    assert created.status_code == 201
    body = created.get_json()
    assert body["join_url"] == f"http://ensemble.test/j/{body['code']}"
    assert body["projection_url"].startswith(f"http://ensemble.test/w/{body['code']}/projection?key=")
    assert body["facilitator_url"] == f"http://ensemble.test/w/{body['code']}/console"

    workshop = client.get(f"/api/v1/workshops/{body['code']}", headers=headers).get_json()
    assert workshop["title"] == "Rhône 2026"
    assert [a["title"] for a in workshop["axes"]][:2] == ["Lisibilité", "Continuité"]
    state = workshop["state"]
    assert {k: state[k] for k in ("axis", "locked", "view")} == {
        "axis": workshop["axes"][0]["id"], "locked": False, "view": "join"}
    assert state["sequence"] is None and state["activity"] is None  # the agenda has not started


def test_wrong_password_is_401_with_french_message(room, client):
    response = client.post("/api/v1/tokens", json={"email": "orga@example.org", "password": "x"})
    assert response.status_code == 401
    assert response.get_json()["error"]["message"] == "Adresse e-mail ou mot de passe incorrects."


def test_english_messages_when_chosen(room, client):
    client.set_cookie("lang", "en")
    response = client.post("/api/v1/tokens", json={"email": "orga@example.org", "password": "x"})
    assert response.get_json()["error"]["message"] == "Wrong email address or password."


def test_card_post_is_idempotent_by_client_id(room):
    _pid, headers, _token = room.join()
    first = room.post_card(headers, text="Accès direct au logement", client_id="abc-1")
    again = room.post_card(headers, text="Accès direct au logement", client_id="abc-1")
    assert first.status_code == 201 and again.status_code == 200
    assert first.get_json() == again.get_json()  # with the `seq` of the stored version
    assert first.get_json()["seq"] > 0
    listed = room.client.get(f"/api/v1/workshops/{room.code}/cards", headers=room.auth).get_json()
    assert [c["text"] for c in listed] == ["Accès direct au logement"]
    assert set(listed[0]) >= {"id", "axis", "kind", "text", "parent", "supports", "hidden", "verbatim"}


def test_limit_answers_a_lever_and_cards_filter_by_axis(room):
    _pid, headers, _ = room.join()
    lever = room.post_card(headers, text="Levier").get_json()
    limit = room.post_card(headers, text="Oui mais", kind="limit", parent=lever["id"]).get_json()
    assert limit["parent"] == lever["id"]
    room.post_card(headers, text="Autre axe", axis=room.axes[1])
    on_first = room.client.get(f"/api/v1/workshops/{room.code}/cards?axis={room.axes[0]}",
                               headers=room.auth).get_json()
    assert {c["text"] for c in on_first} == {"Levier", "Oui mais"}


@pytest.mark.parametrize("change, code", [
    ({"text": ""}, "text_required"),
    ({"text": "   "}, "text_required"),
    ({"text": "x" * 501}, "text_too_long"),
    ({"kind": "idea"}, "unknown_kind"),
    ({"axis": 999999}, "unknown_axis"),
    ({"axis": "1; drop table"}, "unknown_axis"),
    ({"client_id": ""}, "invalid_client_id"),
    ({"client_id": 12}, "invalid_client_id"),
    ({"parent": 999999, "kind": "limit"}, "unknown_parent"),
])
def test_bad_cards_get_a_clear_400(room, change, code):
    _pid, headers, _ = room.join()
    body = {"client_id": "c1", "axis": room.axes[0], "kind": "lever", "text": "ok"}
    body.update(change)
    response = room.client.post(f"/api/v1/workshops/{room.code}/cards", headers=headers, json=body)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == code and error["message"]


def test_malformed_json_and_unknown_workshop(room):
    _pid, headers, _ = room.join()
    response = room.client.post(f"/api/v1/workshops/{room.code}/cards", headers=headers,
                                data="{not json", content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_json"
    response = room.client.post(f"/api/v1/workshops/{room.code}/cards", headers=headers, json=[1])
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_body"
    response = room.client.post("/api/v1/workshops/NOPE99/participants", json={})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "unknown_workshop"


def test_parent_from_another_workshop_is_refused(room, app):
    _pid, headers, _ = room.join()
    lever = room.post_card(headers).get_json()
    other = room.client.post("/api/v1/workshops", headers=room.auth,
                             json={"title": "Autre", "format": "logement-d-abord-10-axes"}).get_json()
    info = room.client.get(f"/api/v1/workshops/{other['code']}", headers=room.auth).get_json()
    joined = room.client.post(f"/api/v1/workshops/{other['code']}/participants", json={
        "organisation": "B", "organisation_type": "association", "profession": "direction"}).get_json()
    response = room.client.post(
        f"/api/v1/workshops/{other['code']}/cards",
        headers={"Authorization": f"Bearer {joined['token']}"},
        json={"client_id": "x", "axis": info["axes"][0]["id"], "kind": "limit", "text": "t",
              "parent": lever["id"]})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "unknown_parent"


def test_participant_token_cannot_do_staff_things(room):
    _pid, headers, _ = room.join()
    assert room.client.post(f"/api/v1/workshops/{room.code}/state", headers=headers,
                            json={"locked": True}).status_code == 401
    assert room.client.get(f"/api/v1/workshops/{room.code}/cards",
                           headers=headers).status_code == 401
    card = room.post_card(headers).get_json()
    assert room.client.post(f"/api/v1/workshops/{room.code}/cards/{card['id']}/moderation",
                            headers=headers, json={"hidden": True}).status_code == 401


def test_participant_token_of_another_workshop_is_refused(room):
    _pid, headers, _ = room.join()
    other = room.client.post("/api/v1/workshops", headers=room.auth,
                             json={"title": "Autre", "format": "logement-d-abord-10-axes"}).get_json()
    response = room.client.post(f"/api/v1/workshops/{other['code']}/cards", headers=headers,
                                json={"client_id": "x", "axis": 1, "kind": "lever", "text": "t"})
    assert response.status_code == 403


def test_organiser_of_another_workshop_is_refused(room, client, app):
    from workshops.extensions import db_session
    from workshops.services.room import accounts

    with app.app_context():
        intruder = accounts.create_account(db_session(), "autre@example.org", "long password")
        token = accounts.issue_token(db_session(), intruder)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/workshops/{room.code}", headers=headers).status_code == 403
    assert client.post(f"/api/v1/workshops/{room.code}/state", headers=headers,
                       json={"locked": True}).status_code == 403


def test_locked_room_refuses_new_cards_but_not_a_resend(room):
    _pid, headers, _ = room.join()
    room.post_card(headers, client_id="before-lock")
    assert room.client.post(f"/api/v1/workshops/{room.code}/state", headers=room.auth,
                            json={"locked": True}).status_code == 200
    locked = room.post_card(headers, client_id="after-lock")
    assert locked.status_code == 409 and locked.get_json()["error"]["code"] == "locked"
    assert room.post_card(headers, client_id="before-lock").status_code == 200


def test_state_changes_and_bad_state(room):
    url = f"/api/v1/workshops/{room.code}/state"
    ok = room.client.post(url, headers=room.auth, json={"axis": room.axes[3], "view": "board"})
    assert ok.get_json().items() >= {"axis": room.axes[3], "locked": False, "view": "board"}.items()
    assert room.client.post(url, headers=room.auth, json={"view": "disco"}).status_code == 400
    assert room.client.post(url, headers=room.auth, json={"locked": "yes"}).status_code == 400
    assert room.client.post(url, headers=room.auth, json={"axis": 10**9}).status_code == 400


def test_join_validation(room):
    url = f"/api/v1/workshops/{room.code}/participants"
    bad = room.client.post(url, json={"organisation": "A", "organisation_type": "martian",
                                      "profession": "direction"})
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_organisation_type"
    missing = room.client.post(url, json={"organisation_type": "association",
                                          "profession": "direction"})
    assert missing.get_json()["error"]["code"] == "organisation_required"
    lived = room.client.post(url, json={"organisation_type": "personne_concernee",
                                        "profession": "personne_concernee"})
    assert lived.status_code == 201
    other = room.client.post(url, json={"organisation": "Mairie", "organisation_type": "autre:Mairie annexe",
                                        "profession": "autre:Écrivain public"})
    assert other.status_code == 201
    presence = room.client.get(f"/api/v1/workshops/{room.code}/presence", headers=room.auth).get_json()
    assert presence["count"] == 2 and presence["by_type"]["autre"] == 1


def test_own_cards_edit_delete_and_support(room):
    _a, alice, _ = room.join()
    _b, bob, _ = room.join(organisation="Bailleur B", organisation_type="bailleur_social")
    card = room.post_card(alice, text="Avant").get_json()
    url = f"/api/v1/workshops/{room.code}/cards/{card['id']}"
    assert room.client.patch(url, headers=bob, json={"text": "Pirate"}).status_code == 403
    assert room.client.patch(url, headers=alice, json={"text": "Après"}).get_json()["text"] == "Après"
    assert room.client.put(url + "/support", headers=bob).get_json()["supports"] == 1
    assert room.client.put(url + "/support", headers=bob).get_json()["supports"] == 1
    assert room.client.delete(url + "/support", headers=bob).get_json()["supports"] == 0
    assert room.client.delete(url, headers=bob).status_code == 403
    assert room.client.delete(url, headers=alice).status_code == 204


def test_moderation_hides_and_stars(room):
    _a, alice, _ = room.join()
    card = room.post_card(alice).get_json()
    url = f"/api/v1/workshops/{room.code}/cards/{card['id']}/moderation"
    moderated = room.client.post(url, headers=room.auth, json={"hidden": True, "verbatim": True,
                                                                 "text": "Corrigé"}).get_json()
    assert moderated["hidden"] and moderated["verbatim"] and moderated["text"] == "Corrigé"
    board = room.client.get(f"/api/v1/workshops/{room.code}/board", headers=alice).get_json()
    assert board["snapshot"]["cards"] == []


def test_openapi_lists_the_contract(client):
    document = client.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    for path in ("/v1/tokens", "/v1/formats", "/v1/workshops", "/v1/workshops/{code}",
                 "/v1/workshops/{code}/state", "/v1/workshops/{code}/participants",
                 "/v1/workshops/{code}/cards"):
        assert path in document["paths"]


def test_no_ip_address_or_500_on_garbage(room):
    _a, alice, _ = room.join()
    response = room.client.post(f"/api/v1/workshops/{room.code}/cards", headers=alice,
                                data=b"\xff\xfe", content_type="application/json")
    assert response.status_code == 400

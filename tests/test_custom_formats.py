"""Organisers' own formats: duplicate a built-in one, edit it, export it, import it elsewhere,
create a workshop from it; invalid files are refused with the line and the reason."""
from workshops.extensions import db_session
from workshops.services.room import accounts

FORMAT = "logement-d-abord-10-axes"


def duplicate(room, source=FORMAT):
    response = room.client.post("/api/v1/formats", headers=room.auth, json={"from": source})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def other_organiser(room, email="autre@example.org"):
    with room.app.app_context():
        session = db_session()
        token = accounts.issue_token(session, accounts.create_account(
            session, email, "correct horse battery"))
    return {"Authorization": f"Bearer {token}"}


def test_duplicate_edit_export_import_and_create_a_workshop(room, client):
    copy = duplicate(room)
    assert copy["id"].startswith("custom:") and copy["builtin"] is False
    assert copy["title"].endswith("(copie)") and len(copy["axes"]) == 10
    listed = client.get("/api/v1/formats", headers=room.auth).get_json()
    assert [f["id"] for f in listed if not f["builtin"]] == [copy["id"]]

    text = client.get(f"/api/v1/formats/{copy['id']}", headers=room.auth).get_json()["text"]
    edited = text.replace("minutes: 75", "minutes: 80").replace(
        "title: Les contours du LDA", "title: Les contours du Logement d'Abord")
    assert edited != text
    response = client.put(f"/api/v1/formats/{copy['id']}", headers=room.auth, json={"text": edited})
    assert response.status_code == 200, response.get_json()
    assert 80 in [s["minutes"] for s in response.get_json()["days"][0]["sequences"]]

    exported = client.get(f"/api/v1/formats/{copy['id']}/export", headers=room.auth)
    assert exported.status_code == 200
    assert exported.headers["Content-Disposition"].startswith("attachment;")
    assert "Les contours du Logement d'Abord" in exported.get_data(as_text=True)

    # "Another server": another organiser imports the file.
    stranger = other_organiser(room)
    imported = client.post("/api/v1/formats", headers=stranger,
                           json={"text": exported.get_data(as_text=True), "filename": "lda.yaml"})
    assert imported.status_code == 201
    created = client.post("/api/v1/workshops", headers=stranger,
                          json={"title": "Journée importée", "format": imported.get_json()["id"]})
    assert created.status_code == 201, created.get_json()
    code = created.get_json()["code"]
    agenda = client.get(f"/api/v1/workshops/{code}/agenda", headers=stranger).get_json()
    titles = [s["title"] for s in agenda["days"][0]["sequences"]]
    assert "Les contours du Logement d'Abord" in titles
    assert 80 in [s["minutes"] for s in agenda["days"][0]["sequences"]]


def test_invalid_files_are_refused_with_the_line_and_the_reason(room, client):
    copy = duplicate(room)
    text = client.get(f"/api/v1/formats/{copy['id']}", headers=room.auth).get_json()["text"]
    lines = text.splitlines()
    n = next(i for i, line in enumerate(lines) if line.strip() == "activity: axis_board")
    lines[n] = lines[n].replace("axis_board", "brainstorm")
    response = client.put(f"/api/v1/formats/{copy['id']}", headers=room.auth,
                          json={"text": "\n".join(lines)})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_format"
    assert error["message"].startswith(f"Ligne {n + 1} :") and '"brainstorm"' in error["message"]
    # The stored format did not change.
    again = client.get(f"/api/v1/formats/{copy['id']}", headers=room.auth).get_json()["text"]
    assert again == text

    for bad in ["", "id: x\n  title: : :", "[1, 2]"]:
        response = client.post("/api/v1/formats", headers=room.auth, json={"text": bad})
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "invalid_format"
        assert response.get_json()["error"]["message"]


def test_formats_are_private_to_their_owner(room, client):
    copy = duplicate(room)
    stranger = other_organiser(room)
    assert all(f["builtin"] for f in client.get("/api/v1/formats", headers=stranger).get_json())
    for method, url in [("get", f"/api/v1/formats/{copy['id']}"),
                        ("get", f"/api/v1/formats/{copy['id']}/export"),
                        ("delete", f"/api/v1/formats/{copy['id']}")]:
        assert getattr(client, method)(url, headers=stranger).status_code == 404
    assert client.put(f"/api/v1/formats/{copy['id']}", headers=stranger,
                      json={"text": "x"}).status_code == 404
    response = client.post("/api/v1/workshops", headers=stranger,
                           json={"title": "Vol", "format": copy["id"]})
    assert response.status_code == 404
    assert client.get("/api/v1/formats", headers={}).status_code == 401
    assert client.delete(f"/api/v1/formats/{copy['id']}", headers=room.auth).status_code == 204
    assert client.get(f"/api/v1/formats/{copy['id']}", headers=room.auth).status_code == 404


def test_builtin_formats_can_be_exported_but_not_edited(room, client):
    exported = client.get(f"/api/v1/formats/{FORMAT}/export", headers=room.auth)
    assert exported.status_code == 200 and "id: logement-d-abord-10-axes" in exported.get_data(as_text=True)
    assert client.put(f"/api/v1/formats/{FORMAT}", headers=room.auth,
                      json={"text": "x"}).status_code == 404
    assert client.get("/api/v1/formats/nope", headers=room.auth).status_code == 400

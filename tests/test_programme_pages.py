"""Organiser screens: the programme editor and the formats (duplicate, edit with line-numbered
errors, export, import, create a workshop from an own format)."""
import io
import re

from workshops.extensions import db_session
from workshops.services.agenda import agenda
from workshops.services.room import workshops


def agenda_form(page: str) -> dict:
    """Every named field of the programme form, as the browser would post it unchanged."""
    data = {}
    for tag, name, value in re.findall(r'(<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*>)', page):
        if 'type="checkbox"' not in tag:
            data[name] = value
        elif " checked" in tag:
            data.setdefault(name, []).append(value)
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', page):
        data[name] = value
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = chosen.group(1) if chosen else ""
    for name in [n for n in data if n.endswith("-delete")]:
        del data[name]  # checkboxes are only sent when ticked
    return {k: v.replace("&#39;", "'").replace("&amp;", "&").replace("&#34;", '"') if isinstance(v, str) else v
            for k, v in data.items()}


def test_organiser_reorders_renames_and_adds_in_the_programme_page(room):
    client = room.login()
    url = f"/organisateur/ateliers/{room.code}/programme"
    page = client.get(url).get_data(as_text=True)
    assert "Les pratiques actuelles d&#39;accompagnement" in page
    form = agenda_form(page)
    form["day-0-title"] = "Jour 1"
    form["day-0-date"] = "2026-03-12"
    form["seq-0-0-order"] = "9"          # first sequence goes last
    form["seq-0-1-minutes"] = "40"
    form["seq-0-6-title"] = "Pause café"  # the "add a sequence" row of day 1
    form["seq-0-6-activity"] = "question_board"
    form["seq-0-6-minutes"] = "15"
    form["seq-0-6-question"] = "Comment allez-vous ?"
    form["seq-1-2-delete"] = "1"          # drop day 2's last sequence
    response = client.post(url, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with room.app.app_context():
        session = db_session()
        data = agenda.agenda_dict(session, workshops.get_workshop(session, room.code))
    day1 = data["days"][0]
    assert day1["title"] == "Jour 1" and day1["date"] == "2026-03-12"
    titles = [s["title"] for s in day1["sequences"]]
    assert titles[0] == "Les contours du LDA" and titles[-1] == "Les pratiques actuelles d'accompagnement"
    assert "Pause café" in titles and day1["sequences"][0]["minutes"] == 40
    assert len(data["days"][1]["sequences"]) == 2


def test_programme_errors_name_the_day_and_sequence(room):
    client = room.login()
    url = f"/organisateur/ateliers/{room.code}/programme"
    form = agenda_form(client.get(url).get_data(as_text=True))
    form["seq-0-2-minutes"] = "0"
    response = client.post(url, data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Journée 1, séquence 3" in page and 'role="alert"' in page
    # said next to the field at fault, which a screen reader announces as invalid
    field = re.search(r'<input id="seq-0-2-minutes"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="seq-0-2-error"' in field
    assert re.search(r'id="seq-0-2-error">Journée 1, séquence 3', page)
    # a day's field too
    form["seq-0-2-minutes"], form["day-1-starts_at"] = "20", "9h"
    page = client.post(url, data=form).get_data(as_text=True)
    field = re.search(r'<input id="day-1-starts_at"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="day-1-error"' in field
    assert re.search(r'id="day-1-error">L&#39;heure doit s&#39;écrire HH:MM', page)


def test_axes_are_ticked_and_each_sequence_shows_its_start_without_javascript(room):
    client = room.login()
    url = f"/organisateur/ateliers/{room.code}/programme"
    form = agenda_form(client.get(url).get_data(as_text=True))
    board = next(k[:-len("-activity")] for k, v in form.items() if k.endswith("-activity") and v == "axis_board")
    assert len(form[f"{board}-axes"]) == 10  # every axis ticked: the board covers them all
    form[f"{board}-axes"] = ["droit-fondamental", "acces-sans-delai"]
    form["day-0-starts_at"] = "09:00"
    assert client.post(url, data=form).status_code == 302
    page = client.get(url).get_data(as_text=True)
    with room.app.app_context():
        session = db_session()
        day = agenda.agenda_dict(session, workshops.get_workshop(session, room.code))["days"][0]
    assert [s["axes"] for s in day["sequences"] if s["activity"] == "axis_board"] == [["droit-fondamental", "acces-sans-delai"]]
    assert day["starts_at"] == "09:00"
    assert re.findall(r'<output class="ed-at">([^<]*)</output>', page)[:3] == ["09:00", "09:30", "10:00"]
    assert "2 / 10" in page and "séparées par des virgules" not in page


def test_formats_pages_duplicate_edit_export_import(room, client):
    client = room.login()
    response = client.post("/organisateur/formats/dupliquer", data={"source": "plateformes-accompagnement"})
    assert response.status_code == 302
    edit_url = response.headers["Location"]
    page = client.get(edit_url).get_data(as_text=True)
    assert "Plateformes" in page and "Journée 1" in page
    text = re.search(r'<textarea id="format-source"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    text = text.replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    broken = text.replace("minutes: 15", "minutes: quinze", 1)
    line = next(i + 1 for i, text_line in enumerate(broken.splitlines())
                if "minutes: quinze" in text_line)
    response = client.post(edit_url, data={"text": broken})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f"Ligne {line} :" in page and f'data-line="{line}"' in page
    assert client.post(edit_url, data={"text": text.replace("minutes: 15", "minutes: 25", 1)}).status_code == 302
    format_id = edit_url.rstrip("/").split("/")[-1]
    exported = client.get(f"/organisateur/formats/custom:{format_id}/fichier")
    assert exported.status_code == 200 and "minutes: 25" in exported.get_data(as_text=True)

    imported = client.post("/organisateur/formats/importer", data={
        "file": (io.BytesIO(exported.get_data()), "plateformes.yaml"), "text": ""},
        content_type="multipart/form-data")
    assert imported.status_code == 302
    refused = client.post("/organisateur/formats/importer", data={"text": "id: x\ntitle: [", "file": (io.BytesIO(b""), "")},
                          content_type="multipart/form-data")
    assert refused.status_code == 400 and "Ligne" in refused.get_data(as_text=True)

    dashboard = client.get("/organisateur/").get_data(as_text=True)
    assert f'value="custom:{format_id}"' in dashboard
    created = client.post("/organisateur/", data={"title": "Avec mon format", "format": f"custom:{format_id}"})
    assert created.status_code == 302

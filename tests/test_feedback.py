"""Feedback form: a plain HTML page usable without scripts, one answer per device, a link that
expires, WTForms validation, and a summary for organisers and the booklet."""
import re
from datetime import timedelta

from tests.activity_helpers import make_current, sequence_id
from workshops.db import utcnow
from workshops.extensions import db_session
from workshops.models import FeedbackWindow
from workshops.services.activities import feedback

GOOD = {"satisfaction": "4", "plus_utile": "Les échanges entre métiers", "revenir": "Oui"}


def open_form(room, **settings):
    response = room.client.patch(f"/api/v1/workshops/{room.code}/feedback", headers=room.auth,
                                 json={"open": True, **settings})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_page_is_closed_until_the_form_opens(room):
    page = room.client.get(f"/f/{room.code}")
    assert page.status_code == 200
    assert "n'est pas ouvert" in page.get_data(as_text=True)
    room.client.post(f"/f/{room.code}", data=GOOD)
    assert answers_count(room) == 0


def answers_count(room) -> int:
    """How many answers the form holds (in an app context of its own: one left pushed
    would hand the next test this test's database session)."""
    with room.app.app_context():
        return feedback.summary(db_session(), room.workshop)["answers_count"]


def test_reaching_the_feedback_sequence_opens_the_link(room):
    make_current(room, sequence_id(room, "feedback_form"))
    page = room.client.get(f"/f/{room.code}").get_data(as_text=True)
    assert "êtes-vous satisfait·e de cette journée" in page
    status = room.client.get(f"/api/v1/workshops/{room.code}/feedback",
                             headers=room.auth).get_json()["status"]
    assert status["open"] is True and status["valid_days"] == 14


def test_a_device_answers_once_and_can_edit_its_answers(room, app):
    open_form(room)
    phone = app.test_client()
    page = phone.get(f"/f/{room.code}").get_data(as_text=True)
    # Every question has its label tied to a field (radio groups in a fieldset/legend).
    assert '<label for="plus_utile">' in page and "<legend>" in page
    saved = phone.post(f"/f/{room.code}", data=GOOD)
    assert saved.status_code == 200 and "Vos réponses sont enregistrées" in saved.get_data(as_text=True)
    again = phone.get(f"/f/{room.code}").get_data(as_text=True)
    assert "déjà répondu" in again and "Les échanges entre métiers" in again
    assert re.search(r'value="4"[^>]*checked|checked[^>]*value="4"', again)
    phone.post(f"/f/{room.code}", data=dict(GOOD, satisfaction="5"))
    app.test_client().post(f"/f/{room.code}", data=dict(GOOD, revenir="Non"))  # another phone
    summary = room.client.get(f"/api/v1/workshops/{room.code}/feedback",
                              headers=room.auth).get_json()["summary"]
    assert summary["answers_count"] == 2
    by_key = {q["key"]: q for q in summary["questions"]}
    assert by_key["satisfaction"]["average"] == 4.5
    assert {c["label"]: c["count"] for c in by_key["revenir"]["counts"]} == \
        {"Oui": 1, "Peut-être": 0, "Non": 1}
    assert by_key["plus_utile"]["texts"] == ["Les échanges entre métiers"] * 2


def test_missing_required_answers_are_explained_in_french(room, app):
    open_form(room)
    phone = app.test_client()
    response = phone.post(f"/f/{room.code}", data={"plus_utile": "x", "satisfaction": "9"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Répondez à cette question." in html and "pas un choix valide" in html
    assert answers_count(room) == 0


def test_the_link_expires_after_the_set_number_of_days(room, app):
    status = open_form(room, valid_days=3)
    assert status["valid_days"] == 3 and status["open"]
    phone = app.test_client()
    phone.post(f"/f/{room.code}", data=GOOD)
    with app.app_context():
        session = db_session()
        session.get(FeedbackWindow, room.workshop.id).opened_at = utcnow() - timedelta(days=3, minutes=1)
        session.commit()
    page = phone.post(f"/f/{room.code}", data=dict(GOOD, satisfaction="1"))
    assert "le lien a expiré" in page.get_data(as_text=True)
    summary = room.client.get(f"/api/v1/workshops/{room.code}/feedback",
                              headers=room.auth).get_json()["summary"]
    assert summary["questions"][0]["average"] == 4  # the late change was not taken
    bad = room.client.patch(f"/api/v1/workshops/{room.code}/feedback", headers=room.auth,
                            json={"valid_days": 0})
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_valid_days"


def test_the_page_form_needs_its_csrf_token(room, app):
    open_form(room)
    app.config["WTF_CSRF_ENABLED"] = True
    phone = app.test_client()
    page = phone.get(f"/f/{room.code}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert phone.post(f"/f/{room.code}", data=GOOD).status_code == 400
    assert phone.post(f"/f/{room.code}", data=dict(GOOD, csrf_token=token)).status_code == 200
    assert answers_count(room) == 1


def test_api_answers_are_validated_like_the_page(room):
    open_form(room)
    _p, headers, _ = room.join()
    url = f"/api/v1/workshops/{room.code}/feedback/answers/mine"
    bad = room.client.put(url, headers=headers, json={"answers": {"satisfaction": 9}})
    error = bad.get_json()["error"]
    assert bad.status_code == 400 and error["code"] == "invalid_answers"
    assert error["fields"] == {"satisfaction": "N'est pas un choix valide.",
                               "revenir": "Répondez à cette question."}
    first = room.client.put(url, headers=headers, json={"answers": dict(GOOD, satisfaction=4)})
    assert first.status_code == 201 and first.get_json()["answers"]["satisfaction"] == "4"
    second = room.client.put(url, headers=headers, json={"answers": GOOD})
    assert second.status_code == 200
    assert room.client.get(url, headers=headers).get_json()["answers"] == GOOD
    staff_only = room.client.get(f"/api/v1/workshops/{room.code}/feedback", headers=headers)
    assert staff_only.status_code == 401


def test_staff_open_and_close_over_the_socket_and_see_the_count(room, app):
    staff = room.socket(role="staff", flask_client=room.login(app.test_client()))
    ack = staff.emit("feedback:configure", {"open": True, "valid_days": 7}, callback=True)
    assert ack["ok"] and ack["feedback"]["open"] and ack["feedback"]["valid_days"] == 7
    staff.get_received()
    app.test_client().post(f"/f/{room.code}", data=GOOD)
    counted = [m["args"][0]["data"] for m in staff.get_received()
               if m["name"] == "event" and m["args"][0]["type"] == "feedback_count"]
    assert counted[-1]["answers"] == 1
    summary = staff.emit("feedback:summary", {}, callback=True)["summary"]
    assert summary["answers_count"] == 1
    closed = staff.emit("feedback:configure", {"open": False}, callback=True)
    assert closed["ok"] and closed["feedback"]["open"] is False
    assert "n'est pas ouvert" in app.test_client().get(f"/f/{room.code}").get_data(as_text=True)


def test_closing_while_its_sequence_runs_keeps_it_closed(room, app):
    make_current(room, sequence_id(room, "feedback_form"))
    status = room.client.get(f"/api/v1/workshops/{room.code}/feedback",
                             headers=room.auth).get_json()["status"]
    assert status["open"] is True and status["opened_at"] is None  # opens on the first visit
    closed = room.client.patch(f"/api/v1/workshops/{room.code}/feedback", headers=room.auth,
                               json={"open": False})
    assert closed.get_json()["open"] is False
    assert "n'est pas ouvert" in app.test_client().get(f"/f/{room.code}").get_data(as_text=True)


def test_organisers_read_the_results_page_and_nobody_else(room, app):
    open_form(room)
    app.test_client().post(f"/f/{room.code}", data=dict(GOOD, plus_utile="Rencontrer <les> bailleurs"))
    anonymous = app.test_client().get(f"/w/{room.code}/resultats")
    assert anonymous.status_code == 302  # to the login page
    page = room.login(app.test_client()).get(f"/w/{room.code}/resultats")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Rencontrer &lt;les&gt; bailleurs" in html and "Moyenne : 4" in html
    assert "1 réponse" in html


def test_in_english_the_forms_french_texts_say_they_are_french(room):
    """Read in English, the format's questions and answers are French: a screen reader must
    read them with French voice (`lang="fr"`), and the app's own scale labels in English."""
    make_current(room, sequence_id(room, "feedback_form"))
    room.client.set_cookie("lang", "en")
    page = room.client.get(f"/f/{room.code}").get_data(as_text=True)
    assert '<html lang="en"' in page
    assert '<h1 lang="fr">' in page
    assert re.search(r'<span lang="fr">[^<]*êtes-vous satisfait·e de cette journée', page)
    assert re.search(r'<span lang="fr">Peut-être</span>', page)
    scale = re.findall(r'<span( lang="fr")?>5 — ([^<]+)</span>', page)
    assert scale and scale[0][0] == "" and "complet" in scale[0][1]

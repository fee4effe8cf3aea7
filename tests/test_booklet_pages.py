"""The organiser's booklet screen: curation forms, preview, exports, data deletion."""
import datetime as dt
import re
import time

import pytest
from sqlalchemy import event, func, select

from tests.booklet_helpers import study_day
from workshops.extensions import db_session
from workshops.models import Card, Participant, Workshop


@pytest.fixture
def day(room, app):
    with app.app_context():
        session = db_session()
        return study_day(session, session.merge(room.workshop))


def url(room, path=""):
    return f"/organisateur/ateliers/{room.code}/livret{path}"


def test_page_offers_the_formats_drafts_and_every_visible_card(room, day):
    room.login()
    page = room.client.get(url(room)).get_data(as_text=True)
    assert "[Nom du collectif] réunit" in page  # the format's édito draft, to complete
    assert "Quels enseignements tirer" in page
    assert "Un bail glissant rassure les bailleurs" in page
    assert "masqué par l&#39;animation" not in page
    assert "Effacement automatique prévu le 8 juillet 2026" in page
    assert room.client.get(url(room)).status_code == 200


def test_page_needs_the_staff(room, day, app):
    assert room.client.get(url(room)).status_code == 302  # to the login page
    with app.app_context():
        from workshops.services.room import accounts

        accounts.create_account(db_session(), "autre@example.org", "correct horse battery")
    room.login(email="autre@example.org")
    assert room.client.get(url(room)).status_code == 403


def test_curation_forms_change_the_preview(room, day):
    room.login()
    client = room.client
    client.post(url(room, "/textes"), data={"edito": "Notre édito : merci !", "et_apres": "",
                                            "place": "Lyon", "show_organisations": "1",
                                            "retention_days": "30"})
    client.post(url(room, f"/cartes/{day.lever_low.id}/texte"),
                data={"text": "Le bail glissant, un appui"})
    client.post(url(room, f"/cartes/{day.duplicate.id}/fusion"), data={"into": str(day.lever_top.id)})
    client.post(url(room, f"/cartes/{day.other_limit.id}/verbatim"), data={"verbatim": "1"})
    with room.app.app_context():
        second = db_session().get(Workshop, room.workshop.id).axes[1]
    client.post(url(room, f"/axes/{second.id}/monter"))
    preview = client.get(url(room, "/apercu"))
    assert "style-src 'unsafe-inline'" in preview.headers["Content-Security-Policy"]
    assert "script-src" not in preview.headers["Content-Security-Policy"]
    html = preview.get_data(as_text=True)
    assert "Notre édito\u202f: merci\u202f!" in html
    assert "Le bail glissant, un appui" in html
    assert "Un bail glissant rassure les bailleurs" in html  # the original, in the annex
    assert "Foyer Notre-Dame" in html
    assert html.index(second.title) < html.index("Le bail glissant, un appui")
    assert "« Les délais restent trop longs »" in html.replace("\u202f", " ")
    assert client.post(url(room, "/textes"), data={"retention_days": "0"}).status_code == 302
    page = client.get(url(room)).get_data(as_text=True)
    assert "La durée de conservation doit être" in page


def test_export_job_from_the_screen_then_download(room, day, app):
    room.login()
    started = room.client.post(url(room, "/exports"), data={"format": "docx"},
                               headers={"Accept": "application/json"})
    assert started.status_code == 202
    job = started.get_json()
    deadline = time.monotonic() + 120
    while job["status"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.3)
        job = room.client.get(url(room, f"/exports/{job['id']}")).get_json()
    assert job["status"] == "done", job
    download = room.client.get(job["file_url"])
    assert download.status_code == 200 and download.data[:2] == b"PK"
    assert "attachment" in download.headers["Content-Disposition"]
    page = room.client.get(url(room)).get_data(as_text=True)
    assert job["filename"] in page


def test_delete_participant_data_then_the_workshop_from_the_screen(room, day, app):
    room.login()
    room.client.post(f"/organisateur/ateliers/{room.code}/donnees/participants/supprimer", data={})
    with app.app_context():
        assert db_session().scalar(select(func.count(Participant.id))) == 3  # not confirmed
    response = room.client.post(f"/organisateur/ateliers/{room.code}/donnees/participants/supprimer",
                                data={"confirm": "1"}, follow_redirects=True)
    assert "Données de 3 participant·es effacées" in response.get_data(as_text=True)
    with app.app_context():
        assert db_session().scalar(select(func.count(Participant.id))) == 0
        assert db_session().scalar(select(func.count(Card.id))) == 8
    room.client.post(f"/organisateur/ateliers/{room.code}/supprimer", data={"confirm_code": "X"})
    with app.app_context():
        assert db_session().scalar(select(func.count(Workshop.id))) == 1
    response = room.client.post(f"/organisateur/ateliers/{room.code}/supprimer",
                                data={"confirm_code": room.code.lower()}, follow_redirects=True)
    assert "toutes ses données ont été supprimés" in response.get_data(as_text=True)
    with app.app_context():
        assert db_session().scalar(select(func.count(Workshop.id))) == 0


def test_the_purge_is_announced_two_weeks_before(room, day, app):
    with app.app_context():
        session = db_session()
        for d in day.days:
            session.get(type(d), d.id).date = dt.date.today() - dt.timedelta(days=80)
        session.commit()
    room.login()
    for page in ("/organisateur/", f"/organisateur/ateliers/{room.code}", url(room)):
        assert "seront effacées le" in room.client.get(page).get_data(as_text=True) \
            or "effacées le" in room.client.get(page).get_data(as_text=True), page


def test_page_says_what_would_print_wrongly_and_takes_the_choices(room, day):
    room.login()
    client = room.client
    client.post(url(room, "/textes"), data={"edito": "Sur [territoire], merci.", "et_apres": ""})
    page = client.get(url(room)).get_data(as_text=True)
    assert "Prêt à envoyer ?" in page
    assert "Édito : « [territoire] » serait imprimé tel quel." in page
    assert "Recommandations retenues : 2 sur 3." in page
    assert "Seulement les retenues (2 sur 3)" in page
    assert 'name="override"' in page  # « Exporter quand même »
    refused = client.post(url(room, "/exports"), data={"format": "pdf"},
                          headers={"Accept": "application/json"})
    assert refused.status_code == 409
    assert "[territoire]" in refused.get_json()["error"]["warnings"][0]["message"]
    client.post(url(room, "/choix"), data={"empty_axes": "mention", "recommendations_shown": "all",
                                           "top_cards": "0"})
    client.post(url(room, "/textes"), data={"edito": "Sur le Rhône, merci.", "et_apres": "Après."})
    page = client.get(url(room)).get_data(as_text=True)
    assert "Rien à signaler" in page and 'name="override"' not in page
    started = client.post(url(room, "/exports"), data={"format": "pdf"},
                          headers={"Accept": "application/json"})
    assert started.status_code == 202


def test_identity_forms_refuse_bad_files_in_french(room, day):
    import io

    room.login()
    client = room.client
    response = client.post(url(room, "/logo"), data={"logo": (io.BytesIO(b"<html>"), "x.png")},
                           content_type="multipart/form-data", follow_redirects=True)
    assert "pas une image PNG, JPEG ou SVG" in response.get_data(as_text=True)
    response = client.post(url(room, "/identite"), data={"links": "Site | ftp://x.org"},
                           follow_redirects=True)
    assert "Seules les adresses http:// ou https://" in response.get_data(as_text=True)
    client.post(url(room, "/identite"), data={"links": "Notre site | https://notre.example.org",
                                              "accent_colour": "#aa3300"})
    page = client.get(url(room)).get_data(as_text=True)
    assert "Notre site | https://notre.example.org" in page and 'value="#aa3300"' in page


def test_suggested_duplicates_are_merged_only_by_a_click(room, day, app):
    from workshops.services.board import cards as board

    with app.app_context():
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        person = session.get(Participant, day.people[1].id)
        twin, _created, _events = board.post_card(
            session, workshop, person, "twin", workshop.axes[0].id, "lever",
            "un bail glissant RASSURE les bailleurs !")
        twin_id = twin.id
    room.login()
    page = room.client.get(url(room)).get_data(as_text=True)
    assert "Doublons suggérés" in page
    assert "« un bail glissant RASSURE les bailleurs ! » ≈ « Un bail glissant rassure les bailleurs »" in page
    with app.app_context():
        assert db_session().get(Card, twin_id).merged_into_id is None  # nothing merged by itself
    room.client.post(url(room, f"/cartes/{twin_id}/fusion"), data={"into": str(day.lever_low.id)})
    with app.app_context():
        assert db_session().get(Card, twin_id).merged_into_id == day.lever_low.id
    assert "RASSURE" not in room.client.get(url(room)).get_data(as_text=True).split("Cartes")[0]


def _add_cards(app, workshop_id, count, start=0):
    with app.app_context():
        session = db_session()
        axis = session.get(Workshop, workshop_id).axes[0].id
        session.add_all(Card(workshop_id=workshop_id, axis_id=axis, kind="lever",
                             client_id=f"bulk-{i}", text=f"Carte numéro {i} sur le logement",
                             supports=i % 7) for i in range(start, start + count))
        session.commit()
        return axis


def _statements_while(app, fetch):
    """What `fetch()` answered, and the SQL statements the server ran meanwhile."""
    with app.app_context():
        engine = db_session().get_bind()
    seen = []

    def count(_conn, _cursor, statement, *_rest):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        return fetch(), seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_ten_thousand_cards_on_one_axis_render_small_and_without_more_queries(room, app):
    """Issue 13 item 4 (curation part): the page was quadratic (a « fusionner avec » list of
    every sibling on every card). Its time is measured by bench/bench_curation.py; here, the
    page's size and the work it asks of the database do not grow with the axis."""
    room.login()
    axis = _add_cards(app, room.workshop.id, 100)
    room.client.get(url(room))  # the first visit stores the booklet's settings
    _small, few = _statements_while(app, lambda: room.client.get(url(room)))
    _add_cards(app, room.workshop.id, 9_900, start=100)
    response, many = _statements_while(app, lambda: room.client.get(url(room)))
    assert response.status_code == 200
    assert len(many) == len(few), (len(few), len(many))
    assert len(response.data) < 2 * 1024 * 1024, len(response.data)
    page = response.get_data(as_text=True)
    assert "Page 1 sur 100 (10000 cartes)" in page
    found = room.client.get(url(room), query_string={f"cherche-{axis}": "numéro 9999"})
    found = found.get_data(as_text=True)
    assert "Carte numéro 9999 sur le logement" in found and "Carte numéro 9998" not in found


def test_recommendations_choice_shows_the_rule_that_applies_before_the_organiser_picks(room, day, app):
    """QA #11: no choice saved yet: the screen checks « Seulement les retenues » when some
    are retained (what the booklet prints), « Toutes » when none is."""
    import re

    from workshops.services.groups import recommendations

    def checked(page):
        return re.findall(r'<input type="radio" id="(recs-[a-z]+)"[^>]*\bchecked\b', page)

    room.login()
    assert checked(room.client.get(url(room)).get_data(as_text=True)) == ["recs-kept"]
    with app.app_context():
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        for rec in (day.rec_a, day.rec_c):
            recommendations.curate(session, workshop, rec.id, status="draft")
    assert checked(room.client.get(url(room)).get_data(as_text=True)) == ["recs-all"]


def test_an_answer_is_shown_where_the_organiser_acted_not_at_the_top(room, day, app):
    """Without JavaScript too: a merge clicked in « Doublons suggérés » answers in that
    section, at the suggestion now in its place; a recommendation's rewording in its item;
    the page opens at the answer (#ici)."""
    from workshops.services.groups import recommendations

    def answer_in(page):
        """The id of the element the answer is in (#ici's parent)."""
        before = page[:page.index('id="ici"')]
        return re.findall(r'<(?:section|li)[^>]* id="([^"]+)"', before)[-1]

    with app.app_context():
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        recommendations.create(session, workshop, session.get(Participant, day.people[0].id),
                               "r-twin", "institutions", "Informer", "informer les bailleurs !")
    room.login()
    page = room.client.get(url(room)).get_data(as_text=True)
    twin = re.search(r'recommandations/(\d+)/fusion', page).group(1)
    merged = room.client.post(url(room, f"/recommandations/{twin}/fusion"),
                              data={"into": str(day.rec_c.id), "ici": "doublon-0"})
    assert merged.headers["Location"].endswith("?ici=doublon-0#ici")
    page = room.client.get(merged.headers["Location"]).get_data(as_text=True)
    assert "Recommandations fusionnées." in page.split('id="ici"')[1].split("</div>")[0]
    assert answer_in(page) == "doublons"  # the last suggestion gone: the section's end
    assert page.index('id="ici"') > page.index('id="doublons"')

    worded = room.client.post(url(room, f"/recommandations/{day.rec_c.id}/texte"),
                              data={"text": "Informer tous les bailleurs"}, follow_redirects=True)
    page = worded.get_data(as_text=True)
    assert answer_in(page) == f"reco-{day.rec_c.id}"
    assert "Formulation enregistrée." in page.split('id="ici"')[1].split("</div>")[0]
    assert "Formulation enregistrée." not in page[:page.index('id="pret"')]


def test_a_failed_export_offers_relancer_with_or_without_script(room, day, app):
    """A job's line is the server's, on the page and as the screen follows it (text/html):
    a failed one says why and offers « Relancer », which sends the export form again with
    its format (it had no such button without JavaScript)."""
    from workshops.models import ExportJob

    with app.app_context():
        session = db_session()
        job = ExportJob(workshop_id=room.workshop.id, format="pdf", status="failed",
                        error="le moteur PDF s'est arrêté")
        session.add(job)
        session.commit()
        job_id = job.id
    room.login()
    line = room.client.get(url(room, f"/exports/{job_id}"), headers={"Accept": "text/html"})
    assert line.content_type.startswith("text/html")
    for html in (line.get_data(as_text=True), room.client.get(url(room)).get_data(as_text=True)):
        assert "Échec : le moteur PDF s&#39;est arrêté" in html
        assert re.search(r'<button type="submit" form="export-form" name="format" value="pdf"[^>]*>'
                         r'Relancer</button>', html)
    assert room.client.get(url(room, f"/exports/{job_id}")).get_json()["status"] == "failed"


def test_a_card_curated_on_page_two_of_its_axis_comes_back_on_page_two(room, app):
    """A 300-card axis stays usable: the answer to a card's form keeps the page of cards
    (and the search) the organiser was on; it went back to page 1, the card out of sight."""
    room.login()
    axis = _add_cards(app, room.workshop.id, 150)
    listing = f"http://localhost{url(room)}?page-{axis}=2&cherche-{axis}=logement"
    page = room.client.get(listing).get_data(as_text=True)
    card_id = re.search(r'id="carte-(\d+)"', page).group(1)
    starred = room.client.post(url(room, f"/cartes/{card_id}/verbatim"), data={"verbatim": "1"},
                               headers={"Referer": listing})
    assert f"page-{axis}=2" in starred.headers["Location"]
    page = room.client.get(starred.headers["Location"]).get_data(as_text=True)
    assert "Page 2 sur 2" in page and f'id="carte-{card_id}"' in page
    elsewhere = room.client.post(url(room, f"/cartes/{card_id}/verbatim"), data={"verbatim": "0"},
                                 headers={"Referer": f"http://ailleurs.example{url(room)}?page-{axis}=2"})
    assert "page-" not in elsewhere.headers["Location"]

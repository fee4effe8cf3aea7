"""API of the booklet: exports in every format, jobs, archive round trip and import refusals,
participant data deletion, whole-workshop deletion, the automatic purge."""
import copy
import datetime as dt
import io
import json
import time
from pathlib import Path

import docx as python_docx
import openpyxl
import pytest
from sqlalchemy import func, select, update

from tests.booklet_helpers import study_day
from tests.conftest import make_facilitator
from workshops.models import (Attendance, Card, FeedbackAnswer, Participant, Recommendation,
                              RoomEvent, Workshop, Writing)
from workshops.services import retention
from workshops.services.booklet import build_synthesis

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@pytest.fixture
def day(room, app):
    with app.app_context():
        from workshops.extensions import db_session

        session = db_session()
        workshop = session.merge(room.workshop)
        return study_day(session, workshop)


def export(room, fmt, headers=None):
    return room.client.get(f"/api/v1/workshops/{room.code}/export?format={fmt}",
                           headers=room.auth if headers is None else headers)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_each_format_with_type_name_and_a_kept_copy(room, day, app, fmt):
    response = export(room, fmt)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.headers["Content-Type"] == FORMATS[fmt]
    disposition = response.headers["Content-Disposition"]
    prefix = "archive" if fmt == "json" else "livret"
    assert disposition.startswith(f'attachment; filename="{prefix}-journee-test-20')
    assert disposition.endswith(f'.{fmt}"')
    assert len(response.data) > 500
    name = disposition.split('"')[1]
    assert (Path(app.config["EXPORT_DIR"]) / name).read_bytes() == response.data


def test_docx_export_has_the_booklet_headings_and_the_cards(room, day):
    document = python_docx.Document(io.BytesIO(export(room, "docx").data))
    headings = [(p.style.name, p.text.replace("\u202f", " ").replace("’", "'"))
                for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    level1 = [text for style, text in headings if style == "Heading 1"]
    assert level1 == ["Le Logement d'Abord ? Mais qu'est-ce que c'est ?", "Méthode des rencontres",
                      "Qui était là ?", "Les 10 axes", "Paroles de la salle",
                      "Les recommandations", "Annexe"]  # no other organisation's links
    level2 = [text for style, text in headings if style == "Heading 2"]
    assert "En tant que professionnel·le" in level2 and "Pour les institutions" in level2
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Le logement est un droit, pas une récompense" in body
    assert "masqué" not in body


def test_xlsx_export_lists_cards_and_recommendations(room, day):
    workbook = openpyxl.load_workbook(io.BytesIO(export(room, "xlsx").data))
    assert workbook.sheetnames[:4] == ["Cartes", "Recommandations", "Participants par type",
                                       "Groupes"]
    texts = [row[4] for row in workbook["Cartes"].iter_rows(min_row=2, values_only=True)]
    assert "Un bail glissant rassure les bailleurs" in texts


def test_export_needs_the_staff_of_that_workshop(room, day):
    _pid, phone, _token = room.join()
    assert export(room, "pdf", headers={}).status_code == 401
    assert export(room, "pdf", headers=phone).status_code == 401
    response = export(room, "exe")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "unknown_export_format"


def strip_volatile(archive: dict) -> dict:
    data = copy.deepcopy(archive)
    data.pop("exported_at")
    data.pop("source")
    return data


def count(app, model) -> int:
    with app.app_context():
        from workshops.extensions import db_session

        return db_session().scalar(select(func.count()).select_from(model))


def test_archive_import_then_archive_gives_the_same_content(room, day, app):
    original = json.loads(export(room, "json").data)
    assert original["ensemble_archive"] == 1
    assert len(original["participants"]) == 3 and len(original["cards"]) == 8
    assert [d["starts_at"] for d in original["days"]] == ["09:30", None]
    response = room.client.post("/api/v1/workshops/import", json=original, headers=room.auth)
    assert response.status_code == 201, response.get_json()
    restored = response.get_json()
    assert restored["code"] != room.code and restored["title"] == "Journée test"
    again = room.client.get(f"/api/v1/workshops/{restored['code']}/export?format=json",
                            headers=room.auth)
    assert strip_volatile(json.loads(again.data)) == strip_volatile(original)
    booklet = room.client.get(f"/api/v1/workshops/{restored['code']}/export?format=md",
                              headers=room.auth).get_data(as_text=True)
    assert "Le logement est un droit, pas une récompense" in booklet


STAMPED = {Card: ("created_at", "updated_at"), Recommendation: ("created_at", "updated_at"),
           Writing: ("created_at", "updated_at"), FeedbackAnswer: ("created_at", "updated_at"),
           Participant: ("created_at",), Workshop: ("created_at",)}


def test_archive_keeps_when_everything_was_written_through_an_import(room, day, app):
    """Import then export gives the same file, moments included (a card's `created_at` is
    when it was posted that day, not when the archive was imported)."""
    posted, edited = dt.datetime(2026, 3, 12, 10, 15, 30, 123456), dt.datetime(2026, 3, 12, 11, 2)
    with app.app_context():
        from workshops.extensions import db_session

        session = db_session()
        for model, columns in STAMPED.items():
            session.execute(update(model).values(**dict(zip(columns, (posted, edited)))))
        session.execute(update(Attendance).values(created_at=posted))
        session.commit()
    original = json.loads(export(room, "json").data)
    answer = next(c for c in original["cards"] if c["parent"])
    assert (answer["created_at"], answer["updated_at"]) == (posted.isoformat(), edited.isoformat())
    assert original["recommendations"][0]["updated_at"] == edited.isoformat()
    assert original["participants"][0]["days_at"] == [posted.isoformat()] * 2
    assert original["feedback"]["answered_at"][0]["created_at"] == posted.isoformat()
    restored = room.client.post("/api/v1/workshops/import", json=original, headers=room.auth)
    assert restored.status_code == 201, restored.get_json()
    again = json.loads(room.client.get(
        f"/api/v1/workshops/{restored.get_json()['code']}/export?format=json",
        headers=room.auth).data)
    assert strip_volatile(again) == strip_volatile(original)


def broken_archives(original):
    foreign = {"version": 1, "workshop": original["workshop"]}
    future = dict(original, ensemble_archive=2)
    dangling = copy.deepcopy(original)
    dangling["cards"][1]["parent"] = "c999"
    bad_kind = copy.deepcopy(original)
    bad_kind["cards"][0]["kind"] = "sticker"
    bad_format = copy.deepcopy(original)
    bad_format["workshop"]["format"]["days"] = []
    bad_activity = copy.deepcopy(original)
    bad_activity["days"][0]["sequences"][0]["activity"] = "karaoke"
    late_error = copy.deepcopy(original)  # everything before it is valid: nothing may stay
    late_error["booklet"]["retention_days"] = "forever"
    twice = copy.deepcopy(original)  # valid piece by piece, refused by the database
    twice["polls"] = [{"key": "q", "votes": [{"participant": "p1", "choices": ["1"]}] * 2}]
    return {"inconsistent": (twice, "incohérentes"),"foreign": (foreign, "archive Ensemble"), "future": (future, "version 2"),
            "dangling": (dangling, "c999"), "kind": (bad_kind, "kind"),
            "format": (bad_format, "format"), "activity": (bad_activity, "activity"),
            "late": (late_error, "retention_days"),
            "list": ([1, 2], "archive Ensemble")}


def test_broken_or_foreign_archive_is_refused_and_creates_nothing(room, day, app):
    original = json.loads(export(room, "json").data)
    before = {model: count(app, model) for model in (Workshop, Card, Participant, Recommendation)}
    for name, (archive, words) in broken_archives(original).items():
        response = room.client.post("/api/v1/workshops/import", json=archive, headers=room.auth)
        assert response.status_code == 400, name
        error = response.get_json()["error"]
        assert error["code"] == "invalid_archive" and words in error["message"], (name, error)
        assert {model: count(app, model) for model in before} == before, name
    response = room.client.post("/api/v1/workshops/import", data="{pas du json",
                                headers=dict(room.auth, **{"Content-Type": "application/json"}))
    assert response.status_code == 400
    assert room.client.post("/api/v1/workshops/import", json=original).status_code == 401


def test_delete_participant_data_keeps_the_booklet(room, day, app):
    with app.app_context():
        from workshops.extensions import db_session

        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        before = build_synthesis(session, workshop, dt.datetime(2026, 5, 1))
    _pid, _phone, _token = room.join(organisation="Extra", organisation_type="association")
    assert room.client.delete(f"/api/v1/workshops/{room.code}/participants",
                              headers=room.auth).get_json() == {"deleted": 4}
    with app.app_context():
        from workshops.extensions import db_session

        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        assert session.scalar(select(func.count(Participant.id))) == 0
        assert session.scalar(select(func.count(Attendance.id))) == 0
        assert session.scalar(select(func.count(RoomEvent.id)).where(
            RoomEvent.workshop_id == workshop.id)) == 0
        cards = list(session.scalars(select(Card)))
        assert len(cards) == 8 and all(c.participant_id is None for c in cards)
        after = build_synthesis(session, workshop, dt.datetime(2026, 5, 1))
    assert [d.attendance for d in after.method.days] == [d.attendance for d in before.method.days]
    assert after.attendance.total == 4
    assert after.attendance.by_type == [("Association", 3), ("Bailleur social", 1)]
    assert after.axes == before.axes
    assert after.recommendations == before.recommendations  # dots included
    assert all(c.author_type == "" for c in after.annex_cards)


def test_only_the_organiser_deletes_and_a_whole_workshop_needs_confirmation(room, day, app):
    from workshops.services.room import accounts, workshops

    with app.app_context():
        from workshops.extensions import db_session

        session = db_session()
        helper = accounts.create_account(session, "anim@example.org", "correct horse battery")
        make_facilitator(session, session.get(Workshop, room.workshop.id), helper)
        helper_auth = {"Authorization": f"Bearer {accounts.issue_token(session, helper)}"}
    assert export(room, "md", headers=helper_auth).status_code == 200
    assert room.client.delete(f"/api/v1/workshops/{room.code}/participants",
                              headers=helper_auth).status_code == 403
    url = f"/api/v1/workshops/{room.code}"
    assert room.client.delete(url, json={"confirm": room.code}, headers=helper_auth).status_code == 403
    response = room.client.delete(url, json={"confirm": "NOPE"}, headers=room.auth)
    assert response.get_json()["error"]["code"] == "confirmation_required"
    assert count(app, Workshop) == 1
    assert room.client.delete(url, json={"confirm": room.code}, headers=room.auth).status_code == 204
    assert (count(app, Workshop), count(app, Card), count(app, Participant)) == (0, 0, 0)
    exported = list(Path(app.config["EXPORT_DIR"]).glob("*"))
    assert exported == []  # the markdown exported above went with the workshop


def test_retention_purges_by_itself_after_the_period_and_is_announced(room, day, app):
    with app.app_context():
        from workshops.extensions import db_session

        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        assert retention.purge_date(session, workshop) == dt.date(2026, 4, 9) + dt.timedelta(days=90)
        assert retention.notice(session, workshop, dt.date(2026, 6, 1)) is None
        assert retention.notice(session, workshop, dt.date(2026, 6, 25)) == dt.date(2026, 7, 8)
        assert retention.purge_due(session, dt.datetime(2026, 7, 7, 23, 0)) == []
        assert session.scalar(select(func.count(Participant.id))) == 3
        assert retention.purge_due(session, dt.datetime(2026, 7, 8, 0, 5)) == [room.code]
        assert session.scalar(select(func.count(Participant.id))) == 0
        assert retention.notice(session, workshop, dt.date(2026, 7, 8)) is None
        assert retention.purge_due(session, dt.datetime(2026, 7, 9)) == []


def test_purge_command_purges_what_is_due(room, day, app):
    with app.app_context():
        from workshops.extensions import db_session

        session = db_session()
        for d in day.days:
            session.get(type(d), d.id).date = dt.date(2020, 1, 6)
        session.commit()
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert room.code in result.output
    assert count(app, Participant) == 0


def big_workshop(app, room, cards=2000):
    with app.app_context():
        from workshops.extensions import db_session

        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        axes = [a.id for a in workshop.axes]
        session.add_all(Card(workshop_id=workshop.id, axis_id=axes[i % len(axes)],
                             kind="lever" if i % 3 else "limit", client_id=f"bulk-{i}",
                             text=f"Carte numéro {i} : l'accompagnement « sans condition »",
                             supports=i % 17) for i in range(cards))
        session.commit()


def test_long_export_runs_in_the_background_while_the_room_keeps_answering(room, app):
    big_workshop(app, room)
    started = room.client.post(f"/api/v1/workshops/{room.code}/exports", json={"format": "pdf"},
                               headers=room.auth)
    assert started.status_code == 202
    job_url = f"/api/v1/workshops/{room.code}/exports/{started.get_json()['id']}"
    seen = set()
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        tick = time.monotonic()
        answer = room.client.get(f"/api/v1/workshops/{room.code}/presence", headers=room.auth)
        assert answer.status_code == 200 and time.monotonic() - tick < 3
        job = room.client.get(job_url, headers=room.auth).get_json()
        seen.add(job["status"])
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.2)
    assert job["status"] == "done", job
    assert seen & {"building", "rendering"}  # the room answered while the export was running
    pdf = room.client.get(job["file_url"], headers=room.auth)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Disposition"].startswith("attachment; filename=livret-")


def test_xlsx_is_raw_data_a_researcher_can_use(room, day):
    """The defects: no date or time column, not the lever a « Oui, mais… » answers, no
    verbatim/merged/hidden flags, no ids, « Axe 10 » sorting before « Axe 2 »."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    response = export(room, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    sheet = book["Cartes"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    by_text = {row["Contribution"]: row for row in rows}
    answer = by_text["Oui, mais il manque des logements"]
    assert answer["Répond au levier (id)"] == day.lever_top.id
    assert answer["Répond au levier"] == "Le logement est un droit, pas une récompense"
    assert by_text["Le logement est un droit, pas une récompense"]["Verbatim"] is True
    hidden = by_text["Texte masqué par l'animation"]
    assert hidden["Masquée"] is True and hidden["Id"] == day.hidden.id
    assert {row["N° d'axe"] for row in rows if row["Type"] == "Levier"} == {1, 2}
    posted = by_text["La coopération avec le 115"]["Créée le"]
    assert isinstance(posted, dt.datetime)
    paris_now = dt.datetime.now(ZoneInfo("Europe/Paris")).replace(tzinfo=None)
    assert abs((paris_now - posted).total_seconds()) < 600
    date_cell = next(c for c in sheet[2] if isinstance(c.value, dt.datetime))
    assert date_cell.number_format == "yyyy-mm-dd hh:mm:ss"
    # The booklet itself never shows the hidden card, not even in its annex.
    assert "masqué" not in export(room, "md").get_data(as_text=True)


def test_xlsx_keeps_the_dots_the_room_gave_each_recommendation(room, day):
    """The wall's dots were in no export: the room's priorities were lost after the day."""
    sheet = openpyxl.load_workbook(io.BytesIO(export(room, "xlsx").data))["Recommandations"]
    header = [c.value for c in sheet[1]]
    rows = {row[0]: dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[day.rec_c.id]["Gommettes"] == 2
    assert rows[day.rec_a.id]["Gommettes"] == 0 and rows[day.rec_d.id]["Gommettes"] == 0


def test_xlsx_merged_cards_say_into_which(room, day, app):
    with app.app_context():
        from workshops.extensions import db_session
        from workshops.services import curation

        session = db_session()
        curation.merge_cards(session, session.merge(room.workshop), day.lever_top.id,
                             day.duplicate.id)
    book = openpyxl.load_workbook(io.BytesIO(export(room, "xlsx").data))
    sheet = book["Cartes"]
    header = [c.value for c in sheet[1]]
    rows = {row[header.index("Id")]: dict(zip(header, row))
            for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[day.duplicate.id]["Fusionnée dans (id)"] == day.lever_top.id

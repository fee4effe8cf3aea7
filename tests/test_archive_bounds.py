"""The archive import keeps the same bounds as the app: what the app exports it imports
again (a 60-character « Autre » detail included), and what would later break a page —
a validity of 10⁸ days, answers that are not text, junk kept counts — is refused with a
message that says where."""
import copy

import pytest

AUTRE = "autre:" + "x" * 60  # the longest « Autre » a phone accepts


def _archive(room) -> dict:
    return room.client.get(f"/api/v1/workshops/{room.code}/export?format=json",
                           headers=room.auth).get_json()


def _import(room, archive):
    return room.client.post("/api/v1/workshops/import", json=archive, headers=room.auth)


def test_an_exported_workshop_with_a_long_other_detail_imports_again(room):
    room.join(organisation_type=AUTRE, profession=AUTRE)
    archive = _archive(room)
    response = _import(room, archive)
    assert response.status_code == 201, response.get_json()


def _junk(original: dict) -> dict:
    valid_days = copy.deepcopy(original)
    valid_days["feedback"] = {"valid_days": 10 ** 8, "opened_at": None}
    answers = copy.deepcopy(original)
    answers["feedback"] = {"answers": [{"q1": {"a": 1}}], "answered_at": [None]}
    counts = copy.deepcopy(original)
    counts["booklet"]["kept_counts"] = {"days": {"0": "beaucoup"}, "total": "x"}
    retention = copy.deepcopy(original)
    retention["booklet"]["retention_days"] = 10 ** 8
    return {"valid_days": (valid_days, "feedback.valid_days"),
            "answers": (answers, "feedback.answers"),
            "kept_counts": (counts, "booklet.kept_counts"),
            "retention_days": (retention, "booklet.retention_days")}


@pytest.mark.parametrize("name", ["valid_days", "answers", "kept_counts", "retention_days"])
def test_an_archive_that_would_break_a_page_is_refused_saying_where(room, name):
    archive, where = _junk(_archive(room))[name]
    response = _import(room, archive)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_archive" and where in error["message"], error


def test_the_columns_hold_the_longest_other_a_phone_sends():
    """PostgreSQL refuses a longer value (SQLite does not check): the join would fail."""
    from workshops.models import Participant
    from workshops.services.room import participants

    for column in ("organisation_type", "profession"):
        assert Participant.__table__.c[column].type.length >= participants.CHOICE_MAX


def test_an_archive_with_too_many_poll_options_or_questions_is_refused_naming_the_limit(room):
    from workshops.formats.model import FORM_QUESTIONS_MAX, POLL_OPTIONS_MAX

    archive = _archive(room)
    too_many = copy.deepcopy(archive)
    too_many["workshop"]["format"]["polls"] = [{
        "key": "p", "question": "Laquelle ?", "kind": "single",
        "options": [{"key": f"o{i}", "label": f"Option {i}"} for i in range(POLL_OPTIONS_MAX + 1)]}]
    questions = copy.deepcopy(archive)
    questions["workshop"]["format"]["feedback_form"]["questions"] = [
        {"key": f"q{i}", "label": f"Question {i}", "kind": "text"}
        for i in range(FORM_QUESTIONS_MAX + 1)]
    choices = copy.deepcopy(archive)
    choices["polls"] = [{"key": "p", "votes": [{"participant": None,
                                                "choices": ["o"] * (POLL_OPTIONS_MAX + 1)}]}]
    for junk, limit in ((too_many, POLL_OPTIONS_MAX), (questions, FORM_QUESTIONS_MAX),
                        (choices, POLL_OPTIONS_MAX)):
        response = _import(room, junk)
        assert response.status_code == 400, response.get_json()
        error = response.get_json()["error"]
        assert error["code"] == "invalid_archive" and f"{limit} au maximum" in error["message"]


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 2), "#a03060").save(out, format="PNG")
    return out.getvalue()


def test_what_the_organiser_chose_survives_an_archive_and_the_room_starts_afresh(room):
    """The columns added since the archive was written: the projection's naming of group
    members, a group's place, a poll's results shown, the booklet's identity and choices
    go through; where the room stood (spotlight, sort, pages, view) does not."""
    from workshops.extensions import db_session
    from workshops.models import BookletSettings, Card, Group, Poll, Workshop

    _pid, phone, _token = room.join()
    card = room.post_card(phone, text="Un levier").get_json()
    logo = _png()
    with room.app.app_context():
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        workshop.member_names = "first_names"
        workshop.view, workshop.spotlight_card_id = "spotlight", card["id"]
        workshop.board_sort, workshop.pages_held, workshop.page_turns = "support", True, 3
        session.add(Group(workshop_id=workshop.id, name="Les Hirondelles", position=0,
                          place="Salle 2"))
        session.add(Poll(workshop_id=workshop.id, key="territoire", open=False, shown=True))
        session.add(BookletSettings(
            workshop_id=workshop.id, accent_colour="#a03060", logo=logo, logo_type="image/png",
            links=[{"label": "Site", "url": "https://exemple.org"}],
            partners=[{"name": "Fondation", "logo_type": "", "logo": ""}],
            colophon="Imprimé à Lyon", axes_intro="Les axes", recommendations_intro="Les recos",
            empty_axes="mention", recommendations_shown="all", show_supports=False,
            top_cards=5))
        session.commit()
    original = _archive(room)
    response = _import(room, original)
    assert response.status_code == 201, response.get_json()
    code = response.get_json()["code"]
    again = room.client.get(f"/api/v1/workshops/{code}/export?format=json",
                            headers=room.auth).get_json()
    assert again["workshop"]["member_names"] == "first_names"
    assert again["groups"][0]["place"] == "Salle 2"
    assert again["polls"][0]["shown"] is True
    chosen = ("accent_colour", "logo", "links", "partners", "colophon", "axes_intro",
              "recommendations_intro", "empty_axes", "recommendations_shown", "show_supports",
              "top_cards")
    assert {k: again["booklet"][k] for k in chosen} == {k: original["booklet"][k] for k in chosen}
    assert original["booklet"]["top_cards"] == 5 and original["booklet"]["logo"]
    with room.app.app_context():
        session = db_session()
        imported = session.query(Workshop).filter_by(code=code).one()
        assert session.get(BookletSettings, imported.id).logo == logo
        assert (imported.view, imported.spotlight_card_id, imported.board_sort,
                imported.pages_held, imported.page_turns) == ("join", None, "time", False, 0)
        assert session.query(Card).filter_by(workshop_id=imported.id).count() == 1


def test_an_archived_booklet_identity_is_checked_as_the_livret_screen_checks_it(room):
    archive = _archive(room)
    for field, junk in (("accent_colour", "rouge"), ("logo", "pas du base64 !"),
                        ("logo", "PHN2Zz48c2NyaXB0Lz48L3N2Zz4="),  # <svg><script/></svg>
                        ("links", [{"url": "javascript:alert(1)"}]),
                        ("partners", [{"name": ""}]), ("top_cards", 10 ** 6),
                        ("empty_axes", "peut-être")):
        broken = copy.deepcopy(archive)
        broken["booklet"][field] = junk
        response = _import(room, broken)
        assert response.status_code == 400, (field, response.get_json())
        error = response.get_json()["error"]
        assert error["code"] == "invalid_archive" and f"booklet.{field}" in error["message"]
        assert "erreur invalid" not in error["message"]  # the Livret screen's own words
    broken = copy.deepcopy(archive)
    broken["booklet"]["accent_colour"] = "rouge"
    message = _import(room, broken).get_json()["error"]["message"]
    assert "La couleur doit s'écrire #RRVVBB" in message and "booklet.accent_colour" in message

"""A sequence moved to another day of the programme: the service (`agenda_edit.to_chosen_days`
then `replace`: ids kept, both days renumbered and retimed, limits and the room's current
sequence), and the programme page without JavaScript (each row's « Jour » field, its errors)."""
import re

import pytest

from tests.conftest import FORMAT_ID
from tests.test_programme_pages import agenda_form
from workshops.extensions import db_session
from workshops.formats import get_builtin
from workshops.messages import message_for
from workshops.models import Account, Workshop
from workshops.services.agenda import agenda, agenda_edit
from workshops.services.base.errors import ServiceError
from workshops.services.room import workshops

BOARD = "Les freins/leviers/perspectives de l'accompagnement dans le LDA"


def saved(session, workshop) -> list[dict]:
    return agenda.agenda_dict(session, workshop)["days"]


def chosen(days, title, day_id) -> list[dict]:
    """The agenda as saved, with the sequence called `title` sent to the day `day_id`."""
    for day in days:
        for sequence in day["sequences"]:
            if sequence["title"] == title:
                sequence["day"] = day_id
    return days


def move(session, workshop, days):
    agenda_edit.replace(session, workshop, agenda_edit.to_chosen_days(session, workshop, days))


def another_workshop(session, room) -> Workshop:
    return workshops.create_workshop(session, session.get(Account, room.account.id), "Un autre atelier",
                                     get_builtin(FORMAT_ID))


def refused(session, workshop, days) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        move(session, workshop, days)
    session.rollback()
    return caught.value


def test_a_sequence_that_ran_moves_to_the_end_of_day_two_keeping_its_id(room, app):
    with app.app_context():
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        day1, day2 = saved(session, workshop)
        board = next(s for s in day1["sequences"] if s["title"] == BOARD)
        agenda.goto(session, workshop, sequence=board["id"])  # it runs, then the room goes on
        agenda.goto(session, workshop, sequence=day1["sequences"][3]["id"])
        days = chosen(saved(session, workshop), BOARD, day2["id"])
        ran = next(s for s in days[0]["sequences"] if s["title"] == BOARD)
        days[0]["starts_at"], days[1]["starts_at"] = "09:00", "09:30"
        next(s for s in days[0]["sequences"] if s["title"] == BOARD)["minutes"] = 60  # unsaved edit
        move(session, workshop, days)

        after1, after2 = saved(session, workshop)
        assert [s["id"] for s in after1["sequences"]] == [s["id"] for s in day1["sequences"] if s["id"] != board["id"]]
        assert [s["id"] for s in after2["sequences"]] == [s["id"] for s in day2["sequences"]] + [board["id"]]
        assert [s["position"] for s in after1["sequences"]] == [0, 1, 2, 3, 4]
        assert [s["position"] for s in after2["sequences"]] == [0, 1, 2, 3]
        moved = after2["sequences"][-1]
        assert (moved["title"], moved["activity"], moved["minutes"]) == (BOARD, "axis_board", 60)
        assert (moved["started_at"], moved["ended_at"]) == (ran["started_at"], ran["ended_at"])  # what ran stays
        assert moved["started_at"] is not None
        assert (after1["planned_minutes"], after2["planned_minutes"]) == (
            day1["planned_minutes"] - 75, day2["planned_minutes"] + 60)
        # The room walks day 2 with it, after day 2's own sequences.
        assert [s.id for d, s in agenda.steps(session, workshop) if d.id == day2["id"] and s][-1] == board["id"]


def test_the_current_sequence_stays_in_its_day(room, app):
    with app.app_context():
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        day1, day2 = saved(session, workshop)
        agenda.goto(session, workshop, sequence=day1["sequences"][2]["id"])
        error = refused(session, workshop, chosen(saved(session, workshop), BOARD, day2["id"]))
        assert error.code == "current_sequence_stays" and error.params["field"] == "day"
        assert "est en cours dans la salle" in message_for(error.code, error.params)
        assert [s["id"] for s in saved(session, workshop)[0]["sequences"]] == [s["id"] for s in day1["sequences"]]
        # moved within its day, it may
        days = saved(session, workshop)
        days[0]["sequences"].append(days[0]["sequences"].pop(2))
        move(session, workshop, days)
        assert saved(session, workshop)[0]["sequences"][-1]["title"] == BOARD


def test_the_current_sequence_stays_in_its_day_through_the_api_too(room):
    days = room.client.get(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth).get_json()["days"]
    current = days[0]["sequences"][0]
    room.client.post(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth,
                     json={"action": "goto", "sequence": current["id"]})
    days[1]["sequences"].append(days[0]["sequences"].pop(0))
    response = room.client.patch(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth, json={"days": days})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "current_sequence_stays"


def test_a_full_day_takes_no_more(room, app):
    with app.app_context():
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        days = saved(session, workshop)
        days[1]["sequences"] += [{"title": f"Atelier {n}", "activity": "question_board", "minutes": 5,
                                  "question": "Et vous ?"}
                                 for n in range(agenda_edit.MAX_SEQUENCES - len(days[1]["sequences"]))]
        move(session, workshop, days)
        day1, day2 = saved(session, workshop)
        assert len(day2["sequences"]) == 40

        error = refused(session, workshop, chosen(saved(session, workshop), BOARD, day2["id"]))
        assert (error.code, error.params["day"], error.params["sequence"], error.params["field"]) == (
            "chosen_day_full", 1, 3, "day")
        assert message_for(error.code, error.params).endswith(
            "la journée « Élaboration de préconisations » a déjà 40 séquences, le maximum.")
        # Sent as day 2's own row (the editor's JavaScript renames a moved row), the limit is said too.
        days = saved(session, workshop)
        days[1]["sequences"].append(dict(days[0]["sequences"].pop(2), day=day2["id"]))
        error = refused(session, workshop, days)
        assert "la journée 2 a 41 séquences, 40 au plus" in message_for(error.code, error.params)
        assert len(saved(session, workshop)[0]["sequences"]) == len(day1["sequences"])


def test_a_day_that_is_not_one_of_the_workshop_is_refused_on_that_row(room, app):
    with app.app_context():
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        other = another_workshop(session, room)
        elsewhere = saved(session, other)[1]["id"]
        day2 = saved(session, workshop)[1]["id"]
        for value, code in [(elsewhere, "unknown_chosen_day"), ("999999", "unknown_chosen_day"),
                            ("deux", "unknown_chosen_day"), (True, "unknown_chosen_day")]:
            error = refused(session, workshop, chosen(saved(session, workshop), BOARD, value))
            assert (error.code, error.params["day"], error.params["sequence"], error.params["field"]) == (
                code, 1, 3, "day"), value
        days = chosen(saved(session, workshop), BOARD, day2)
        del days[1]  # day 2 removed in the same post
        assert refused(session, workshop, days).code == "chosen_day_removed"
        assert len(saved(session, other)[1]["sequences"]) == 3  # the other workshop is untouched


# ---------------------------------------------------------------- the page, without JavaScript


def programme(room):
    client = room.login()
    url = f"/organisateur/ateliers/{room.code}/programme"
    return client, url, agenda_form(client.get(url).get_data(as_text=True))


def test_without_javascript_the_jour_field_moves_a_row_with_its_edits(room):
    client, url, form = programme(room)
    with room.app.app_context():
        session = db_session()
        day1, day2 = saved(session, workshops.get_workshop(session, room.code))
    page = client.get(url).get_data(as_text=True)
    field = re.search(r'<label for="seq-0-2-day">Jour</label>\s*<select id="seq-0-2-day" name="seq-0-2-day">'
                      r'(.*?)</select>', page, re.S)
    assert field, "each row has a « Jour » field"
    assert re.findall(r'<option value="(\d+)"', field.group(1)) == [str(day1["id"]), str(day2["id"])]
    assert f'<option value="{day1["id"]}" selected>' in field.group(1)
    form["seq-0-2-day"] = str(day2["id"])
    form["seq-0-2-title"] = "Atelier 3"  # typed in the same post
    form["day-0-starts_at"], form["day-1-starts_at"] = "09:00", "09:30"
    response = client.post(url, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]

    with room.app.app_context():
        session = db_session()
        after1, after2 = saved(session, workshops.get_workshop(session, room.code))
    assert after2["sequences"][-1]["id"] == day1["sequences"][2]["id"]
    assert (after2["sequences"][-1]["title"], after2["sequences"][-1]["minutes"]) == ("Atelier 3", 75)
    assert len(after1["sequences"]) == 5
    page = client.get(url).get_data(as_text=True)
    starts = re.findall(r'<output class="ed-at">([^<]*)</output>', page)
    assert starts[:5] == ["09:00", "09:30", "10:00", "10:45", "11:15"]  # day 1 closes the gap
    assert starts[6:10] == ["09:30", "10:00", "11:30", "11:45"]  # day 2: after « Et après ? », 15 min
    assert f'<option value="{day2["id"]}" selected>' in re.search(
        r'<select id="seq-1-3-day".*?</select>', page, re.S).group(0)


@pytest.mark.parametrize("value", ["999999", "deux", "-1", "another workshop"])
def test_without_javascript_a_day_not_of_this_workshop_is_said_on_the_field(room, value):
    client, url, form = programme(room)
    if value == "another workshop":
        with room.app.app_context():
            session = db_session()
            value = str(saved(session, another_workshop(session, room))[1]["id"])
    form["seq-0-2-day"] = value
    response = client.post(url, data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    message = "Journée 1, séquence 3 : la journée choisie n&#39;existe pas dans cet atelier."
    assert re.search(r'role="alert"[^>]*>' + re.escape(message), page)
    field = re.search(r'<select id="seq-0-2-day"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="seq-0-2-error"' in field
    assert re.search(r'id="seq-0-2-error">' + re.escape(message), page)
    with room.app.app_context():
        session = db_session()
        assert len(saved(session, workshops.get_workshop(session, room.code))[0]["sequences"]) == 6

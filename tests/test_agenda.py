"""Driving the agenda: next/previous/goto, the room state phones dispatch on, planned vs actual,
attendance per day, and the organiser's agenda editing."""
import datetime as dt
import re
import time

import pytest

from tests.conftest import make_facilitator
from workshops.extensions import db_session
from workshops.models import Sequence, Workshop
from workshops.services.agenda import agenda


def drive(room, **body):
    return room.client.post(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth, json=body)


def get_agenda(room):
    response = room.client.get(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth)
    assert response.status_code == 200
    return response.get_json()


def test_next_walks_day_one_then_opens_day_two(room):
    days = get_agenda(room)["days"]
    day1, day2 = days
    assert [s["activity"] for s in day1["sequences"]][:3] == [
        "individual_writing", "question_board", "axis_board"]

    state = drive(room, action="next").get_json()
    assert state["day"] == day1["id"] and state["sequence"] is None
    assert state["activity"] == "welcome" and state["view"] == "join"

    state = drive(room, action="next").get_json()
    first = day1["sequences"][0]
    assert state["sequence"] == first["id"]
    assert state["activity"] == "individual_writing"
    assert state["sequence_title"] == first["title"]
    assert state["instructions"].startswith("Écrivez seul·e")
    assert state["minutes"] == 30 and state["question"]
    # The keys the board screens already use are still there.
    assert {"axis", "locked", "view"} <= state.keys()

    for _ in day1["sequences"][1:]:
        assert drive(room, action="next").status_code == 200
    state = drive(room, action="next").get_json()
    assert state["day"] == day2["id"] and state["activity"] == "welcome"
    state = drive(room, action="next").get_json()
    assert state["activity"] == "restitution" and state["view"] == "restitution"


def test_previous_and_goto_and_their_limits(room):
    day1 = get_agenda(room)["days"][0]
    response = drive(room, action="previous")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "agenda_start"

    board = next(s for s in day1["sequences"] if s["activity"] == "axis_board")
    state = drive(room, action="goto", sequence=board["id"]).get_json()
    assert state["sequence"] == board["id"] and state["view"] == "board"
    state = drive(room, action="previous").get_json()
    assert state["sequence"] == day1["sequences"][1]["id"]

    last_day = get_agenda(room)["days"][-1]
    drive(room, action="goto", sequence=last_day["sequences"][-1]["id"])
    response = drive(room, action="next")
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == "C'est la dernière séquence du programme."

    for body, code in [({"action": "goto", "sequence": 999999}, "unknown_sequence"),
                       ({"action": "goto", "sequence": "x"}, "unknown_sequence"),
                       ({"action": "goto", "day": 999999}, "unknown_day"),
                       ({"action": "jump"}, "unknown_agenda_action")]:
        response = drive(room, **body)
        assert response.status_code == 400 and response.get_json()["error"]["code"] == code


def test_planned_against_actual_minutes(room, app):
    day1 = get_agenda(room)["days"][0]
    first, second = day1["sequences"][:2]
    drive(room, action="goto", sequence=first["id"])
    with app.app_context():  # pretend the first sequence started 42 minutes ago
        session = db_session()
        row = session.get(Sequence, first["id"])
        row.started_at = row.started_at - dt.timedelta(minutes=42)
        session.commit()
    drive(room, action="goto", sequence=second["id"])
    day1 = get_agenda(room)["days"][0]
    done = day1["sequences"][0]
    assert done["minutes"] == 30 and 41.9 <= done["actual_minutes"] <= 42.1
    assert done["started_at"].endswith("Z") and done["ended_at"]
    running = day1["sequences"][1]
    assert running["ended_at"] is None and running["actual_minutes"] < 1
    assert day1["planned_minutes"] == sum(s["minutes"] for s in day1["sequences"])
    assert get_agenda(room)["current"]["sequence"] == second["id"]


def test_axis_board_limits_the_axis_choice_to_its_axes(room, app):
    day1 = get_agenda(room)["days"][0]
    board = next(s for s in day1["sequences"] if s["activity"] == "axis_board")
    with app.app_context():
        session = db_session()
        row = session.get(Sequence, board["id"])
        workshop = session.get(Workshop, row.workshop_id)
        row.axis_keys = [workshop.axes[3].key, workshop.axes[4].key]
        session.commit()
    state = drive(room, action="goto", sequence=board["id"]).get_json()
    assert state["axes"] == [room.axes[3], room.axes[4]]
    assert state["axis"] == room.axes[3]  # moved onto the sequence's first axis
    url = f"/api/v1/workshops/{room.code}/state"
    refused = room.client.post(url, headers=room.auth, json={"axis": room.axes[0]})
    assert refused.status_code == 400
    assert refused.get_json()["error"]["code"] == "axis_not_in_sequence"
    assert room.client.post(url, headers=room.auth, json={"axis": room.axes[4]}).status_code == 200


def test_participants_cannot_drive_and_other_organisers_cannot_see(room, client):
    _pid, headers, _token = room.join()
    assert client.post(f"/api/v1/workshops/{room.code}/agenda", headers=headers,
                       json={"action": "next"}).status_code in (401, 403)
    from workshops.services.room import accounts
    with room.app.app_context():
        stranger = accounts.issue_token(db_session(), accounts.create_account(
            db_session(), "other@example.org", "correct horse battery"))
    response = client.get(f"/api/v1/workshops/{room.code}/agenda",
                          headers={"Authorization": f"Bearer {stranger}"})
    assert response.status_code == 403


def test_socket_agenda_events_reach_phones_with_the_activity(room):
    staff = room.socket("staff", flask_client=room.login())
    _pid, _headers, token = room.join()
    phone = room.socket("participant", token=token)
    phone.emit("sync", {"since": 0}, callback=True)
    phone.get_received()
    ack = staff.emit("agenda:next", {}, callback=True)
    assert ack["ok"] and ack["state"]["activity"] == "welcome"
    ack = staff.emit("agenda:next", {}, callback=True)
    assert ack["state"]["activity"] == "individual_writing"
    states = [m["args"][0]["data"] for m in phone.get_received()
              if m["name"] == "event" and m["args"][0]["type"] == "state"]
    assert [s["activity"] for s in states] == ["welcome", "individual_writing"]
    assert phone.emit("agenda:next", {}, callback=True)["error"]["code"] == "not_allowed"
    ack = staff.emit("agenda:goto", {"sequence": "nope"}, callback=True)
    assert not ack["ok"] and ack["error"]["code"] == "unknown_sequence"


def test_two_next_handled_at_once_take_the_room_two_steps_or_one_from_the_same_place(room, app):
    """Two « Suivant » whose handlers both read the room before either moved it (a double
    click, two facilitators): each step starts from where the room really is once the first
    is committed; sent with where the console saw the room, the second is the same step,
    already taken, and nothing moves twice (docs/decisions.md, « agenda:next »)."""
    before = {"day": None, "sequence": None}
    with app.app_context():
        database = app.extensions["ensemble.db"]
        first, second, third = (database.session_factory() for _ in range(3))
        rooms = [s.get(Workshop, room.workshop.id) for s in (first, second, third)]
        day1 = agenda.steps(first, rooms[0])[0][0]
        agenda.act(first, rooms[0], "next", start=before)
        assert agenda.act(second, rooms[1], "next", start=before) == []  # already taken
        assert (rooms[1].current_day_id, rooms[1].current_sequence_id) == (day1.id, None)
        # an API v1 client that says nothing: one more step, from where the room now is
        agenda.act(third, rooms[2], "next")
        assert (rooms[2].current_day_id, rooms[2].current_sequence_id) == (day1.id, day1.sequences[0].id)
        for s in (first, second, third):
            s.close()


def test_a_step_from_where_the_room_no_longer_is_is_refused_in_french(room):
    staff = room.socket("staff", flask_client=room.login())
    welcome = staff.emit("agenda:next", {"from": {"day": None, "sequence": None}}, callback=True)["state"]
    seen = {"day": welcome["day"], "sequence": None}
    first = staff.emit("agenda:next", {"from": seen}, callback=True)["state"]
    assert first["sequence"] and first["day"] == welcome["day"]
    # the same « Suivant » again (a double click): answered with where the room is, no move
    again = staff.emit("agenda:next", {"from": seen}, callback=True)
    assert again["ok"] and again["state"]["sequence"] == first["sequence"]
    # another facilitator jumped elsewhere meanwhile: the stale step is refused, said why
    days = get_agenda(room)["days"]
    elsewhere = days[1]["sequences"][0]["id"]
    staff.emit("agenda:goto", {"sequence": elsewhere}, callback=True)
    refused = staff.emit("agenda:next", {"from": seen}, callback=True)
    assert not refused["ok"] and refused["error"]["code"] == "agenda_moved"
    assert "Le programme a changé" in refused["error"]["message"]
    refused = staff.emit("agenda:previous", {"from": {"day": welcome["day"], "sequence": first["sequence"]}},
                         callback=True)
    assert refused["error"]["code"] == "agenda_moved"
    response = drive(room, action="next", **{"from": seen})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "agenda_moved"
    assert get_agenda(room)["current"]["sequence"] == elsewhere
    response = drive(room, action="next", **{"from": {"day": "deux"}})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_agenda_position"


def within_seconds(read, expected, seconds=3.0):
    """Phones are counted in batches once a second: wait for the batch, as a console does."""
    deadline = time.monotonic() + seconds
    while (value := read()) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return value


def attendance_per_day(room):
    return [d["attendance"] for d in get_agenda(room)["days"]]


def test_attendance_is_counted_once_per_day_and_recognised_on_day_two(room):
    _pid, _headers, token = room.join()
    _pid2, _headers2, token2 = room.join(organisation="Mairie", organisation_type="collectivite")
    for t in (token, token2):
        phone = room.socket("participant", token=t)
        phone.emit("sync", {"since": 0}, callback=True)
        phone.emit("sync", {"since": 0}, callback=True)  # re-syncing counts once
        phone.disconnect()
    assert within_seconds(lambda: attendance_per_day(room), [2, 0]) == [2, 0]
    time.sleep(1.2)  # a later batch does not count the re-syncs again
    assert attendance_per_day(room) == [2, 0]
    days = get_agenda(room)["days"]

    drive(room, action="goto", day=days[1]["id"])
    # Day 2: the same phone (same token) comes back, no new join; a newcomer joins.
    phone = room.socket("participant", token=token)
    assert phone.emit("sync", {"since": 0}, callback=True)["ok"]
    _pid3, _h3, token3 = room.join(organisation="Foyer C")
    room.socket("participant", token=token3).emit("sync", {"since": 0}, callback=True)
    assert within_seconds(lambda: attendance_per_day(room), [2, 2]) == [2, 2]
    per_day = room.client.get(f"/api/v1/workshops/{room.code}/attendance",
                              headers=room.auth).get_json()
    assert per_day[0]["by_type"] == {"association": 1, "collectivite": 1}
    assert per_day[1]["count"] == 2


def programme_attendance(room):
    """The « Présences par journée » table of the organiser's programme page: (day, count)."""
    client = room.login(room.app.test_client())
    page = client.get(f"/organisateur/ateliers/{room.code}/programme").get_data(as_text=True)
    table = page.split('id="attendance-title"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr><td>([^<]*)</td><td>(\d+)</td></tr>", table)


def test_day_two_counts_the_phones_connected_when_it_opens_and_everyone_who_acts(room):
    """QA #5: seven people on day 2 (five phones connected when the day opened, two more who
    only act that day) read « 3 » on the programme and in the booklet."""
    connected = [room.join(organisation=f"Foyer {n}")[2] for n in range(5)]
    acting = [room.join(organisation=f"Mairie {n}")[1] for n in range(2)]
    phones = [room.socket("participant", token=t) for t in connected]
    for phone in phones:
        assert phone.emit("sync", {"since": 0}, callback=True)["ok"]
    assert within_seconds(lambda: attendance_per_day(room), [5, 0]) == [5, 0]

    days = get_agenda(room)["days"]
    assert drive(room, action="goto", day=days[1]["id"]).status_code == 200
    for headers in acting:
        assert room.post_card(headers, text="Un levier du deuxième jour").status_code == 201
    assert within_seconds(lambda: attendance_per_day(room), [5, 7]) == [5, 7]
    assert [count for _title, count in programme_attendance(room)] == ["5", "7"]


def test_staff_snapshot_carries_attendance_and_phone_snapshot_does_not(room):
    _pid, _headers, token = room.join()
    phone = room.socket("participant", token=token)
    ack = phone.emit("sync", {"since": 0}, callback=True)
    assert "attendance" not in ack["snapshot"] and ack["snapshot"]["timer"]["status"] == "idle"
    staff = room.socket("staff", flask_client=room.login())
    count = within_seconds(lambda: staff.emit("sync", {"since": 0}, callback=True)[
        "snapshot"]["attendance"][0]["count"], 1)
    assert count == 1


def _edited(agenda_json):
    return [{"id": d["id"], "title": d["title"], "date": d["date"], "objective": d["objective"],
             "sequences": [{k: s[k] for k in ("id", "title", "activity", "minutes", "instructions",
                                              "question", "axes", "poll", "restitution_of")}
                           for s in d["sequences"]]} for d in agenda_json["days"]]


def test_organiser_edits_the_agenda(room):
    days = _edited(get_agenda(room))
    days[0]["title"] = "Journée 1 — état des lieux"
    days[0]["date"] = "2026-03-12"
    days[0]["starts_at"] = "09:30"
    first = days[0]["sequences"].pop(0)
    days[0]["sequences"].append(dict(first, title="Écriture en fin de journée", minutes=20))
    days[0]["sequences"].insert(0, {"title": "Accueil café", "activity": "question_board",
                                    "minutes": 15, "question": "Qui êtes-vous ?",
                                    "instructions": "Présentez-vous en une phrase."})
    del days[1]["sequences"][-1]
    response = room.client.patch(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth,
                                 json={"days": days})
    assert response.status_code == 200, response.get_json()
    after = response.get_json()["days"]
    assert after[0]["title"] == "Journée 1 — état des lieux" and after[0]["date"] == "2026-03-12"
    assert after[0]["starts_at"] == "09:30" and after[1]["starts_at"] is None
    titles = [s["title"] for s in after[0]["sequences"]]
    assert titles[0] == "Accueil café" and titles[-1] == "Écriture en fin de journée"
    assert after[0]["sequences"][-1]["id"] == first["id"]  # moved, not re-created
    assert after[0]["sequences"][-1]["minutes"] == 20
    assert len(after[1]["sequences"]) == len(days[1]["sequences"])
    # The driving follows the new order.
    drive(room, action="next")
    assert drive(room, action="next").get_json()["sequence_title"] == "Accueil café"


@pytest.mark.parametrize("change, code, words", [
    (lambda d: d[0]["sequences"][1].update(activity="dance"), "invalid_sequence",
     ["Journée 1, séquence 2", '"dance"']),
    (lambda d: d[0]["sequences"][0].update(minutes=0), "invalid_sequence",
     ["séquence 1", "entier positif"]),
    (lambda d: d[1]["sequences"][0].update(restitution_of=1), "invalid_sequence",
     ["Journée 2, séquence 1", "journée précédente"]),
    # The format file's field names said in the programme's words.
    (lambda d: d[0]["sequences"][1].update(question=""), "invalid_sequence",
     ["Journée 1, séquence 2", "« la question » ne doit pas être vide"]),
    (lambda d: d[0]["sequences"][1].update(title=""), "invalid_sequence",
     ["« le titre » ne doit pas être vide"]),
    # A « Sondage » row added in the programme with no poll chosen (the format has none).
    (lambda d: d[0]["sequences"][0].update(activity="poll", poll=None), "invalid_sequence",
     ["Journée 1, séquence 1", "choisissez le sondage", "Nouvelle activité"]),
    (lambda d: d[0].update(date="12/03/2026"), "invalid_date", ["AAAA-MM-JJ"]),
    (lambda d: d[0].update(starts_at="9h30"), "invalid_time", ["HH:MM"]),
    (lambda d: d[0].update(sequences="x"), "invalid_agenda", []),
])
def test_bad_agenda_edits_are_refused_with_the_place(room, change, code, words):
    days = _edited(get_agenda(room))
    change(days)
    response = room.client.patch(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth,
                                 json={"days": days})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == code
    for word in words:
        assert word in error["message"]
    assert "None" not in error["message"] and '"polls"' not in error["message"]
    assert not re.search(r'"(question|title|minutes|objective)"', error["message"])


def test_a_sequence_that_ran_cannot_be_removed(room):
    first = get_agenda(room)["days"][0]["sequences"][0]
    drive(room, action="goto", sequence=first["id"])
    days = _edited(get_agenda(room))
    days[0]["sequences"].pop(0)
    response = room.client.patch(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth,
                                 json={"days": days})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "sequence_already_run"


def test_facilitators_cannot_edit_the_agenda(room, client):
    from workshops.services.room import accounts, workshops
    with room.app.app_context():
        session = db_session()
        account = accounts.create_account(session, "anim@example.org", "correct horse battery")
        token = accounts.issue_token(session, account)
        make_facilitator(session, workshops.get_workshop(session, room.code), account)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/workshops/{room.code}/agenda", headers=headers).status_code == 200
    days = _edited(get_agenda(room))
    assert client.patch(f"/api/v1/workshops/{room.code}/agenda", headers=headers,
                        json={"days": days}).status_code == 403


def test_walk_covers_every_sequence_once(room, app):
    with app.app_context():
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        walk = agenda.steps(session, workshop)
    sequences = [s for _d, s in walk if s is not None]
    assert len(sequences) == len({s.id for s in sequences}) == 9
    assert sum(1 for _d, s in walk if s is None) == 2


def test_group_drafting_opens_on_the_groups_once_they_are_formed(room):
    """The seed's drafting says « Rejoignez votre groupe (il est affiché à l'écran) »: starting
    it put the instructions on the projection, and the room looked for groups it did not show.
    Before any group is formed, the instructions stay (an empty list would help nobody)."""
    drafting = next(s for s in get_agenda(room)["days"][1]["sequences"]
                    if s["activity"] == "group_drafting")
    assert drive(room, action="goto", sequence=drafting["id"]).get_json()["view"] == "sequence"
    for organisation in ("Foyer A", "Bailleur B", "Mairie C"):
        room.join(organisation=organisation)
    formed = room.client.post(f"/api/v1/workshops/{room.code}/groups", headers=room.auth,
                              json={"size": 3})
    assert formed.status_code == 201, formed.get_json()
    drive(room, action="previous")
    assert drive(room, action="next").get_json()["view"] == "groups"
    # « Montrer l'activité en cours », after the timer or a blank screen.
    assert drive(room, action="show").get_json()["view"] == "groups"


def test_a_day_added_without_an_objective_is_kept(room):
    """The programme's « Ajouter une journée » has no objective field: saving it answered
    « Journée 3, séquence 1 : "objective" ne doit pas être vide », so no day could be added."""
    days = _edited(get_agenda(room))
    days.append({"title": "Troisième journée", "objective": "", "sequences": [
        {"title": "Bilan", "activity": "question_board", "minutes": 20,
         "question": "Que retenez-vous ?"}]})
    days[0]["objective"] = ""  # an objective emptied on purpose
    response = room.client.patch(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth,
                                 json={"days": days})
    assert response.status_code == 200, response.get_json()
    after = response.get_json()["days"]
    assert [d["title"] for d in after][-1] == "Troisième journée"
    assert after[0]["objective"] == "" and after[2]["sequences"][0]["title"] == "Bilan"

"""Activities made from the console during the day (issue 15, item 4): a poll, a word cloud,
a question board or a private writing, without YAML; results hidden until revealed."""
import pytest

from exports import markdown
from tests.activity_helpers import events_of, use_platforms_format
from workshops.db import utcnow
from workshops.formats import FormatError, load_format_data
from workshops.models import Workshop
from workshops.services.agenda import restitution
from workshops.services.booklet import build_synthesis
from workshops.services.room.position import days_of


def create(room, expect=201, **data):
    response = room.client.post(f"/api/v1/workshops/{room.code}/activities", headers=room.auth,
                                json=data)
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def vote(room, headers, key, choices, expect=200):
    response = room.client.put(f"/api/v1/workshops/{room.code}/polls/{key}/vote",
                               headers=headers, json={"choices": choices})
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def reveal(room, key, shown=True):
    response = room.client.put(f"/api/v1/workshops/{room.code}/polls/{key}/reveal",
                               headers=room.auth, json={"shown": shown})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def agenda_of(room):
    return room.client.get(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth).get_json()


def start_first_sequence(room):
    first = agenda_of(room)["days"][0]["sequences"][0]
    room.client.post(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth,
                     json={"action": "goto", "sequence": first["id"]})
    return first


def counts(result):
    return {o["label"]: o["count"] for o in result["options"]}


def test_a_poll_launched_now_reaches_phones_hidden_until_revealed(room):
    first = start_first_sequence(room)
    _alice, alice, alice_token = room.join()
    _bob, bob, _ = room.join(organisation="Foyer B")
    phone = room.socket(token=alice_token)
    projection = room.socket(role="projection", key=room.workshop.projection_key)
    for screen in (phone, projection):
        screen.emit("sync", {"since": 0}, callback=True)
        screen.get_received()

    made = create(room, activity="poll", question="Où en est notre territoire ?", kind="single",
                  options=["Coordination", "Mutualisation", " ", "Intégration"], start=True)
    key = made["poll"]["key"]
    assert made["poll"]["open"] is True and made["poll"]["shown"] is False
    assert [o["label"] for o in made["poll"]["options"]] == ["Coordination", "Mutualisation",
                                                              "Intégration"]
    # The phone is told of the sequence, then of the poll, then the room moves to it.
    seen = events_of(phone)
    types = [e["type"] for e in seen]
    assert types.index("sequence") < types.index("poll") < len(types) - 1
    assert seen[-1]["type"] == "state" and seen[-1]["data"]["sequence"] == made["sequence"]["id"]
    assert seen[-1]["data"]["activity"] == "poll"
    # …inserted right after the sequence that was running.
    sequences = agenda_of(room)["days"][0]["sequences"]
    assert [s["id"] for s in sequences[:2]] == [first["id"], made["sequence"]["id"]]

    vote(room, alice, key, ["o1"])
    vote(room, bob, key, ["o1"])
    for screen in (phone, projection):
        polls_seen = [e["data"] for e in events_of(screen, "poll")]
        assert polls_seen and all(not p["shown"] for p in polls_seen)
        assert all(o["count"] == 0 for p in polls_seen for o in p["options"])
        assert polls_seen[-1]["total"] == 2  # how many answered, not what
    snapshot = room.client.get(f"/api/v1/workshops/{room.code}/board",
                               headers=alice).get_json()["snapshot"]
    mine = next(p for p in snapshot["activities"]["polls"] if p["key"] == key)
    assert counts(mine)["Coordination"] == 0
    public = room.client.get(f"/api/v1/workshops/{room.code}/polls", headers=alice).get_json()
    assert counts(next(p for p in public if p["key"] == key))["Coordination"] == 0
    staff = room.client.get(f"/api/v1/workshops/{room.code}/polls", headers=room.auth).get_json()
    assert counts(next(p for p in staff if p["key"] == key))["Coordination"] == 2

    revealed = reveal(room, key)
    assert revealed["shown"] is True and counts(revealed)["Coordination"] == 2
    for screen in (phone, projection):
        last = events_of(screen, "poll")[-1]["data"]
        assert last["shown"] is True and counts(last) == {"Coordination": 2, "Mutualisation": 0,
                                                          "Intégration": 0}
    assert reveal(room, key, False)["shown"] is False  # and hidden again
    assert counts(events_of(projection, "poll")[-1]["data"])["Coordination"] == 0


def test_the_staff_see_the_counts_while_the_room_does_not(room):
    start_first_sequence(room)
    _alice, alice, _ = room.join()
    staff = room.socket(role="staff", flask_client=room.login())
    staff.emit("sync", {"since": 0}, callback=True)
    staff.get_received()
    key = create(room, activity="poll", question="Notre ambiance ?", kind="scale",
                 start=True)["poll"]["key"]
    vote(room, alice, key, ["4"])
    last = events_of(staff, "poll")[-1]["data"]  # the staff's own event comes after the room's
    assert last["shown"] is False and counts(last)["4"] == 1 and last["average"] == 4


def test_a_word_cloud_counts_words_by_their_plain_form(room):
    start_first_sequence(room)
    people = [room.join(organisation=f"Structure {i}")[1] for i in range(3)]
    made = create(room, activity="poll", question="Un mot pour la journée ?", kind="words",
                  results="live", start=True)
    key = made["poll"]["key"]
    assert made["poll"]["shown"] is True and made["poll"]["options"] == []
    vote(room, people[0], key, ["Logement", "  lien  social ", "logement"])  # twice: once
    vote(room, people[1], key, ["LOGEMENT!", "Confiance"])
    result = vote(room, people[2], key, ["Lógement", "lien Social"])
    assert result["choices"] == ["Lógement", "lien Social"]
    cloud = room.client.get(f"/api/v1/workshops/{room.code}/polls",
                            headers=people[0]).get_json()[-1]
    assert [(o["key"], o["count"]) for o in cloud["options"]] == [
        ("logement", 3), ("lien social", 2), ("confiance", 1)]
    assert cloud["options"][0]["label"] in ("Logement", "LOGEMENT!", "Lógement")
    assert cloud["total"] == 3

    too_many = vote(room, people[0], key, ["un", "deux", "trois", "quatre"], expect=400)
    assert too_many["error"]["message"] == "3 mots au plus."
    too_long = vote(room, people[0], key, ["x" * 31], expect=400)
    assert too_long["error"]["message"] == "Un mot fait au plus 30 caractères."
    assert vote(room, people[0], key, ["  ", "!"], expect=400)["error"]["code"] == "word_required"


def test_bounds_are_said_in_french_naming_the_limit(room):
    before = len(agenda_of(room)["days"][0]["sequences"])

    def refused(**data):
        return create(room, expect=400, **data)["error"]

    nine = [f"Réponse {i}" for i in range(9)]
    assert refused(activity="poll", question="Q ?", kind="single", options=nine)["message"] \
        == "8 réponses proposées au plus."
    assert refused(activity="poll", question="Q ?", kind="single", options=["Seule"])["message"] \
        == "Proposez au moins 2 réponses."
    assert refused(activity="poll", question="Q ?", kind="multiple",
                   options=["Oui", "x" * 81])["message"] \
        == "Une réponse proposée fait au plus 80 caractères."
    assert refused(activity="poll", question="Q ?", kind="single", options=["Oui", "oui"])[
        "code"] == "duplicate_option"
    assert refused(activity="question_board", question="q" * 301)["message"] \
        == "La question fait au plus 300 caractères."
    assert refused(activity="poll", question="  ")["code"] == "question_required"
    assert refused(activity="poll", question="Q ?", kind="ranking")["code"] == "unknown_poll_kind"
    assert refused(activity="map", question="Q ?")["code"] == "unknown_activity"
    assert refused(activity="poll", question="Q ?", kind="scale",
                   results="later")["code"] == "unknown_poll_results"
    assert len(agenda_of(room)["days"][0]["sequences"]) == before  # nothing was added


def test_added_to_the_programme_it_waits_after_the_current_sequence(room):
    first = start_first_sequence(room)
    made = create(room, activity="question_board", question="Qu'est-ce qui vous a surpris ?")
    assert made["poll"] is None
    assert agenda_of(room)["current"]["sequence"] == first["id"]  # the room stays there
    sequences = agenda_of(room)["days"][0]["sequences"]
    assert sequences[1]["id"] == made["sequence"]["id"]
    assert sequences[1]["activity"] == "question_board" and sequences[1]["minutes"] == 5
    assert sequences[1]["question"] == "Qu'est-ce qui vous a surpris ?"
    writing = create(room, activity="individual_writing",
                     question="Ce que je retiens de ce matin, pour moi, " * 3)
    assert len(writing["sequence"]["title"]) <= 80 and writing["sequence"]["title"].endswith("…")
    assert agenda_of(room)["days"][0]["sequences"][1]["id"] == writing["sequence"]["id"]


def test_a_live_poll_joins_the_restitution_and_the_booklet(room, session):
    start_first_sequence(room)
    _alice, alice, _ = room.join()
    key = create(room, activity="poll", question="Le mot du matin ?", kind="words",
                 start=True)["poll"]["key"]
    vote(room, alice, key, ["Confiance"])  # never revealed during the day
    workshop = session.get(Workshop, room.workshop.id)
    synthesis = build_synthesis(session, workshop, utcnow())
    assert [(p.question, p.options) for p in synthesis.polls] == [
        ("Le mot du matin ?", [("Confiance", 1)])]
    printed = markdown.render(synthesis).decode()
    assert "### Le mot du matin\u202f?" in printed and "Confiance\u202f: 1" in printed
    day_one = days_of(session, workshop)[0]
    screens = restitution.screens(session, workshop, day_one)
    poll_screen = next(s for s in screens if s["kind"] == "poll")
    assert poll_screen["title"] == "Le mot du matin ?"
    assert poll_screen["bars"] == [{"label": "Confiance", "count": 1}]


def test_a_planned_poll_keeps_live_results_unless_its_format_says_hidden(room, session):
    use_platforms_format(room)
    _alice, alice, _ = room.join()
    room.client.put(f"/api/v1/workshops/{room.code}/polls/positionnement/state",
                    headers=room.auth, json={"open": True})
    vote(room, alice, "positionnement", ["coordination"])
    public = room.client.get(f"/api/v1/workshops/{room.code}/polls", headers=alice).get_json()
    assert public[0]["shown"] is True and counts(public[0])["Coordination"] == 1

    workshop = session.get(Workshop, room.workshop.id)
    hidden = [dict(p, results="hidden") for p in workshop.format_data["polls"]]
    workshop.format_data = dict(workshop.format_data, polls=hidden)
    session.commit()
    assert load_format_data(workshop.format_data).polls[0].results == "hidden"
    public = room.client.get(f"/api/v1/workshops/{room.code}/polls", headers=alice).get_json()
    assert public[0]["shown"] is False and counts(public[0])["Coordination"] == 0
    with pytest.raises(FormatError, match="hidden"):
        load_format_data(dict(workshop.format_data, polls=[dict(hidden[0], results="later")]))


def test_a_poll_launched_before_the_programme_leaves_the_day_to_open_at_its_welcome(room):
    """QA #6: a poll launched before the first « Suivant » took day 1's head, and « Suivant »
    went straight to « Les pratiques actuelles »: phones never saw the welcome."""
    planned = agenda_of(room)["days"][0]["sequences"]
    made = create(room, activity="poll", kind="scale", question="Votre énergie ce matin ?",
                  start=True)
    now = agenda_of(room)
    assert now["current"]["sequence"] == made["sequence"]["id"]  # it runs now
    assert now["days"][0]["sequences"][0]["id"] == made["sequence"]["id"]

    def suivant():
        response = room.client.post(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth,
                                    json={"action": "next"})
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    opened = suivant()
    assert (opened["activity"], opened["day"], opened["view"]) == (
        "welcome", now["days"][0]["id"], "join")
    assert suivant()["sequence"] == made["sequence"]["id"]  # in its place in the programme
    assert suivant()["sequence_title"] == planned[0]["title"]

"""Phones and the projection learn nothing about who wrote what: no card they receive —
snapshot, room event, acknowledgement or REST answer — names its author; only the author's
own phone hears `mine: true` about a card. Over a whole day (cards, agenda, writing,
polls, groups, drafts, wall and dots, restitution, feedback), nothing a phone or the
projection receives carries another participant's id or declared details; mates' names
(first names or initials, the organiser's choice) appear only in a group's member list."""
import json
import re
import uuid

from sqlalchemy import text

from tests.activity_helpers import events_of, sequence_id
from workshops.extensions import db_session
from workshops.formats import get_builtin
from workshops.models import Participant, Workshop
from workshops.operations.table import OPERATIONS
from workshops.services.activities import feedback, polls, writing
from workshops.services.agenda import agenda, timer
from workshops.services.base.errors import ServiceError
from workshops.services.board import cards
from workshops.services.groups import groups, recommendations, wall
from workshops.services.room import workshops

IDENTIFYING = ("author", "participant_id")
# Participant ids of this test start here: far from every other number on the wire (card
# and group ids, seq, counts, times in ms), so the scan finds them under any key.
FIRST_ID = 7_340_000
POLL = {"key": "territoire", "question": "Où en est notre territoire ?", "kind": "single",
        "options": [{"key": "coordination", "label": "Coordination"},
                    {"key": "integration", "label": "Intégration"}]}
# Declared details no screen but the staff's may show, whoever they belong to.
OTHERS = {
    "alice": {"organisation": "Maison Zéphyrine", "profession": "autre:Luthière quantique",
              "display_name": "Bérénice Quartz"},
    "carla": {"organisation": "Foyer Ondine", "profession": "autre:Cartographe des marées",
              "display_name": "Capucine Orme"},
    "dan": {"organisation": "Atelier Sirocco", "profession": "autre:Horloger lunaire",
            "display_name": ""},
    "eve": {"organisation": "Relais Vermeil", "profession": "autre:Vitrailliste",
            "display_name": "Eulalie Noyer"},
}
# Where a mate's first name or initials may appear: a group's member list.
NAME_PLACES = ("my_group.members[].name", "group.members[].name", "groups[].names[]")


def _authors_named(payload) -> list:
    """Every value of a key that would link a text to a person, anywhere in the payload."""
    found = []
    if isinstance(payload, dict):
        found += [payload[key] for key in IDENTIFYING if key in payload]
        for value in payload.values():
            found += _authors_named(value)
    elif isinstance(payload, list):
        for value in payload:
            found += _authors_named(value)
    return found


def test_no_card_a_phone_or_the_projection_receives_names_its_author(room):
    _alice_id, alice, alice_token = room.join()
    _bob_id, bob, bob_token = room.join(organisation="Foyer B")
    phone = room.socket(token=bob_token)
    projection = room.socket("projection", key=room.workshop.projection_key)
    received = []
    for screen in (phone, projection):
        received.append(screen.emit("sync", {"since": 0}, callback=True))
    lever = room.post_card(alice, text="Le levier d'Alice").get_json()
    own = phone.emit("card:post", {"client_id": "b-1", "axis": room.axes[0], "kind": "lever",
                                   "text": "Le levier de Bob"}, callback=True)
    received += [lever, own]
    received.append(phone.emit("card:support", {"id": lever["id"], "on": True}, callback=True))
    received.append(room.client.get(f"/api/v1/workshops/{room.code}/board",
                                     headers=bob).get_json())
    received += events_of(phone) + events_of(projection)
    received.append(phone.emit("sync", {"since": 0}, callback=True))
    for screen in (room.socket(token=bob_token, since=0),  # the snapshot with the connection
                   room.socket("projection", key=room.workshop.projection_key, since=0)):
        [synced] = [e["args"][0] for e in screen.get_received() if e["name"] == "synced"]
        assert [c["text"] for c in synced["snapshot"]["cards"]] == [
            "Le levier d'Alice", "Le levier de Bob"]
        received.append(synced)
    assert _authors_named(received) == []
    board = room.client.get(f"/api/v1/workshops/{room.code}/board", headers=bob).get_json()
    mine = {c["text"]: c.get("mine", False) for c in board["snapshot"]["cards"]}
    assert mine == {"Le levier d'Alice": False, "Le levier de Bob": True}
    assert own["card"]["mine"] is True and "mine" not in json.dumps(lever).replace(
        '"mine": true', "")


def test_the_staff_api_still_says_who_wrote_a_card(room):
    alice_id, alice, _token = room.join()
    room.post_card(alice, text="Un levier")
    listed = room.client.get(f"/api/v1/workshops/{room.code}/cards", headers=room.auth)
    assert [card["author"] for card in listed.get_json()] == [alice_id]


# --- a whole day, every payload scanned


def _far_participant_ids(room) -> None:
    """Make the next participant ids start after FIRST_ID (a row in another workshop)."""
    with room.app.app_context():
        session = db_session()
        elsewhere = workshops.create_workshop(session, session.merge(room.account), "Ailleurs",
                                              get_builtin("logement-d-abord-10-axes"))
        session.add(Participant(id=FIRST_ID, workshop_id=elsewhere.id, token_hash="0" * 64,
                                organisation_type="association", profession="autre:x"))
        session.commit()
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT setval(pg_get_serial_sequence('participants', 'id'), "
                                 ":n)"), {"n": FIRST_ID})
            session.commit()


def _staff(room, change) -> None:
    """What the facilitator does, through the services (the staff's payloads are not
    scanned: they may see everything)."""
    with room.app.app_context():
        session = db_session()
        change(session, session.get(Workshop, room.workshop.id))


class Screens:
    """Everything a phone (Bob's) and the projection receive, kept to be scanned."""

    def __init__(self, room, bob_token):
        self.room = room
        self.phone = room.socket(token=bob_token)
        self.projection = room.socket("projection", key=room.workshop.projection_key)
        self.heard = {"phone": [], "projection": []}

    def drain(self):
        for name, client in (("phone", self.phone), ("projection", self.projection)):
            self.heard[name] += [{"received": m["name"], "args": m["args"]}
                                 for m in client.get_received()]

    def phone_says(self, event, data):
        ack = self.phone.emit(event, data, callback=True)
        self.heard["phone"].append({event: ack})
        self.drain()
        return ack

    def projection_says(self, event, data):
        ack = self.projection.emit(event, data, callback=True)
        self.heard["projection"].append({event: ack})
        return ack

    def got(self, screen, response):
        assert response.status_code < 400, (response.status_code, response.get_data(True))
        self.heard[screen].append({"rest": response.get_json()})


def _rest_gets(room, allowed_role, values) -> list[str]:
    """Every GET of API v1 this role may call, its parameters filled from `values`: a new
    route with another parameter fails here until the scan covers it."""
    paths = []
    for op in OPERATIONS:
        if allowed_role not in op.allow:
            continue
        for rest in op.rest:
            if rest.method != "GET":
                continue
            path = "/api" + rest.path
            for name in re.findall(r"<(?:\w+:)?(\w+)>", rest.path):
                assert name in values, f"{op.name}: fill <{name}> to scan {rest.path}"
                path = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]), path)
            paths.append(path)
    return paths


def _leaks(payload, ids: set[int], details: list[str], names: list[str]) -> list[str]:
    """Where a payload carries one of these participants' ids, declared details or names
    (names allowed in a group's member list only)."""
    found = []
    id_pattern = re.compile(r"(?<!\d)(" + "|".join(str(i) for i in ids) + r")(?!\d)")

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(key, f"{path}.{key}[key]")
                walk(item, f"{path}.{key}".lstrip("."))
        elif isinstance(value, list):
            for item in value:
                walk(item, f"{path}[]")
        elif isinstance(value, bool):
            return
        elif isinstance(value, (int, float)):
            if value in ids:
                found.append(f"{path}: participant id {value}")
        elif isinstance(value, str):
            if id_pattern.search(value):
                found.append(f"{path}: participant id in {value[:80]!r}")
            found.extend(f"{path}: {detail!r}" for detail in details if detail in value)
            if not path.endswith(NAME_PLACES):
                found.extend(f"{path}: name {name!r}" for name in names
                             if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", value))

    walk(payload, "")
    return found


def _day(room, screens, bob, people):
    """A study day as a phone lives it: every activity, through what the phone sends and
    what the staff do."""
    alice, carla = people["alice"], people["carla"]
    writing_seq = sequence_id(room, "individual_writing")
    question_seq = sequence_id(room, "question_board")

    def make_current(activity):
        _staff(room, lambda s, w: agenda.goto(s, w, sequence=sequence_id(room, activity)))
        screens.drain()

    # cards, supports, an answer, an edit, a spotlight, a hidden card
    lever = room.post_card(alice["headers"], text="Le levier d'Alice").get_json()
    own = screens.phone_says("card:post", {"client_id": "b-1", "axis": room.axes[0],
                                           "kind": "lever", "text": "Le levier de Bob"})
    room.post_card(carla["headers"], text="Oui, mais de Carla", kind="limit",
                   parent=own["card"]["id"])
    room.client.put(f"/api/v1/workshops/{room.code}/cards/{own['card']['id']}/support",
                    headers=alice["headers"])
    screens.phone_says("card:support", {"id": lever["id"], "on": True})
    screens.phone_says("card:edit", {"id": own["card"]["id"], "text": "Le levier de Bob, revu"})
    _staff(room, lambda s, w: workshops.set_state(s, w, spotlight=lever["id"]))
    _staff(room, lambda s, w: workshops.set_state(s, w, spotlight=0, sort="support"))
    hidden = room.post_card(carla["headers"], text="Carte à masquer").get_json()
    _staff(room, lambda s, w: cards.moderate(s, w, hidden["id"], hidden=True))
    screens.phone_says("board:cards", {"axis": room.axes[1]})
    # a question board
    make_current("question_board")
    room.post_card(alice["headers"], text="Réponse d'Alice", kind="answer", axis=None)
    screens.phone_says("board:cards", {"sequence": question_seq})
    # individual writing, revealed
    make_current("individual_writing")
    room.client.put(f"/api/v1/workshops/{room.code}/sequences/{writing_seq}/writing",
                    headers=alice["headers"], json={"text": "L'écrit d'Alice"})
    screens.phone_says("writing:save", {"sequence": writing_seq, "text": "L'écrit de Bob"})
    _staff(room, lambda s, w: writing.reveal(s, w, writing_seq, True))
    screens.phone_says("writing:texts", {"sequence": writing_seq})
    screens.projection_says("writing:texts", {"sequence": writing_seq})
    # a poll
    def open_poll(session, workshop):
        workshop.format_data = dict(workshop.format_data, polls=[POLL])
        polls.set_open(session, workshop, POLL["key"], True)
    _staff(room, open_poll)
    room.client.put(f"/api/v1/workshops/{room.code}/polls/{POLL['key']}/vote",
                    headers=alice["headers"], json={"choices": ["coordination"]})
    screens.phone_says("poll:vote", {"poll": POLL["key"], "choices": ["integration"]})
    # groups: formed, renamed with a place, someone moved, a latecomer placed
    _staff(room, lambda s, w: workshops.update_workshop(s, w, member_names="first_names"))
    _staff(room, lambda s, w: groups.form(s, w, count=2))
    screens.phone_says("group:mine", {})
    _staff(room, lambda s, w: groups.rename(s, w, groups.list_groups(s, w)[0].id,
                                            "Les Hirondelles", "Salle 2"))
    _staff(room, lambda s, w: groups.move(s, w, people["dan"]["id"],
                                          groups.list_groups(s, w)[1].id))
    people["eve"] = _join(room, "eve")
    screens.phone_says("group:mine", {})
    # drafts in Bob's group (with a mate), an edit, the wall opened, dots
    def bob_has_mates(session, workshop):
        mine = groups.group_of(session, session.get(Participant, bob["id"]))
        for person in ("alice", "carla"):
            groups.move(session, workshop, people[person]["id"], mine.id)
    _staff(room, bob_has_mates)
    screens.phone_says("group:mine", {})
    mate = room.client.post(f"/api/v1/workshops/{room.code}/recommendations",
                            headers=alice["headers"],
                            json={"client_id": str(uuid.uuid4()), "target": "institutions",
                                  "theme": "Informer", "text": "La reco d'Alice"}).get_json()
    ours = screens.phone_says("recommendation:add", {
        "client_id": str(uuid.uuid4()), "target": "professional", "theme": "",
        "text": "La reco de Bob"})
    screens.phone_says("recommendation:edit", {"id": mate["id"], "version": mate["version"],
                                               "text": "La reco d'Alice, revue par Bob"})
    _staff(room, lambda s, w: recommendations.curate(s, w, mate["id"], status="kept"))
    _staff(room, lambda s, w: wall.set_wall(s, w, open_=True, dots=3))
    room.client.put(f"/api/v1/workshops/{room.code}/recommendations/{mate['id']}/votes",
                    headers=carla["headers"], json={"count": 2})
    screens.phone_says("recommendation:vote", {"id": ours["recommendation"]["id"], "count": 1})
    screens.projection_says("groups:names", {})
    # the timer, the restitution of the day, the feedback form
    _staff(room, lambda s, w: timer.act(s, w, "start", 5))

    def through_the_agenda(session, workshop):
        while True:
            try:
                agenda.next_step(session, workshop)
            except ServiceError:  # the agenda's end
                session.rollback()
                return
    _staff(room, through_the_agenda)
    make_current("feedback_form")
    _staff(room, lambda s, w: feedback.configure(s, w, open_=True))
    room.client.put(f"/api/v1/workshops/{room.code}/feedback/answers/mine",
                    headers=alice["headers"], json={"answers": {"satisfaction": "5", "revenir": "Oui"}})
    screens.got("phone", room.client.put(f"/api/v1/workshops/{room.code}/feedback/answers/mine",
                                         headers=bob["headers"],
                                         json={"answers": {"satisfaction": "4", "revenir": "Oui"}}))
    screens.drain()
    return {"sequence_id": writing_seq, "poll_key": POLL["key"], "code": room.code}


def _join(room, who) -> dict:
    pid, headers, token = room.join(organisation=OTHERS[who]["organisation"],
                                    profession=OTHERS[who]["profession"],
                                    display_name=OTHERS[who]["display_name"])
    return {"id": pid, "headers": headers, "token": token}


def test_nothing_a_phone_or_the_projection_receives_in_a_day_names_anyone_else(room):
    _far_participant_ids(room)
    people = {who: _join(room, who) for who in ("alice", "carla", "dan")}
    bob_id, bob_headers, bob_token = room.join(organisation="Foyer du Téléphone",
                                               display_name="Basile Lephone")
    bob = {"id": bob_id, "headers": bob_headers}
    assert min(p["id"] for p in people.values()) > FIRST_ID
    screens = Screens(room, bob_token)
    screens.phone_says("sync", {"since": 0})
    screens.projection_says("sync", {"since": 0})
    values = _day(room, screens, bob, people)

    for screen, client in (("phone", screens.phone), ("projection", screens.projection)):
        say = screens.phone_says if screen == "phone" else screens.projection_says
        say("sync", {"since": 0})
        replay = say("sync", {"since": 1})
        assert "events" in replay  # the day's events, replayed as this screen may see them
    for path in _rest_gets(room, "participant", values):
        screens.got("phone", room.client.get(path, headers=bob_headers))
    key = {"Authorization": f"Bearer {room.workshop.projection_key}"}
    for path in _rest_gets(room, "projection", values):
        screens.got("projection", room.client.get(path, headers=key))
    for path in _rest_gets(room, "public", values):
        screens.got("phone", room.client.get(path))
    pages = {"phone": room.client.get(f"/j/{room.code}").get_data(True),
             "projection": room.client.get(
                 f"/w/{room.code}/projection?key={room.workshop.projection_key}").get_data(True)}

    others = list(people.values())
    ids = {p["id"] for p in others}
    details = [d for who in people for d in (OTHERS[who]["organisation"],
                                             OTHERS[who]["profession"].removeprefix("autre:"),
                                             OTHERS[who]["display_name"]) if d]
    first_names = [OTHERS[who]["display_name"].split()[0] for who in people
                   if OTHERS[who]["display_name"]]
    for screen in ("phone", "projection"):
        heard = screens.heard[screen]
        assert len(json.dumps(heard)) > 5_000  # the day happened
        assert _leaks(heard, ids, details, first_names) == []
        assert _authors_named(heard) == []
        assert [d for d in details + first_names if d in pages[screen]] == []
    projection_ids = ids | {bob_id}
    bob_details = ["Foyer du Téléphone", "Basile Lephone"]
    assert _leaks(screens.heard["projection"], projection_ids, bob_details, ["Basile"]) == []
    # what the group's phones do see: mates by first name, the phone itself marked
    mine = room.client.get(f"/api/v1/workshops/{room.code}/my-group", headers=bob_headers)
    members = mine.get_json()["group"]["members"]
    assert {"Basile", "Bérénice", "Capucine"} <= {m["name"] for m in members}
    assert [m["name"] for m in members if m["me"]] == ["Basile"]

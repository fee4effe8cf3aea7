"""Quotas that suit a real day: one participant, or one workshop, cannot write without end
(limits in workshops/services/base/quotas.py, far above what a room of 1,000 writes); the
next card past the limit is refused with a 409 that says it, in French, and nothing else
changes."""
from workshops.services.base import quotas


def test_a_participant_past_their_card_limit_is_told_and_others_still_post(room, monkeypatch):
    room.app.extensions["ensemble.limiter"].enabled = False
    monkeypatch.setattr(quotas, "CARDS_PER_PARTICIPANT", 3)
    _a, alice, _t = room.join()
    _b, bob, _u = room.join(organisation="Foyer B")
    assert [room.post_card(alice).status_code for _ in range(3)] == [201, 201, 201]
    refused = room.post_card(alice)
    assert refused.status_code == 409
    assert refused.get_json()["error"] == {
        "code": "quota_reached",
        "message": "Limite atteinte : 3 au plus (pour une personne ou pour l'atelier)."}
    assert room.post_card(bob).status_code == 201


def test_a_workshop_past_its_card_limit_refuses_the_next_card(room, monkeypatch):
    room.app.extensions["ensemble.limiter"].enabled = False
    monkeypatch.setattr(quotas, "CARDS_PER_WORKSHOP", 2)
    _a, alice, _t = room.join()
    _b, bob, _u = room.join(organisation="Foyer B")
    assert room.post_card(alice).status_code == 201
    assert room.post_card(bob).status_code == 201
    assert room.post_card(bob).get_json()["error"]["code"] == "quota_reached"


def test_the_limits_leave_a_room_of_a_thousand_far_below_them():
    room, cards_each = 1_000, 40  # a long, busy day
    assert quotas.CARDS_PER_PARTICIPANT >= 10 * cards_each
    assert quotas.CARDS_PER_WORKSHOP >= room * cards_each
    assert quotas.FEEDBACK_ANSWERS_PER_WORKSHOP >= 10 * room

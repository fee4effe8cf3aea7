"""Restitution screens of the activities: what day 2 shows of day 1 (never private writing)."""
import json

from tests.activity_helpers import sequence_id
from tests.test_feedback import GOOD, open_form
from tests.test_question_board import post_answer
from workshops.extensions import db_session
from workshops.models import Day, Workshop
from workshops.services.agenda import restitution


def day_one_screens(room):
    with room.app.app_context():
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        day = [d for d in workshop.days if d.position == 0][0]
        return restitution.screens(session, workshop, session.get(Day, day.id))


def test_day_one_restitution_shows_answers_revealed_writing_and_the_form(room, app):
    question = sequence_id(room, "question_board")
    private = sequence_id(room, "individual_writing")
    _a, alice, _ = room.join()
    post_answer(room, alice, question, "Réponse visible")
    hidden = post_answer(room, alice, question, "Réponse masquée").get_json()
    room.client.post(f"/api/v1/workshops/{room.code}/cards/{hidden['id']}/moderation",
                     headers=room.auth, json={"hidden": True})
    base = f"/api/v1/workshops/{room.code}/sequences/{private}"
    room.client.put(f"{base}/writing", headers=alice, json={"text": "Texte encore privé"})

    screens = day_one_screens(room)
    text = json.dumps(screens, ensure_ascii=False)
    assert "Réponse visible" in text and "Réponse masquée" not in text
    assert "Texte encore privé" not in text and "writing" not in [s["kind"] for s in screens]

    room.client.put(f"{base}/reveal", headers=room.auth, json={"revealed": True})
    open_form(room)
    app.test_client().post(f"/f/{room.code}", data=GOOD)
    screens = day_one_screens(room)
    kinds = [s["kind"] for s in screens]
    assert "writing" in kinds and kinds.count("feedback") == 3  # 2 charts, 1 screen of texts
    satisfaction = next(s for s in screens if s["kind"] == "feedback" and s.get("bars"))
    assert satisfaction["average"] == 4 and sum(b["count"] for b in satisfaction["bars"]) == 1

"""Many phones writing at the same instant on the embedded SQLite database: every write
succeeds (no "database is locked"), every count is right."""
import threading

from workshops.extensions import db_session
from workshops.models import Card, RoomEvent
from workshops.services.board import cards
from workshops.services.room import participants, workshops


def test_simultaneous_posts_and_joins_all_succeed(app, room):
    database = app.extensions["ensemble.db"]
    with app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, room.code)
        people = [participants.join(session, workshop, f"Structure {i}", "association",
                                    "direction")[0].id for i in range(12)]
    barrier = threading.Barrier(len(people))
    failures = []

    def phone(person_id):
        session = database.session_factory()
        try:
            workshop = workshops.get_workshop(session, room.code)
            person = session.get(participants.Participant, person_id)
            barrier.wait()
            for n in range(5):
                cards.post_card(session, workshop, person, f"{person_id}-{n}", room.axes[0],
                                "lever", f"Carte {n} de {person_id}")
                session.rollback()  # end the read transaction, as each request does
        except Exception as error:  # noqa: BLE001 — the test reports any failure
            failures.append(repr(error))
        finally:
            session.close()

    threads = [threading.Thread(target=phone, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with app.app_context():
        session = db_session()
        assert session.query(Card).count() == 60
        seqs = [e.seq for e in session.query(RoomEvent).filter(RoomEvent.type == "card")]
        assert len(seqs) == 60 and len(set(seqs)) == 60  # one number each, never shared

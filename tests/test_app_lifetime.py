"""An app let go of is freed. The tests make one app per test (and a process may make
several): if something global kept each — SQLAlchemy's registry of event listeners, the
hourly retention loop — every app's database engine, templates and renderer child would stay
in memory, and the suite's garbage collections grew to pauses of seconds (seen: 2.4 million
objects after 150 browser tests, a page unanswered for 5 s in CI)."""
import gc
import threading
import weakref

from tests.conftest import FORMAT_ID
from workshops import jobs
from workshops.extensions import db_session
from workshops.factory import create_app
from workshops.formats import get_builtin
from workshops.services.board import cards
from workshops.services.room import accounts, participants, workshops


def test_an_app_that_sent_room_events_is_freed_and_its_retention_loop_ends(tmp_path,
                                                                           monkeypatch):
    monkeypatch.setenv("ENSEMBLE_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setattr(jobs, "FIRST_CHECK_AFTER", 0.3)
    before = set(threading.enumerate())
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}", "CREATE_TABLES": True,
                      "SECRET_KEY": "lifetime", "PUBLIC_URL": "http://127.0.0.1:9"})
    with app.app_context():  # a commit that records a room event goes through the delivery
        session = db_session()
        account = accounts.create_account(session, "orga@example.org", "un mot de passe")
        workshop = workshops.create_workshop(session, account, "Journée", get_builtin(FORMAT_ID))
        person, _token = participants.join(session, workshop, "Foyer", "association", "direction")
        cards.post_card(session, workshop, person, "c1", workshop.axes[0].id, "lever", "Un levier")
    loop = [t for t in threading.enumerate() if t not in before and "_retention_loop" in t.name]
    assert len(loop) == 1
    freed = weakref.ref(app)
    del app, session, account, workshop, person
    gc.collect()
    assert freed() is None, [type(r).__name__ for r in gc.get_referrers(freed())]
    loop[0].join(timeout=5)
    assert not loop[0].is_alive(), "the retention loop outlived its app"

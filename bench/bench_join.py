"""What one phone's join costs the server in process: CPU time and SQL statements.

    python bench/bench_join.py [--phones 300] [--profile] [--json]

A fresh SQLite workshop, `--phones` participants registered, then each connects with
`since: 0` in its auth and gets its snapshot with the connection (`synced`), as
static/js/core/live.js does — or, from a checkout that does not answer so, asks
`sync {since: 0}` once connected (`--ask` always does) — through Flask-SocketIO's test
client, one after the other, after 20 of warm-up: no websocket, no event loop, none of the machine's other load in the
figure but its effect on the CPU. Run it from two checkouts to compare them (the checkout
is the current directory); `--profile` prints cProfile's 60 heaviest calls
(docs/performance.md, « Join cost »).
"""
import argparse
import cProfile
import gc
import json
import os
import pstats
import sys
import tempfile
import time

sys.path.insert(0, os.getcwd())

from sqlalchemy import event  # noqa: E402

from workshops.factory import create_app  # noqa: E402
from workshops.extensions import db_session  # noqa: E402
from workshops.formats import get_builtin  # noqa: E402
from workshops.services.room import accounts, participants, workshops  # noqa: E402

WARM_UP = 20


def room(phones: int):
    folder = tempfile.mkdtemp(prefix="ensemble-bench-join-")
    os.environ["ENSEMBLE_INSTANCE"] = os.path.join(folder, "instance")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder}/bench.db", "CREATE_TABLES": True,
                      "SECRET_KEY": "bench", "PUBLIC_URL": "http://127.0.0.1"})
    accounts.HASH_METHOD = "pbkdf2:sha256:1000"  # the organiser's password: not measured
    with app.app_context():
        session = db_session()
        account = accounts.create_account(session, "banc@example.org", "banc-de-charge-2026")
        workshop = workshops.create_workshop(session, account, "Banc",
                                             get_builtin("logement-d-abord-10-axes"))
        tokens = [participants.join(session, workshop, organisation=f"Structure {i}",
                                    organisation_type="association",
                                    profession="travail_social")[1]
                  for i in range(phones + WARM_UP)]
        return app, workshop.code, tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--ask", action="store_true",
                        help="connect without `since` and ask `sync` (the older protocol)")
    args = parser.parse_args()
    app, code, tokens = room(args.phones)
    socketio = app.extensions["ensemble.socketio"]
    statements = [0]
    event.listen(app.extensions["ensemble.db"].engine, "before_cursor_execute",
                 lambda *_: statements.__setitem__(0, statements[0] + 1))

    def join(token):
        auth = {"code": code, "role": "participant", "token": token}
        client = socketio.test_client(app, auth=auth if args.ask else dict(auth, since=0))
        answers = [e["args"][0] for e in client.get_received() if e["name"] == "synced"]
        answer = answers[0] if answers else client.emit("sync", {"since": 0}, callback=True)
        assert answer["ok"] and "snapshot" in answer, answer
        return client

    clients = [join(token) for token in tokens[:WARM_UP]]
    gc.collect()
    gc.freeze()
    statements[0] = 0
    profile = cProfile.Profile() if args.profile else None
    started = time.process_time()
    if profile:
        profile.enable()
    clients += [join(token) for token in tokens[WARM_UP:]]
    if profile:
        profile.disable()
    figures = {"phones": args.phones,
               "cpu_ms_per_join": round((time.process_time() - started) * 1e3 / args.phones, 3),
               "sql_statements_per_join": round(statements[0] / args.phones, 2)}
    print(json.dumps(figures) if args.json else
          f"{figures['cpu_ms_per_join']} ms of CPU and {figures['sql_statements_per_join']} "
          "SQL statements per join")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    main()

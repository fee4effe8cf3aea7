"""Ensemble — `python app.py [--host H] [--port P]` runs the one-process server.

`flask --app app …` finds the app factory here too.
"""
import os
from importlib.util import find_spec

if __name__ == "__main__" and find_spec("gevent"):
    # gevent by default: one process holds a thousand phones without a thread each
    # (docs/performance.md, « Live room under load »). ASYNC_MODE=threading still works.
    os.environ.setdefault("ASYNC_MODE", "gevent")

if os.environ.get("ASYNC_MODE") == "gevent" and __name__ == "__main__":
    # Before any other import: threads, locks and sockets created at import time
    # (SQLAlchemy pools, the locks of realtime/) must already be the gevent ones.
    from gevent import monkey

    monkey.patch_all()

import argparse  # noqa: E402
import gc  # noqa: E402
import sys  # noqa: E402

from workshops import create_app  # noqa: E402


def _tune_gc() -> None:
    """Fewer garbage collections in the long-running server.

    With a thousand phones connected, each full collection walked every object of every
    connection with the event loop stopped: 0.15–0.24 s, seven times during one join storm
    (docs/performance.md). What start-up made is frozen out of collections, and young
    objects are collected every 50,000 allocations instead of 700.
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Ensemble : ateliers participatifs en direct.")
    parser.add_argument("--host", default=os.environ.get("HOST", "0.0.0.0"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)

    from workshops.migrate import upgrade
    from workshops.startup import print_banner

    app = create_app()
    upgrade(app.config["DATABASE_URL"])
    print_banner(app, args.host, args.port)
    _tune_gc()
    socketio = app.extensions["ensemble.socketio"]
    socketio.run(app, host=args.host, port=args.port, allow_unsafe_werkzeug=True,
                 log_output=False)


if __name__ == "__main__":
    sys.exit(main())

"""Ensemble — `python app.py [--host H] [--port P]` runs the one-process server.

`flask --app app …` finds the app factory here too. The server itself is
workshops/server.py, also started by the installed `ensemble serve`.
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

import sys  # noqa: E402

from workshops.factory import create_app  # noqa: E402,F401  (found by `flask --app app`)
from workshops.server import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())

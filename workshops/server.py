"""The one-process server of `python app.py` and `ensemble serve`: upgrade, banner, serve."""
import argparse
import gc
import os

try:
    from gevent import pywsgi
except ImportError:  # gevent is optional (requirements.txt): ASYNC_MODE=threading needs none
    pywsgi = None

from exports.worker import Renderer
from workshops.factory import create_app
from workshops.jobs import adopt_renderer
from workshops.migrate import upgrade
from workshops.startup import print_banner


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

    warm = Renderer()  # a child for PDF and DOCX exports, warm before the first one:
    warm.start()  # it imports WeasyPrint on the other core while the app starts
    app = create_app()
    adopt_renderer(app, warm)
    upgrade(app.config["DATABASE_URL"])
    print_banner(app, args.host, args.port)
    _tune_gc()
    socketio = app.extensions["ensemble.socketio"]
    if socketio.server.eio.async_mode == "gevent":
        _serve_with_gevent(app, args.host, args.port)
    else:
        socketio.run(app, host=args.host, port=args.port, allow_unsafe_werkzeug=True,
                     log_output=False)


def _serve_with_gevent(app, host: str, port: int) -> None:
    """What `socketio.run` does under gevent, serving `app.wsgi_app` (the middleware chain:
    the proxy's, Socket.IO's, Flask's) itself rather than the Flask object, whose `__call__`
    only calls it: each connected phone's parked request is one call shallower, and the
    server holds ~5 KB less per phone (docs/performance.md, « The snapshot with the
    connection »)."""
    pywsgi.WSGIServer((host, port), app.wsgi_app, log=None).serve_forever()

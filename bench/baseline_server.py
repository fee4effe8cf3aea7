"""The bare python-socketio server the benchmark compares Ensemble with.

    ASYNC_MODE=threading|gevent python bench/baseline_server.py --port 5100

Same library, same async mode and web server as `python app.py` (Werkzeug threads,
or gevent's pywsgi with gevent-websocket), same messages, and nothing else: a
connection joins the room named by its auth `code` (and, with `since` in its auth, is
answered at once with `synced`, no events, as Ensemble does), `sync` answers with no events,
`card:post` acknowledges `{ok, card, created}` and broadcasts `event {seq, type, data}`
to the room. No database, no authentication: the cost of the library alone.
"""
import argparse
import itertools
import os
import threading

MODE = os.environ.get("ASYNC_MODE", "threading")
if MODE == "gevent" and __name__ == "__main__":
    from gevent import monkey

    monkey.patch_all()

import socketio  # noqa: E402  (after monkey patching)

sio = socketio.Server(async_mode=MODE, ping_interval=10, ping_timeout=20,
                      max_http_buffer_size=64 * 1024)
rooms: dict[str, str] = {}
_seq: dict[str, itertools.count] = {}
_ids = itertools.count(1)
_lock = threading.Lock()


@sio.on("connect")
def connect(sid, _environ, auth=None):
    code = str((auth or {}).get("code", ""))
    rooms[sid] = code
    sio.enter_room(sid, code)
    if "since" in (auth or {}):
        sio.emit("synced", sync(sid), to=sid)


@sio.on("disconnect")
def disconnect(sid, *_args):
    rooms.pop(sid, None)


@sio.on("sync")
def sync(sid, _data=None):
    return {"ok": True, "seq": 0, "events": []}


@sio.on("card:post")
def post(sid, data):
    code = rooms.get(sid, "")
    with _lock:
        seq = next(_seq.setdefault(code, itertools.count(1)))
        card_id = next(_ids)
    card = {"id": card_id, "axis": data.get("axis"), "kind": data.get("kind"),
            "text": data.get("text"), "parent": data.get("parent"), "supports": 0,
            "hidden": False, "verbatim": False, "author": 1}
    sio.emit("event", {"seq": seq, "type": "card", "data": dict(card, seq=seq)}, to=code)
    return {"ok": True, "card": card, "created": True}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5100)
    args = parser.parse_args()
    app = socketio.WSGIApp(sio)
    # The same garbage-collector settings as `python app.py` (app.py: _tune_gc), so the
    # ratio Ensemble / bare measures the application, not the collector.
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    if MODE == "gevent":
        from gevent import pywsgi

        try:  # the same web-socket stack as Flask-SocketIO's run() picks
            from geventwebsocket.handler import WebSocketHandler
            options = {"handler_class": WebSocketHandler}
        except ImportError:  # python-engineio then uses simple-websocket
            options = {}
        pywsgi.WSGIServer((args.host, args.port), app, log=None, **options).serve_forever()
    else:
        from werkzeug.serving import run_simple

        run_simple(args.host, args.port, app, threaded=True)


if __name__ == "__main__":
    main()

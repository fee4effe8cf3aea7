"""Logs: a timestamp, a level, the request's id on every line, text or JSON (`LOG_FORMAT`),
and an access log that names the route, not the URL.

The access log writes `METHOD /route/<pattern> STATUS DURATIONms`: the URL's own values
(workshop codes, the set-up link's token, the projection key in a query string…) and the
client's address are left out unless `ACCESS_LOG=addresses` (docs/privacy.md). The
request id is the proxy's `X-Request-Id` when it sends a sane one, else a new one, and is
sent back in the answer's `X-Request-Id`.
"""
import json
import logging
import re
import sys
import time
import uuid

from flask import g, has_request_context, request

ACCESS = logging.getLogger("ensemble.access")
TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
QUIET_PATHS = ("/healthz", "/readyz", "/metrics", "/sante")  # polled every few seconds


class RequestId(logging.Filter):
    """Every record gets `request_id`: the current request's, or « - »."""

    def filter(self, record):
        record.request_id = (g.get("request_id", "-") if has_request_context() else "-")
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line; a traceback stays inside its record (`exc_info`)."""

    def format(self, record):
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") +
                 f".{int(record.msecs):03d}Z", "level": record.levelname,
                 "logger": record.name, "request_id": record.request_id,
                 "message": record.getMessage()}
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class _Stderr(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at the time (the tests swap it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


def _handler(log_format: str) -> logging.Handler:
    handler = _Stderr()
    if log_format == "json":
        formatter = JsonFormatter()
    else:
        formatter = logging.Formatter(TEXT_FORMAT)
    formatter.converter = time.gmtime  # UTC, as the rest of the project
    handler.setFormatter(formatter)
    handler.addFilter(RequestId())
    handler.ensemble = True
    return handler


def configure(config) -> None:
    """Once per process, before the Flask app exists (so Flask adds no handler of its own):
    one handler on the root logger; every logger's records go through it, once."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "ensemble", False)]:
        root.removeHandler(old)
    root.addHandler(_handler(config["LOG_FORMAT"]))
    root.setLevel(config["LOG_LEVEL"])
    # Flask-Limiter names the refused address at INFO: kept out like the access log's.
    addresses = config["ACCESS_LOG"] == "addresses"
    logging.getLogger("flask-limiter").setLevel(logging.NOTSET if addresses else logging.WARNING)


def install(app) -> None:
    """Request ids and the access log."""
    mode = app.config["ACCESS_LOG"]

    @app.before_request
    def _request_id():
        incoming = request.headers.get("X-Request-Id", "")
        g.request_id = incoming if SANE_ID.match(incoming) else uuid.uuid4().hex[:16]
        g.request_started = time.perf_counter()

    @app.after_request
    def _access(response):
        response.headers["X-Request-Id"] = g.get("request_id", "")
        if mode != "off" and request.path not in QUIET_PATHS:
            route = request.url_rule.rule if request.url_rule else "(no route)"
            took = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
            address = f" {request.remote_addr}" if mode == "addresses" else ""
            ACCESS.info("%s %s %s %.0fms%s", request.method, route, response.status_code,
                        took, address)
        return response

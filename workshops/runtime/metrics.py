"""Prometheus metrics, at `/metrics` (text format), one registry per app.

| metric | what |
|---|---|
| `ensemble_screens_connected{kind}` | Socket.IO connections on this worker: `participant`, `projection`, `staff` |
| `ensemble_socketio_events_total{event, outcome}` | client → server events handled (`rate()` gives events per second); outcome `ok`, `refused` (an error ack: validation, rights), `rate_limited`, `database_unavailable`, `internal_error` |
| `ensemble_event_ack_seconds{event}` | histogram, from receiving an event to its ack; `card:post` is the post → ack latency |
| `ensemble_export_jobs{state}` | booklet export jobs in the database by state (`queued`, `building`, `rendering`, `done`, `failed`) |
| `ensemble_database_errors_total` | requests and events that failed because the database did not answer |
| `ensemble_purge_failures_total` | workshops whose participant data could not be purged when due (each logged; the others are purged) |

Who may read them: docs/decisions.md (loopback, or `METRICS_TOKEN`).
"""
import hmac
import ipaddress

from flask import Blueprint, Response, abort, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client import generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

bp = Blueprint("metrics", __name__)
SCREEN_KINDS = ("participant", "projection", "staff")
EXPORT_STATES = ("queued", "building", "rendering", "done", "failed")
ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """This app's registry and the metrics the code updates."""

    def __init__(self, app):
        self.registry = registry = CollectorRegistry()
        self.events = Counter("ensemble_socketio_events", "Socket.IO events handled",
                              ["event", "outcome"], registry=registry)
        self.ack_seconds = Histogram("ensemble_event_ack_seconds",
                                     "From receiving a Socket.IO event to its acknowledgement",
                                     ["event"], buckets=ACK_BUCKETS, registry=registry)
        self.database_errors = Counter("ensemble_database_errors",
                                       "Requests and events that failed: database unreachable",
                                       registry=registry)
        self.purge_failures = Counter("ensemble_purge_failures",
                                      "Workshops whose due purge failed (logged)",
                                      registry=registry)
        registry.register(_Screens(app))
        registry.register(_ExportJobs(app))

    def event(self, name: str, ack: dict, seconds: float) -> None:
        outcome = "ok" if ack.get("ok") else (ack.get("error") or {}).get("code", "refused")
        if outcome not in ("ok", "rate_limited", "database_unavailable", "internal_error"):
            outcome = "refused"
        self.events.labels(name, outcome).inc()
        self.ack_seconds.labels(name).observe(seconds)


def metrics() -> Metrics:
    return current_app.extensions["ensemble.metrics"]


class _Screens:
    """Counted when scraped, from the connections realtime/ keeps (`ensemble.principals`)."""

    def __init__(self, app):
        self.app = app

    def collect(self):
        counts = dict.fromkeys(SCREEN_KINDS, 0)
        for principal in list(self.app.extensions.get("ensemble.principals", {}).values()):
            counts[principal.kind] = counts.get(principal.kind, 0) + 1
        family = GaugeMetricFamily("ensemble_screens_connected",
                                   "Socket.IO connections on this worker", labels=["kind"])
        for kind, count in counts.items():
            family.add_metric([kind], count)
        yield family


class _ExportJobs:
    """Counted when scraped, from the database (nothing when it does not answer)."""

    def __init__(self, app):
        self.app = app

    def collect(self):
        try:
            with self.app.extensions["ensemble.db"].engine.connect() as connection:
                rows = dict(connection.execute(
                    text("SELECT status, count(*) FROM export_jobs GROUP BY status")).all())
        except SQLAlchemyError:
            return
        family = GaugeMetricFamily("ensemble_export_jobs", "Booklet export jobs by state",
                                   labels=["state"])
        for state in EXPORT_STATES:
            family.add_metric([state], rows.get(state, 0))
        yield family


def _allowed() -> bool:
    token = current_app.config["METRICS_TOKEN"]
    header = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(header.encode(), f"Bearer {token}".encode()):
        return True
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


@bp.get("/metrics")
def scrape():
    if not _allowed():
        abort(404)  # not advertised to the public
    return Response(generate_latest(metrics().registry), content_type=CONTENT_TYPE_LATEST)


def install(app) -> None:
    app.extensions["ensemble.metrics"] = Metrics(app)
    app.register_blueprint(bp)

"""What a server in production needs around the application: faults answered instead of
crashing, health checks, rate limits, the proxy in front, metrics and logs.

`install(app)` wires them into the app factory; `guarded(event, principal_of)` wraps
every Socket.IO handler (`workshops/realtime/__init__.py`).
"""
from workshops.runtime import faults, health
from workshops.runtime.faults import guarded  # noqa: F401  (used by workshops.realtime)


def install(app) -> None:
    faults.register(app)
    app.register_blueprint(health.bp)

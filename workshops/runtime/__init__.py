"""What a server in production needs around the application: faults answered instead of
crashing, health checks, rate limits, the proxy in front, metrics and logs, and the
source offered to the users (AGPL section 13).

The app factory calls `logs.configure` first, `install(app)` once the blueprints are
registered and `proxy.trust_proxies(app)` last (outermost middleware);
`guarded(event, principal_of)` wraps every Socket.IO handler
(`workshops/realtime/__init__.py`).
"""
from workshops.runtime import faults, health, limits, logs, metrics, proxy, source
from workshops.runtime.faults import connect_guarded, guarded  # noqa: F401  (realtime's)


def install(app) -> None:
    logs.install(app)
    metrics.install(app)
    faults.register(app)
    limits.install(app, faults.later)
    proxy.secure_settings(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(source.bp)

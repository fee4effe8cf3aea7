"""Behind a reverse proxy (nginx): the client's address and scheme from the proxy's
`X-Forwarded-*` headers, and, over HTTPS, `Secure` cookies and HSTS.

`PROXY_COUNT` says how many proxies stand in front (0: none, the headers are ignored —
anyone could write them, and the rate limits count by address).
"""
from werkzeug.middleware.proxy_fix import ProxyFix

HSTS = "max-age=31536000"  # a year; no includeSubDomains: other hosts of the domain are not ours


def secure_settings(app) -> None:
    """Before the app serves: cookies only over HTTPS when the public address is HTTPS."""
    if app.config["PUBLIC_URL"].startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.after_request(_hsts)


def _hsts(response):
    response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def trust_proxies(app) -> None:
    """Outermost middleware (after Socket.IO's): every request, Socket.IO's too, sees the
    client's address and scheme."""
    count = app.config["PROXY_COUNT"]
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count,
                                x_port=count)

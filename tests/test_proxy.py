"""Behind nginx: the client's address from X-Forwarded-For only when PROXY_COUNT says a
proxy is there; Secure cookies and HSTS when the public address is HTTPS."""
from tests.conftest import PASSWORD, Room
from tests.test_rate_limits import _app


def _wrong_tokens(client, forwarded_for, n=11):
    return [client.post("/api/v1/tokens", json={"email": "orga@example.org", "password": "x"},
                        headers={"X-Forwarded-For": forwarded_for}).status_code
            for _ in range(n)]


def test_behind_one_proxy_each_client_address_counts_apart(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, PROXY_COUNT=1)
    Room(app, app.test_client())
    client = app.test_client()
    assert _wrong_tokens(client, "203.0.113.1")[-1] == 429
    assert _wrong_tokens(client, "203.0.113.2", 1) == [401]  # another person behind nginx
    seen = client.get("/healthz", headers={"X-Forwarded-Proto": "https",
                                           "X-Forwarded-For": "203.0.113.3"})
    assert seen.status_code == 200


def test_without_a_proxy_the_header_is_ignored(tmp_path, monkeypatch):
    """Anyone can write X-Forwarded-For: it must not buy a fresh count."""
    app = _app(tmp_path, monkeypatch)
    Room(app, app.test_client())
    client = app.test_client()
    statuses = [_wrong_tokens(client, f"203.0.113.{i}", 1)[0] for i in range(11)]
    assert statuses[-1] == 429


def test_https_public_url_gives_secure_cookies_and_hsts(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, PUBLIC_URL="https://ensemble.example.org:8443")
    Room(app, app.test_client())
    client = app.test_client()
    login = client.post("/connexion", data={"email": "orga@example.org", "password": PASSWORD},
                        base_url="https://ensemble.example.org:8443")
    assert login.status_code == 302
    assert "Secure" in login.headers["Set-Cookie"] and "HttpOnly" in login.headers["Set-Cookie"]
    assert login.headers["Strict-Transport-Security"] == "max-age=31536000"
    lang = client.get("/langue/en", base_url="https://ensemble.example.org:8443")
    assert "Secure" in lang.headers["Set-Cookie"]


def test_plain_http_keeps_cookies_usable_on_the_room_network(room):
    login = room.client.post("/connexion", data={"email": "orga@example.org",
                                                 "password": PASSWORD})
    assert "Secure" not in login.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in login.headers

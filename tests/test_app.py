"""Starting the app, the organiser command, the first-run link, the screens' guards."""
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from workshops.extensions import db_session
from workshops.services.room import accounts

ROOT = Path(__file__).resolve().parent.parent


def test_organiser_create_with_and_without_password(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["organiser", "create", "Anne@Example.org", "--password", "secret-pass"])
    assert result.exit_code == 0 and "anne@example.org" in result.output
    result = runner.invoke(args=["organiser", "create", "bob@example.org"],
                           input="another-pass\nanother-pass\n")
    assert result.exit_code == 0
    duplicate = runner.invoke(args=["organiser", "create", "anne@example.org", "--password", "x" * 9])
    assert duplicate.exit_code != 0 and "existe déjà" in duplicate.output
    short = runner.invoke(args=["organiser", "create", "c@example.org", "--password", "short"])
    assert short.exit_code != 0 and "8 caractères" in short.output
    with app.app_context():
        account = accounts.authenticate(db_session(), "anne@example.org", "secret-pass")
        assert account is not None and account.password_hash != "secret-pass"


def test_first_account_link_works_once(app, client):
    from workshops.setup import setup_token

    token = setup_token(app.instance_path)
    assert client.get("/installation/wrong").status_code == 404
    assert client.get(f"/installation/{token}").status_code == 200
    response = client.post(f"/installation/{token}", data={"email": "first@example.org",
                                                            "password": "first-password"})
    assert response.status_code == 302 and "/organisateur/" in response.location
    assert client.get("/organisateur/").status_code == 200
    assert client.get(f"/installation/{token}").status_code == 404


def test_screens_check_who_is_calling(room, client):
    assert client.get(f"/w/{room.code}/console").status_code == 302  # to the login page
    assert client.get(f"/w/{room.code}/projection").status_code == 403
    assert client.get(f"/w/{room.code}/projection?key=wrong").status_code == 403
    assert client.get(f"/w/{room.code}/projection?key={room.workshop.projection_key}").status_code == 200
    assert client.get(f"/j/{room.code}").status_code == 200
    assert client.get(f"/j/{room.code.lower()}").status_code == 200
    # A mistyped code: « not found », and the page offers to type the code again.
    missing = client.get("/j/ZZZZZZ")
    page = missing.get_data(as_text=True)
    assert missing.status_code == 404 and "n&#39;existe pas" in page
    assert '<form method="get" action="/j">' in page and 'name="code"' in page
    room.login()
    assert client.get(f"/w/{room.code}/console").status_code == 200
    assert client.get(f"/organisateur/ateliers/{room.code}").status_code == 200


def test_a_facilitator_of_another_workshop_gets_403(app, room, client):
    with app.app_context():
        accounts.create_account(db_session(), "other@example.org", "correct horse battery")
    room.login(email="other@example.org")
    assert client.get(f"/w/{room.code}/console").status_code == 403
    assert client.get(f"/organisateur/ateliers/{room.code}").status_code == 403


def test_co_facilitator_added_by_the_organiser(app, room, client):
    with app.app_context():
        accounts.create_account(db_session(), "co@example.org", "correct horse battery")
    room.login()
    client.post(f"/organisateur/ateliers/{room.code}/animateurs", data={"email": "co@example.org"})
    client.post("/deconnexion")
    room.login(email="co@example.org")
    assert client.get(f"/w/{room.code}/console").status_code == 403  # invited, not yet in
    dashboard = client.get("/organisateur/").get_data(as_text=True)
    for answer, label in (("accepter", "Accepter"), ("refuser", "Refuser")):
        assert re.search(rf'action="/organisateur/invitations/{room.code}/{answer}">\s*'
                         rf'<input type="hidden" name="csrf_token"[^>]*>\s*'
                         rf'<button type="submit" class="small[^"]*">{label}</button>', dashboard)
    client.post(f"/organisateur/invitations/{room.code}/accepter")
    assert client.get(f"/w/{room.code}/console").status_code == 200
    # a co-facilitator cannot add others
    response = client.post(f"/organisateur/ateliers/{room.code}/animateurs",
                           data={"email": "orga@example.org"})
    assert response.status_code == 403


def test_organiser_edits_title_and_axes_and_screens_are_told(app, room, client):
    projection = room.socket(role="projection", key=room.workshop.projection_key)
    projection.emit("sync", {"since": 0}, callback=True)
    room.login()
    page = client.get(f"/organisateur/ateliers/{room.code}").get_data(as_text=True)
    assert "Garantir le respect" in page
    with app.app_context():
        from workshops.services.room import workshops
        workshop = workshops.get_workshop(db_session(), room.code)
        axes = {f"axes-{i}-axis_id": a.id for i, a in enumerate(workshop.axes)}
    data = {"title": "Titre <b>nouveau</b>", **{k: str(v) for k, v in axes.items()},
            **{f"axes-{i}-title": f"Axe réécrit {i}" for i in range(len(axes))},
            "new_axis": "Un onzième axe"}
    response = client.post(f"/organisateur/ateliers/{room.code}", data=data)
    assert response.status_code == 302
    received = [e["args"][0] for e in projection.get_received() if e["name"] == "event"]
    assert received[-1]["type"] == "workshop"
    assert received[-1]["data"]["title"] == "Titre <b>nouveau</b>"
    assert [a["title"] for a in received[-1]["data"]["axes"]][-1] == "Un onzième axe"
    page = client.get(f"/organisateur/ateliers/{room.code}").get_data(as_text=True)
    assert "Titre &lt;b&gt;nouveau&lt;/b&gt;" in page


def test_qr_code_encodes_the_join_url(room, client):
    response = client.get(f"/w/{room.code}/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert b"<svg" in response.data


def test_pages_load_nothing_from_outside(room, client):
    room.login()
    for url in ("/", f"/j/{room.code}", f"/w/{room.code}/console",
                f"/w/{room.code}/projection?key={room.workshop.projection_key}", "/connexion"):
        response = client.get(url)
        html = response.get_data(as_text=True)
        for address in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert address.startswith(("/", "#", "http://ensemble.test")), (url, address)
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_python_app_py_starts_prints_the_setup_link_and_serves(tmp_path):
    port = _free_port()
    env = dict(os.environ, ENSEMBLE_INSTANCE=str(tmp_path), PYTHONUNBUFFERED="1")
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    try:
        deadline = time.monotonic() + 90  # a busy shared machine starts slowly
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/sante", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not answer")
        request = urllib.request.Request(f"http://127.0.0.1:{port}/static/js/phone/main.js",
                                         headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as response:
            static_encoding = response.headers.get("Content-Encoding")
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert static_encoding == "gzip"  # static files too, on the real server
    assert "Ensemble est prêt." in output
    assert re.search(rf"http://127\.0\.0\.1:{port}/installation/\S+", output)
    assert (tmp_path / "ensemble.sqlite3").exists()


def test_pages_are_gzipped_for_weak_wifi(room, client):
    page = client.get(f"/j/{room.code}", headers={"Accept-Encoding": "gzip"})
    assert page.headers.get("Content-Encoding") == "gzip"


def test_organiser_create_on_a_fresh_instance_creates_the_tables(tmp_path, monkeypatch):
    from workshops.factory import create_app

    monkeypatch.setenv("ENSEMBLE_INSTANCE", str(tmp_path))
    fresh = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}"})
    result = fresh.test_cli_runner().invoke(
        args=["organiser", "create", "new@example.org", "--password", "long enough"])
    assert result.exit_code == 0, result.output


def test_starting_the_app_does_not_load_the_booklet_renderers():
    """WeasyPrint alone takes 1.5 s to import: `python app.py` must answer within 3 s."""
    code = ("import sys, os; os.environ['ENSEMBLE_INSTANCE'] = sys.argv[1]\n"
            "from workshops.factory import create_app; create_app()\n"
            "print(sorted(m for m in ('weasyprint', 'docx', 'openpyxl') if m in sys.modules))")
    with __import__("tempfile").TemporaryDirectory() as instance:
        output = subprocess.run([sys.executable, "-c", code, instance], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"

"""Browser tests: a live Ensemble server in a thread and Debian's Chromium via Playwright.

Skipped when Chromium or Playwright is missing, unless ENSEMBLE_REQUIRE_BROWSER=1
(CI sets it): there a missing browser is a failure.
"""
import os
import shutil
import socket
import sys
import threading
import time
import traceback
import warnings

import pytest
from werkzeug.serving import make_server

from tests.conftest import FORMAT_ID, PASSWORD
from workshops.factory import create_app
from workshops.extensions import db_session
from workshops.formats import get_builtin
from workshops.services.room import accounts, workshops

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 360, "height": 740}
PROJECTOR = {"width": 1280, "height": 720}
FULL_HD = {"width": 1920, "height": 1080}


def _browser_available() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright n'est pas installé"
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        return f"Chromium introuvable ({CHROMIUM})"
    return None


def pytest_collection_modifyitems(config, items):
    missing = _browser_available()
    for item in items:
        if "tests/browser/" not in str(item.fspath).replace(os.sep, "/"):
            continue
        item.add_marker(pytest.mark.browser)
        if missing:
            if os.environ.get("ENSEMBLE_REQUIRE_BROWSER") == "1":
                raise pytest.UsageError(f"Browser tests are required here but: {missing}")
            item.add_marker(pytest.mark.skip(reason=missing))


SLOW_REQUEST = 5.0  # seconds


class StallWatch:
    """Wraps the live server's app: a request still unanswered after SLOW_REQUEST seconds
    (Socket.IO's long-lived ones aside) has its thread's stack written down, and the test
    warns with it, so a page that timed out says where the server waited
    (docs/decisions.md, « A page that waits 10 s »)."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app
        self.running: dict[int, tuple[float, str]] = {}
        self.stalls: list[str] = []
        self.stopped = threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO", "").startswith("/socket.io"):
            return self.wsgi_app(environ, start_response)
        ident = threading.get_ident()
        self.running[ident] = (time.monotonic(), f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}")
        try:
            return self.wsgi_app(environ, start_response)
        finally:
            self.running.pop(ident, None)

    def _watch(self):
        seen = set()
        while not self.stopped.wait(0.5):
            now, frames = time.monotonic(), sys._current_frames()
            for ident, (started, request) in list(self.running.items()):
                if now - started > SLOW_REQUEST and (ident, started) not in seen and ident in frames:
                    seen.add((ident, started))
                    stack = "".join(traceback.format_stack(frames[ident], limit=30))
                    self.stalls.append(f"{request} unanswered after {SLOW_REQUEST:.0f} s, "
                                       f"waiting in:\n{stack}")

    def stop(self):
        self.stopped.set()
        for stall in self.stalls:
            warnings.warn(stall, stacklevel=2)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """Ensemble on 127.0.0.1:<free port>, threading mode, its own SQLite file."""

    def __init__(self, tmp_path, monkeypatch):
        monkeypatch.setenv("ENSEMBLE_INSTANCE", str(tmp_path / "instance"))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = create_app({
            "DATABASE_URL": f"sqlite:///{tmp_path / 'live.db'}",
            "CREATE_TABLES": True,
            "SECRET_KEY": "browser-tests",
            "PUBLIC_URL": self.url,
        })
        self.watch = StallWatch(self.app.wsgi_app)
        self.app.wsgi_app = self.watch
        self.server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.watch.stop()
        # Socket.IO's ping task holds the app: stopped, the app is freed (test_app_lifetime.py)
        self.app.extensions["ensemble.socketio"].server.shutdown()
        self.server.shutdown()
        self.app.extensions["ensemble.db"].engine.dispose()

    def organiser(self, email="orga@example.org"):
        with self.app.app_context():
            return accounts.create_account(db_session(), email, PASSWORD)

    def workshop(self, title="Journée d'étude", format_id=FORMAT_ID, email="orga@example.org"):
        """An organiser account and a workshop; returns (workshop code, projection key)."""
        with self.app.app_context():
            session = db_session()
            account = accounts.find_account(session, email) or accounts.create_account(
                session, email, PASSWORD)
            workshop = workshops.create_workshop(session, account, title, get_builtin(format_id))
            return workshop.code, workshop.projection_key

    def login(self, page, email="orga@example.org"):
        page.goto(f"{self.url}/connexion")
        page.get_by_label("Adresse e-mail").fill(email)
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url("**/organisateur/**")


@pytest.fixture
def live_server(tmp_path, monkeypatch):
    server = LiveServer(tmp_path, monkeypatch)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """new_page(viewport=PHONE, offline=False) → a page in its own context (its own storage)."""
    contexts = []

    def make(viewport=PHONE, locale="fr-FR"):
        context = browser.new_context(viewport=viewport, locale=locale)
        context.set_default_timeout(10_000)
        # A page's first load on a loaded machine (CI's two cores) can take longer than a
        # wait for an element; a server that stalls is reported by StallWatch.
        context.set_default_navigation_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


def join_from_phone(page, base_url, code, organisation="Foyer Notre-Dame",
                    organisation_type="Association", profession="Travailleur·se social·e"):
    """Scan-equivalent: open the join URL and fill the form the way a person does."""
    page.goto(f"{base_url}/j/{code}")
    page.get_by_label("Type de structure", exact=True).select_option(label=organisation_type)
    page.get_by_label("Votre structure").fill(organisation)
    page.get_by_label("Votre profession", exact=True).select_option(label=profession)
    page.get_by_role("button", name="Rejoindre l'atelier").click()
    page.locator("#compose-text, #activity .waiting, #activity [data-activity]").first.wait_for()


def open_console(new_page, live_server, code, viewport=None):
    """The facilitator logged in, on the workshop's console, connected."""
    from playwright.sync_api import expect

    page = new_page(viewport or {"width": 1366, "height": 768})
    live_server.login(page)
    page.goto(f"{live_server.url}/w/{code}/console")
    expect(page.locator("#status")).to_have_text("Connecté")
    return page

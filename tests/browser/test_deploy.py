"""The documented deployment, brought up from deploy/'s own files and used through a browser.

nginx (deploy/nginx-ensemble.conf) with HTTPS on a non-default port in front of two gunicorn
gevent workers (deploy/ensemble@.service, started together on a fresh PostgreSQL database),
a private Redis, the environment file made from deploy/ensemble.env, the organiser account
made with the documented `ensemble --env-file …` command. Then, in Chromium: the organiser
creates a workshop, the projection and three phones spread over both workers see every
card; one worker gets SIGTERM mid-room and no card is lost; nginx's gzip and caching
headers; a backup by deploy/ensemble-backup (as its unit runs it), restored into a fresh
database, gives the same booklet. Loopback only.
Needs nginx, openssl, PostgreSQL (pg_dump, pg_restore) and redis-server: skipped when one is
missing, except under ENSEMBLE_REQUIRE_SERVICES (CI), where that is a failure.
"""
import gzip
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from bench.run import Server, free_port
from exports.typography import fr
from tests.browser.conftest import PHONE, PROJECTOR, join_from_phone
from tests.browser.test_live_board import post
from tests.deploy_stack import (DEPLOY, NGINX, ROOT, Nginx, Unit, Worker, fetch, fetch_from,
                                self_signed_certificate, substitute)
from tests.postgres_helpers import fresh_database, require

pytestmark = pytest.mark.services

EMAIL, PASSWORD = "orga@example.org", "deploiement-2026"
ROUTE = "ensemble_route"


def _installed(tool: str) -> None:
    if not (shutil.which(tool) or os.path.exists(tool)):
        raise FileNotFoundError(f"{tool} is not installed (scripts/test.sh installs it as root)")


def _tools_or_skip():
    for tool in (NGINX, "openssl", "pg_dump", "pg_restore", "redis-server"):
        require(tool, lambda tool=tool: _installed(tool))


def _env_file(etc: Path, values: dict) -> Path:
    """deploy/ensemble.env with this machine's values, as the admin fills it in."""
    text = (DEPLOY / "ensemble.env").read_text()
    for key, value in values.items():
        text, found = re.subn(rf"^{key}=.*$", f"{key}={value}", text, flags=re.M)
        assert found == 1, f"deploy/ensemble.env has no {key}= line"
    path = etc / "ensemble.env"
    path.write_text(text)
    path.chmod(0o640)
    return path


def _start_workers(workers: list[Worker]) -> None:
    """Like `systemctl start ensemble@A ensemble@B` on a first install: both upgrade at once."""
    upgrades = [worker.start_pre() for worker in workers]
    assert [upgrade.wait(120) for upgrade in upgrades] == [0] * len(workers), \
        [worker.log.read_text() for worker in workers]
    for worker in workers:
        worker.start()


@pytest.fixture
def stack(tmp_path):
    _tools_or_skip()
    with fresh_database("ensemble_deploy") as (database_url, database), \
            fresh_database("ensemble_restored") as (restored_url, _restored):
        etc, var, nginx_dir = tmp_path / "etc", tmp_path / "var-lib", tmp_path / "nginx"
        etc.mkdir()
        var.mkdir()
        https, port_a, port_b = free_port(), free_port(), free_port()
        base = f"https://127.0.0.1:{https}"
        redis = Server(["redis-server", "--save", "", "--appendonly", "no", "--bind", "127.0.0.1"],
                       free_port(), {"PATH": os.environ["PATH"]}, tmp_path / "redis.log").start()
        env_file = _env_file(etc, {
            "DATABASE_URL": database_url,
            "MESSAGE_QUEUE_URL": f"redis://127.0.0.1:{redis.port}/0",
            "SECRET_KEY": secrets.token_hex(32), "ENSEMBLE_INSTANCE": var, "PUBLIC_URL": base})
        unit_paths = [("/opt/ensemble/.venv", sys.prefix), ("/opt/ensemble", str(ROOT)),
                      ("/etc/ensemble", str(etc)),
                      ("/var/lib/ensemble", str(var))]
        workers = [Worker(DEPLOY / "ensemble@.service", unit_paths, port, tmp_path)
                   for port in (port_a, port_b)]
        cert, key = self_signed_certificate(tmp_path)
        site = substitute((DEPLOY / "nginx-ensemble.conf").read_text(), [
            ("listen 443 ssl", f"listen 127.0.0.1:{https} ssl"),
            ("server_name ateliers.example.org", "server_name 127.0.0.1"),
            ("/etc/letsencrypt/live/ateliers.example.org/fullchain.pem", str(cert)),
            ("/etc/letsencrypt/live/ateliers.example.org/privkey.pem", str(key)),
            ("server 127.0.0.1:8001;", f"server 127.0.0.1:{port_a};"),
            ("server 127.0.0.1:8002;", f"server 127.0.0.1:{port_b};"),
            ("/opt/ensemble/static/", f"{ROOT}/static/")])
        nginx = Nginx(site, nginx_dir, https)
        try:
            _start_workers(workers)
            nginx.start()
            # The first account, as docs/deploy.md says, from an ordinary shell.
            subprocess.run([Path(sys.prefix) / "bin" / "ensemble", "--env-file", env_file,
                            "organiser", "create", EMAIL, "--password", PASSWORD],
                           env={"PATH": os.environ["PATH"]}, cwd=var, check=True)
            yield SimpleNamespace(base=base, workers=workers, env_file=env_file, etc=etc,
                                  database=database_url, restored=restored_url,
                                  tmp=tmp_path, unit_paths=unit_paths)
        finally:
            nginx.stop()
            for worker in workers:
                worker.stop()
            redis.stop()


def _route_to(stack, worker: Worker) -> str:
    """A route cookie value that nginx sends to `worker` (found by asking, not computed)."""
    for _ in range(40):
        route = uuid.uuid4().hex
        fetch(f"{stack.base}/connexion?probe={route}", {"Cookie": f"{ROUTE}={route}"})
        if worker.served(route):
            return route
    raise AssertionError(f"no route reached worker {worker.port}")


def _context(browser, stack, route: str, viewport):
    context = browser.new_context(viewport=viewport, locale="fr-FR", ignore_https_errors=True)
    context.set_default_timeout(20_000)
    context.add_cookies([{"name": ROUTE, "value": route, "url": stack.base}])
    return context.new_page()


def _create_workshop(organiser, stack) -> tuple[str, str]:
    """Logged in through nginx, the organiser creates a workshop: (code, projection URL)."""
    organiser.goto(f"{stack.base}/connexion")
    organiser.get_by_label("Adresse e-mail").fill(EMAIL)
    organiser.get_by_label("Mot de passe").fill(PASSWORD)
    organiser.get_by_role("button", name="Se connecter").click()
    organiser.wait_for_url("**/organisateur/**")
    organiser.get_by_label("Titre de l'atelier").fill("Journée déployée")
    organiser.get_by_label("Format").select_option(label="Logement d'Abord — les 10 axes")
    organiser.get_by_role("button", name="Créer").click()
    projection_url = organiser.locator("a[href*='/projection?key=']").first.get_attribute("href")
    assert projection_url.startswith(stack.base)  # PUBLIC_URL, with its port
    code = re.search(r"/w/([^/]+)/projection", projection_url).group(1)
    organiser.goto(f"{stack.base}/w/{code}/console")
    expect(organiser.locator("#status")).to_have_text("Connecté")
    return code, projection_url


def _expect_cards(screens, texts):
    for screen, locate in screens:
        for text in texts:
            expect(locate(screen, text)).to_have_count(1)


def _api(stack, path: str, token: str | None = None, body: dict | None = None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    return fetch(f"{stack.base}/api/v1{path}", headers, data)


def _organiser_token(stack) -> str:
    _status, _headers, body = _api(stack, "/tokens", body={"email": EMAIL, "password": PASSWORD})
    return json.loads(body)["token"]


def _booklet(stack, code: str) -> str:
    """The Markdown booklet, less its « generated on <date> » line."""
    _status, _headers, booklet = _api(stack, f"/workshops/{code}/export?format=md",
                                      _organiser_token(stack))
    return re.sub(r"^\*Livret généré .*$", "", booklet.decode(), flags=re.M)


def _check_static_headers(stack, phone) -> None:
    """The phone's own scripts and styles: gzipped by nginx, cached only when versioned."""
    urls = phone.evaluate("""() => [...document.querySelectorAll('script[src], link[rel=stylesheet]')]
                                   .map(e => e.src || e.href).filter(u => u.includes('/static/'))""")
    assert urls
    for url in urls:
        _status, headers, body = fetch(url, {"Accept-Encoding": "gzip"})
        _status, _plain_headers, plain = fetch(url)
        assert headers["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in headers["Vary"]
        assert gzip.decompress(body) == plain and len(body) < len(plain)
        versioned = "?v=" in url or re.search(r"\.[0-9a-f]{8,}\.[a-z0-9]+$", url.split("?")[0])
        expected = "public, max-age=31536000, immutable" if versioned else "no-cache"
        assert headers["Cache-Control"] == expected, url
        assert headers["ETag"]
    _status, headers, _body = fetch(f"{urls[0].split('?')[0]}?v=0123abcd")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    _status, headers, _body = fetch(f"{stack.base}/connexion", {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"  # pages: the app's gzip passes through


def _check_addresses_behind_nginx(stack) -> None:
    """PROXY_COUNT=1: the rate limits count each client's address, not nginx's. A script
    guessing passwords from one address gets 429 on both workers (the limit lives in Redis);
    an organiser at another address still logs in."""
    login = f"{stack.base}/api/v1/tokens"
    guesses = [fetch_from("127.0.0.2", login, {"email": EMAIL, "password": f"essai-{n}"})
               for n in range(12)]
    assert set(guesses[:10]) == {401} and guesses[-1] == 429, guesses
    assert fetch_from("127.0.0.3", login, {"email": EMAIL, "password": PASSWORD}) == 201


def _backup_and_restore(stack) -> list[Path]:
    """Three runs of the backup unit (keep 2), then the newest dump restored elsewhere."""
    backups = stack.tmp / "backups"
    database = stack.database.replace("+psycopg", "")
    me = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    group = subprocess.run(["id", "-gn"], capture_output=True, text=True).stdout.strip()
    unit = Unit(DEPLOY / "ensemble-backup.service", [
        ("/opt/ensemble", str(ROOT)), ("-o postgres -g postgres", f"-o {me} -g {group}"),
        ("ENSEMBLE_BACKUP_DATABASE=ensemble", f"ENSEMBLE_BACKUP_DATABASE={database}"),
        ("ENSEMBLE_BACKUP_KEEP=7", "ENSEMBLE_BACKUP_KEEP=2"),
        ("/var/backups/ensemble", str(backups))])
    for run in range(3):
        for argv in unit.commands("ExecStartPre") + unit.commands("ExecStart"):
            subprocess.run(argv, env=unit.environment(), check=True, capture_output=True)
        if run < 2:
            subprocess.run(["sleep", "1.1"], check=True)  # one dump name per second
    dumps = sorted(backups.glob("ensemble-*.dump"))
    assert len(dumps) == 2
    assert backups.stat().st_mode & 0o777 == 0o700
    assert {dump.stat().st_mode & 0o777 for dump in dumps} == {0o600}
    subprocess.run(["pg_restore", "--no-owner", "--dbname", stack.restored.replace("+psycopg", ""),
                    str(dumps[-1])], check=True)
    return dumps


@pytest.mark.timeout(900)
def test_the_documented_deployment_runs_a_room_survives_a_worker_stop_and_restores(stack, browser):
    worker_a, worker_b = stack.workers
    on_a, on_b = _route_to(stack, worker_a), _route_to(stack, worker_b)
    _status, headers, _body = fetch(f"{stack.base}/connexion")
    [route_cookie] = [c for c in headers.get_all("Set-Cookie") if c.startswith(f"{ROUTE}=")]
    assert "Secure" in route_cookie and "HttpOnly" in route_cookie

    organiser = _context(browser, stack, on_b, {"width": 1440, "height": 900})
    code, projection_url = _create_workshop(organiser, stack)
    projection = _context(browser, stack, on_a, PROJECTOR)
    projection.goto(projection_url)
    expect(projection.locator(".join-code")).to_have_text(code)
    phones = [_context(browser, stack, route, PHONE) for route in (on_a, on_b, on_b)]
    for n, phone in enumerate(phones):
        join_from_phone(phone, stack.base, code, organisation=f"Structure {n}")
    expect(projection.locator("#view-join .people-count")).to_have_text("3")
    organiser.get_by_role("button", name="Tableau de l'axe").click()
    expect(projection.locator("#view-board")).to_be_visible()

    screens = [(projection, lambda page, text: page.locator(".board-column.levers li", has_text=text))]
    screens += [(phone, lambda page, text: page.locator("article.card", has_text=text))
                for phone in phones]
    before = [f"Avant l'arrêt, téléphone {n}" for n in range(3)]
    for phone, text in zip(phones, before):
        post(phone, text)
    _expect_cards(screens, before)
    assert worker_a.served(f"/j/{code}") and worker_b.served(f"/j/{code}")  # spread

    # `systemctl stop ensemble@B` mid-room: the phones on B post while it goes away.
    worker_b.sigterm()
    during = [f"Pendant l'arrêt, téléphone {n}" for n in range(3)]
    for phone, text in zip(phones, during):
        post(phone, text)
    assert worker_b.process.wait(40) == 0
    _expect_cards(screens, before + during)

    _check_static_headers(stack, phones[0])
    _check_addresses_behind_nginx(stack)
    _status, _headers, body = _api(stack, f"/workshops/{code}/cards", _organiser_token(stack))
    assert sorted(card["text"] for card in json.loads(body)) == sorted(before + during)
    booklet = _booklet(stack, code)
    assert all(fr(text) in booklet for text in before + during)  # French typography: ’

    for page in [organiser, projection, *phones]:
        page.context.close()

    _backup_and_restore(stack)
    # The restored database behind the same units: same booklet.
    worker_a.stop()
    _env_file_point_to(stack, stack.restored)
    restarted = Worker(DEPLOY / "ensemble@.service", stack.unit_paths, worker_a.port, stack.tmp)
    stack.workers.append(restarted)
    _start_workers([restarted])
    _until_nginx_retries(stack)
    assert _booklet(stack, code) == booklet


def _until_nginx_retries(stack, seconds: float = 30) -> None:
    """nginx leaves a worker it saw fail alone for 10 s (fail_timeout), then tries it again."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            fetch(f"{stack.base}/connexion")
            return
        except urllib.error.HTTPError as error:
            if error.code != 502 or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _env_file_point_to(stack, database_url: str) -> None:
    text = stack.env_file.read_text()
    stack.env_file.write_text(re.sub(r"^DATABASE_URL=.*$", f"DATABASE_URL={database_url}", text,
                                     flags=re.M))

"""deploy/'s own files, run on this machine as the server would run them (tests/browser/test_deploy.py).

Each file is read from deploy/ and only its paths, ports and host name are replaced (every
replacement must find its text, so a changed file cannot silently escape the test). The
systemd units' command lines run as systemd would run them, without switching user; nginx
runs with the site file included in a minimal main configuration, as Debian's
nginx.conf includes sites-enabled/. Everything listens on 127.0.0.1 only.
"""
import http.client
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from workshops.cli import read_env_file

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# What the processes get from the test's own environment: nothing of Ensemble's settings.
KEPT = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")


def substitute(text: str, replacements: list[tuple[str, str]]) -> str:
    for old, new in replacements:
        assert old in text, f"deploy file changed: {old!r} not found"
        text = text.replace(old, new)
    return text


def wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"exited with {process.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listens on {port}:\n{log.read_text()}")


class Unit:
    """The [Service] section of a systemd unit file, after the replacements and `%i`."""

    def __init__(self, path: Path, replacements: list[tuple[str, str]], instance: str = ""):
        text = substitute(path.read_text(), replacements).replace("%i", instance)
        text = re.sub(r"\\\n\s*", " ", text)  # continuation lines
        self.settings: dict[str, list[str]] = {}
        section = ""
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith(("#", ";")):
                continue
            if line.startswith("["):
                section = line
            elif section == "[Service]":
                key, _, value = line.partition("=")
                self.settings.setdefault(key, []).append(value)

    def one(self, key: str) -> str:
        [value] = self.settings[key]
        return value

    def commands(self, key: str) -> list[list[str]]:
        """ExecStart-like lines as argv lists (the « + », « - » prefixes dropped)."""
        return [shlex.split(line.lstrip("+-@!:")) for line in self.settings.get(key, [])]

    def environment(self) -> dict:
        env = {name: os.environ[name] for name in KEPT if name in os.environ}
        for path in self.settings.get("EnvironmentFile", []):
            env.update(read_env_file(path))
        for line in self.settings.get("Environment", []):
            key, _, value = line.partition("=")
            env[key] = value
        return env


class Worker:
    """One ensemble@PORT unit: its ExecStartPre, then its ExecStart, in the background."""

    def __init__(self, unit_file: Path, replacements, port: int, logs: Path):
        self.port, self.log = port, logs / f"worker-{port}.log"
        self.unit = Unit(unit_file, replacements, str(port))
        self.process: subprocess.Popen | None = None

    def _run(self, argv) -> subprocess.Popen:
        with open(self.log, "a") as log:
            return subprocess.Popen(argv, env=self.unit.environment(), stdout=log,
                                    stderr=subprocess.STDOUT,
                                    cwd=self.unit.one("WorkingDirectory"))

    def start_pre(self) -> subprocess.Popen:
        [argv] = self.unit.commands("ExecStartPre")
        return self._run(argv)

    def start(self) -> "Worker":
        [argv] = self.unit.commands("ExecStart")
        self.process = self._run(argv)
        wait_for_port(self.port, self.process, self.log)
        return self

    def sigterm(self) -> None:
        """What `systemctl stop` sends; gunicorn finishes gracefully."""
        self.process.send_signal(signal.SIGTERM)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def served(self, marker: str) -> bool:
        """Did this worker's access log see a request carrying `marker`?"""
        return marker in self.log.read_text(errors="replace")


class Nginx:
    """deploy/nginx-ensemble.conf inside a minimal main configuration of this test's own."""

    def __init__(self, site: str, workdir: Path, port: int):
        self.port, self.dir = port, workdir
        (workdir / "temp").mkdir(parents=True)
        (workdir / "ensemble.conf").write_text(site)
        temp = workdir / "temp"
        user = pwd.getpwuid(os.getuid()).pw_name
        (workdir / "nginx.conf").write_text(f"""
user {user};
daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log info;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {workdir}/ensemble.conf;
}}
""")
        self.process: subprocess.Popen | None = None

    def start(self) -> "Nginx":
        log = self.dir / "error.log"
        check = subprocess.run([NGINX, "-t", "-c", str(self.dir / "nginx.conf")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen([NGINX, "-c", str(self.dir / "nginx.conf")],
                                        stderr=subprocess.STDOUT, stdout=open(log, "a"))
        wait_for_port(self.port, self.process, log)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "fullchain.pem", directory / "privkey.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def fetch_from(address: str, url: str, body: dict) -> int:
    """POST JSON from another loopback address (127.0.0.2…), as a second venue would: status."""
    parsed = urllib.parse.urlsplit(url)
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection(parsed.hostname, parsed.port, context=context,
                                             timeout=30, source_address=(address, 0))
    try:
        connection.request("POST", parsed.path, json.dumps(body),
                           {"Content-Type": "application/json"})
        return connection.getresponse().status
    finally:
        connection.close()


def fetch(url: str, headers: dict | None = None, data: bytes | None = None):
    """(status, headers, body) through the self-signed HTTPS, without decoding the body."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    with urllib.request.urlopen(request, context=context, timeout=30) as response:
        return response.status, response.headers, response.read()

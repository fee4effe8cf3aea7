"""`pip install .` in a fresh virtual environment, then `ensemble serve`, as an admin would.

The installed copy must carry everything the site needs (templates, static files,
migrations, formats, translations): the server runs from a folder with no checkout in it.
"""
import io
import os
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

from bench.run import free_port

ROOT = Path(__file__).resolve().parent.parent
NOT_SHIPPED = shutil.ignore_patterns(".git", ".venv", "venv", "instance", "build", "*.egg-info",
                                     "__pycache__", ".pytest_cache", ".hypothesis", "bench",
                                     "tests", "test-artifacts")


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def _wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} never answered:\n{log.read_text()}")


def test_pip_install_in_a_fresh_venv_then_ensemble_serve(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SHIPPED)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run([venv / "bin" / "pip", "install", "-q", "--disable-pip-version-check", "--no-compile",
                    str(source)], check=True)
    shutil.rmtree(source)  # the installed copy alone must be enough

    env = {k: v for k, v in os.environ.items()
           if k not in ("ENSEMBLE_INSTANCE", "DATABASE_URL", "MESSAGE_QUEUE_URL", "ASYNC_MODE",
                        "PYTHONPATH")}
    english = subprocess.run([venv / "bin" / "ensemble", "--help"], capture_output=True, text=True,
                             env=dict(env, LANG="en_US.UTF-8"), check=True).stdout
    assert "serve" in english and "Organiser accounts." in english

    site, port, log = tmp_path / "site", free_port(), tmp_path / "serve.log"
    site.mkdir()
    with open(log, "w") as out:
        server = subprocess.Popen([venv / "bin" / "ensemble", "serve", "--host", "127.0.0.1",
                                   "--port", str(port)], cwd=site, env=env, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/connexion", server, log)
        token = (site / "instance" / "setup_token").read_text().strip()
        status, page = _get(f"{base}/installation/{token}")
        assert status == 200 and "Mot de passe".encode() in page
        assert f"{base}/installation/{token}" in log.read_text()  # the banner
        status, script = _get(f"{base}/static/js/core/live.js")
        assert status == 200 and b"socket" in script
        # AGPL section 13: the installed copy offers its own source, licence included.
        status, source = _get(f"{base}/source")
        with tarfile.open(fileobj=io.BytesIO(source)) as tar:
            names = set(tar.getnames())
        assert status == 200 and "ensemble-source/workshops/_files/LICENSE" in names
        assert "ensemble-source/workshops/runtime/source.py" in names
    finally:
        server.terminate()
        server.wait(20)

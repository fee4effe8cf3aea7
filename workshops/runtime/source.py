"""The running code's source, offered to everyone who uses it (AGPL-3.0 section 13).

`/source` answers a `.tar.gz` of the code this very process runs — the `workshops` and
`exports` packages with their templates, static files and migrations, plus the project
files of a checkout — so a server whose code was changed offers the changed code, and a
room with no internet still gets it. With `SOURCE_URL` set (a public repository of the
exact version deployed), `/source` sends people there instead. Built once per process.
"""
import io
import tarfile
import threading
from pathlib import Path

from flask import Blueprint, Response, current_app, redirect

import exports
from workshops import paths

bp = Blueprint("source", __name__)
ARCHIVE_NAME = "ensemble-source"
# A checkout's project files beside the packages (an installed copy has none of them: its
# templates, static files and migrations are inside the package, workshops/_files/).
PROJECT_FILES = ("app.py", "setup.py", "pyproject.toml", "MANIFEST.in", "LICENSE", "README.md",
                 "requirements.txt", "requirements.lock", "requirements-dev.txt",
                 "requirements-dev.lock", "alembic.ini", "babel.cfg", "templates", "static",
                 "migrations", "deploy", "docs", "scripts")
SKIPPED = {"__pycache__", ".pytest_cache"}
_lock = threading.Lock()
_archive: dict[str, bytes] = {}


@bp.get("/source")
def download():
    if current_app.config.get("SOURCE_URL"):
        return redirect(current_app.config["SOURCE_URL"])
    return Response(archive(), mimetype="application/gzip", headers={
        "Content-Disposition": f'attachment; filename="{ARCHIVE_NAME}.tar.gz"',
        "Cache-Control": "no-cache"})


def archive() -> bytes:
    with _lock:
        if "tar" not in _archive:
            _archive["tar"] = _build()
        return _archive["tar"]


def _build() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=6) as tar:
        for package in (paths.PACKAGE, Path(exports.__file__).resolve().parent):
            tar.add(package, f"{ARCHIVE_NAME}/{package.name}", filter=_keep)
        if not paths.INSTALLED:  # installed, they are inside the package: workshops/_files/
            for name in PROJECT_FILES:
                if (paths.ROOT / name).exists():
                    tar.add(paths.ROOT / name, f"{ARCHIVE_NAME}/{name}", filter=_keep)
    return buffer.getvalue()


def _keep(member: tarfile.TarInfo):
    parts = set(Path(member.name).parts)
    if parts & SKIPPED or member.name.endswith(".pyc"):
        return None
    member.uid = member.gid = 0
    member.uname = member.gname = ""
    return member

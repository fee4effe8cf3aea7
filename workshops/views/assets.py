"""Static files under versioned URLs, kept a year by browsers and proxies.

Every `url_for("static", filename=…)` gets `?v=<hash of the file's content>`; a request that
names the file's current version is answered `Cache-Control: public, max-age=31536000,
immutable` (nginx does the same for `?v=`, deploy/nginx-ensemble.conf), any other is
revalidated. A reload then sends only the page and the snapshot.

ES modules import each other by relative paths, which carry no version: an import map,
the same on every page (base.html), maps each module's plain URL to its versioned one. It
is inline, so the CSP allows it by its hash.

A page names its entry with `module_script("js/phone/main.js")`: beside the `<script
type="module">` come `<link rel="modulepreload">` for every module the entry imports, however
deep (read from the `import … from "./…"` lines), so a phone asks for them all at once
instead of one level of imports per round trip.
"""
import base64
import hashlib
import json
import os
import posixpath
import re
from functools import lru_cache
from pathlib import Path

from flask import current_app, request, url_for
from markupsafe import Markup

YEAR = "public, max-age=31536000, immutable"


@lru_cache(maxsize=512)
def _digest(path: str, mtime: float) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def version(filename: str) -> str | None:
    path = os.path.join(current_app.static_folder, filename)
    try:
        return _digest(path, os.stat(path).st_mtime)
    except OSError:
        return None


def import_map() -> Markup:
    """The JSON of the page's import map: each module under static/js, plain → versioned."""
    root = Path(current_app.static_folder)
    prefix = f"{request.script_root}{current_app.static_url_path}/"
    imports = {}
    for path in sorted((root / "js").rglob("*.js")):
        name = path.relative_to(root).as_posix()
        imports[prefix + name] = f"{prefix}{name}?v={version(name)}"
    return Markup(json.dumps({"imports": imports}, separators=(",", ":")))


IMPORT = re.compile(r"""^\s*(?:import|export)\b[^"']*?(?:from\s*)?["'](\.{1,2}/[^"']+)["']""", re.M)


@lru_cache(maxsize=512)
def _imports(path: str, mtime: float) -> tuple[str, ...]:
    return tuple(IMPORT.findall(Path(path).read_text(encoding="utf-8")))


def module_graph(entry: str) -> list[str]:
    """Every module under static/ that `entry` ("js/phone/main.js") imports, however deep,
    in the order found."""
    root = current_app.static_folder
    found, todo = [], [entry]
    while todo:
        name = todo.pop(0)
        path = os.path.join(root, name)
        try:
            imported = _imports(path, os.stat(path).st_mtime)
        except OSError:
            continue
        for relative in imported:
            other = posixpath.normpath(posixpath.join(posixpath.dirname(name), relative))
            if other != entry and other not in found:
                found.append(other)
                todo.append(other)
    return found


def module_script(entry: str) -> Markup:
    """The page's entry module and a modulepreload link for each module of its graph."""
    links = "".join(f'<link rel="modulepreload" href="{url_for("static", filename=name)}">'
                    for name in module_graph(entry))
    return Markup(f'{links}<script type="module" src="{url_for("static", filename=entry)}"></script>')


def import_map_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def register(app, csp: str):
    @app.url_defaults
    def add_version(endpoint, values):
        if endpoint == "static" and "v" not in values:
            values["v"] = version(values.get("filename", ""))

    @app.context_processor
    def page_import_map():
        return {"import_map": import_map, "module_script": module_script}

    @app.after_request
    def cache_and_csp(response):
        if request.endpoint == "static":
            current = request.args.get("v") and request.args.get("v") == version(request.view_args["filename"])
            response.headers["Cache-Control"] = YEAR if current else "no-cache"
        elif response.mimetype == "text/html" and response.headers.get("Content-Security-Policy", csp) == csp:
            allowed = import_map_hash(str(import_map()))
            response.headers["Content-Security-Policy"] = csp.replace("script-src 'self'", f"script-src 'self' {allowed}")
        return response

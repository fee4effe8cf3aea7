"""The licence of every runtime dependency, read from its installed metadata.

    .venv/bin/python scripts/licences.py          # rewrites docs/licences.md
    .venv/bin/python scripts/licences.py --check  # exits 1 on an unknown or incompatible one

Ensemble is AGPL-3.0-or-later (LICENSE). The packages are those of requirements.lock; each
licence is taken from the package's `License-Expression`, else its `License` field when it
is an identifier, else its trove classifiers; OVERRIDES corrects metadata that says less
than the package's own licence file (each with the reason). tests/test_licences.py fails
when a dependency's licence is unknown or cannot be combined with the AGPL.
"""
import argparse
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
DOC = ROOT / "docs" / "licences.md"

# Licences whose code may be combined with, and distributed under, the AGPL-3.0-or-later
# (permissive ones, weak copyleft ones that allow it, and GPL-2.0-or-later through its
# « or later »).
COMPATIBLE = {
    "MIT", "MIT-0", "MIT-CMU", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Apache-2.0",
    "PSF-2.0", "ZPL-2.1", "MPL-2.0", "LGPL-2.1-or-later", "LGPL-3.0-only",
    "LGPL-3.0-or-later", "GPL-2.0-or-later", "GPL-3.0-or-later", "AGPL-3.0-or-later",
}
CLASSIFIERS = {
    "MIT License": "MIT", "BSD License": "BSD-3-Clause", "Apache Software License": "Apache-2.0",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0", "ISC License (ISCL)": "ISC",
    "Python Software Foundation License": "PSF-2.0", "Zope Public License": "ZPL-2.1",
}
LICENSE_FIELD = {"MIT": "MIT", "BSD-3-Clause": "BSD-3-Clause", "Apache-2.0": "Apache-2.0",
                 "LGPL-3.0-or-later": "LGPL-3.0-or-later"}
# name → (SPDX expression, why the metadata is not taken as it is)
OVERRIDES = {
    "flask-wtf": ("BSD-3-Clause", "License field holds a copyright line; LICENSE.txt is BSD-3-Clause"),
    "wtforms": ("BSD-3-Clause", "License field holds a copyright line; LICENSE.txt is BSD-3-Clause"),
    "qrcode": ("BSD-3-Clause AND MIT", "an « Other/Proprietary » classifier beside « BSD »; its "
               "LICENSE is BSD-3-Clause, with the MIT notice of the code it was forked from"),
    "pyphen": ("GPL-2.0-or-later OR LGPL-2.1-or-later OR MPL-1.1",
               "three classifiers: the author offers a choice of the three"),
}


def locked_packages(lock: Path = LOCK) -> list[tuple[str, str]]:
    """(name, version) of every package pinned in the lock file."""
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\]+)", lock.read_text(), re.M)
    return [(name.lower(), version) for name, version in pins]


def licence_of(name: str) -> tuple[str, str]:
    """(SPDX expression or '', where it was read) from the installed package's metadata."""
    if name in OVERRIDES:
        return OVERRIDES[name][0], f"corrected: {OVERRIDES[name][1]}"
    meta = metadata.metadata(name)
    if meta.get("License-Expression"):
        return meta["License-Expression"], "License-Expression"
    field = (meta.get("License") or "").strip()
    if field in LICENSE_FIELD:
        return LICENSE_FIELD[field], "License"
    found = [CLASSIFIERS[c.split(" :: ")[-1]] for c in meta.get_all("Classifier") or []
             if c.startswith("License ::") and c.split(" :: ")[-1] in CLASSIFIERS]
    if len(set(found)) == 1:
        return found[0], "classifier"
    return "", "unknown"


def compatible(expression: str) -> bool:
    """An « A OR B » needs one compatible choice; an « A AND B » needs all of them."""
    if not expression:
        return False
    return any(all(term.strip("() ") in COMPATIBLE for term in choice.split(" AND "))
               for choice in expression.split(" OR "))


def rows() -> list[tuple[str, str, str, str, bool]]:
    result = []
    for name, version in locked_packages():
        expression, source = licence_of(name)
        result.append((name, version, expression or "?", source, compatible(expression)))
    return result


def document(table) -> str:
    lines = [
        "# Licences of the dependencies",
        "",
        "Ensemble is free software under the **GNU Affero General Public License, version 3 or",
        "later** (`LICENSE`). Every package it runs with (`requirements.lock`, indirect ones",
        "included) is listed here with its licence, read from the installed package's metadata",
        "by `scripts/licences.py` (which rewrites this page); `tests/test_licences.py` fails",
        "when one is unknown or cannot be combined with the AGPL, or when this page is out of",
        "date. All of them are permissive (MIT, BSD, Apache-2.0, PSF, ZPL, MIT-CMU) or weak",
        "copyleft that allows it (MPL-2.0, LGPL-3.0 for psycopg); pyphen is offered under a",
        "choice of three, of which GPL-2.0-or-later and LGPL-2.1-or-later both fit.",
        "",
        "Front-end files in `static/vendor/` carry their own licence files beside them.",
        "The « BSD License » classifier is read as BSD-3-Clause: the licence files of the",
        "packages that give only that classifier (cssselect2, itsdangerous, jinja2, pydyf,",
        "tinycss2, weasyprint, webencodings) are the three-clause text.",
        "",
        "## The locks",
        "",
        "`requirements.txt` pins the direct dependencies; `requirements.lock` (what `deploy/`",
        "installs) and `requirements-dev.lock` (what `scripts/test.sh` and CI install) add every",
        "indirect one, each with its SHA-256 hashes (`pip install --require-hashes -r …`).",
        "After a change to `requirements.txt` or `requirements-dev.txt`, in any virtual",
        "environment with `pip install pip-tools==7.6.2`:",
        "",
        "```sh",
        "pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \\",
        "    --no-emit-find-links --output-file=requirements.lock requirements.txt",
        "pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \\",
        "    --no-emit-find-links --output-file=requirements-dev.lock requirements-dev.txt",
        ".venv/bin/python scripts/licences.py",
        "```",
        "",
        "`tests/test_licences.py` fails when the locks and the requirements disagree.",
        "",
        "## The dependencies",
        "",
        "| package | version | licence (SPDX) | read from | compatible |",
        "|---|---|---|---|---|",
    ]
    for name, version, expression, source, ok in table:
        lines.append(f"| {name} | {version} | {expression} | {source} | {'yes' if ok else '**no**'} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, write nothing")
    args = parser.parse_args()
    table = rows()
    bad = [f"{name} {version}: {expression} ({source})"
           for name, version, expression, source, ok in table if not ok]
    if not args.check:
        DOC.write_text(document(table))
    for line in bad:
        print(f"not known to be compatible with the AGPL: {line}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

"""The lock file matches requirements.txt, and every dependency's licence fits the AGPL."""
import re
import subprocess
import sys
from pathlib import Path

from scripts import licences

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#\\]+)", re.M)
REGENERATE = ("regenerate the locks (docs/licences.md says how): pip-compile --generate-hashes "
              "--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links "
              "--output-file=requirements.lock requirements.txt")


def _pins(path: Path) -> dict[str, str]:
    return {re.sub(r"[-_.]+", "-", name).lower(): version
            for name, version in PIN.findall(path.read_text())}


def test_the_lock_pins_what_requirements_txt_pins():
    wanted, locked = _pins(ROOT / "requirements.txt"), _pins(ROOT / "requirements.lock")
    differ = {name: (version, locked.get(name)) for name, version in wanted.items()
              if locked.get(name) != version}
    assert differ == {}, REGENERATE


def test_the_ci_lock_has_the_same_versions_as_the_deploy_lock():
    runtime, dev = _pins(ROOT / "requirements.lock"), _pins(ROOT / "requirements-dev.lock")
    wanted = _pins(ROOT / "requirements-dev.txt")
    assert {n: (v, dev.get(n)) for n, v in {**runtime, **wanted}.items() if dev.get(n) != v} == {}, \
        REGENERATE.replace("requirements.lock requirements.txt",
                           "requirements-dev.lock requirements-dev.txt")


def test_every_locked_package_has_hashes():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        entries = re.findall(r"^[A-Za-z0-9][^\n]*==.*(?:\n[ #].*)*", (ROOT / lock).read_text(),
                             re.M)
        assert entries and all("--hash=sha256:" in entry for entry in entries), lock


def test_licences_are_known_and_compatible_and_the_page_is_up_to_date():
    table = licences.rows()
    assert [row for row in table if not row[4]] == []
    assert {name for name, *_ in table} == set(_pins(ROOT / "requirements.lock"))
    assert (ROOT / "docs" / "licences.md").read_text() == licences.document(table), \
        "docs/licences.md is out of date: run scripts/licences.py"


def test_an_incompatible_or_unknown_licence_is_refused():
    assert not licences.compatible("GPL-2.0-only")
    assert not licences.compatible("SSPL-1.0")
    assert not licences.compatible("")
    assert not licences.compatible("MIT AND Proprietary")
    assert licences.compatible("GPL-2.0-only OR MIT")
    assert licences.compatible("MIT AND PSF-2.0")


def test_the_check_command_passes():
    result = subprocess.run([sys.executable, "scripts/licences.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

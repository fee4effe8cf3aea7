"""`exports/` renders plain data: no module of it reads or writes the database, nor reaches
into the application's services (which import `exports`, never the other way round)."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted((ROOT / "exports").rglob("*.py"))
FORBIDDEN = ("workshops.models", "workshops.db", "workshops.services", "workshops.extensions",
             "sqlalchemy")


def imported_names(path: Path) -> list[tuple[str, int]]:
    """Every module an import statement of the file names (`from a import b` gives a and a.b)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def touches_the_database(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_renderers_never_import_the_database_or_services(path):
    bad = [f"{path.name}:{line} imports {name}" for name, line in imported_names(path)
           if touches_the_database(name)]
    assert bad == []


def test_the_check_sees_what_it_forbids(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from workshops import models\nimport sqlalchemy.orm\n"
                      "def late():\n    from workshops.services.exports import produce\n")
    assert [name for name, _ in imported_names(sample) if touches_the_database(name)] == [
        "workshops.models", "sqlalchemy.orm", "workshops.services.exports",
        "workshops.services.exports.produce"]


def test_the_renderer_process_loads_no_web_framework_nor_database():
    """The export child imports `exports.worker` at the server's start; loading Flask,
    SQLAlchemy and Socket.IO there (through `workshops/__init__.py`) cost the first export
    after a start about 1.5 s of CPU."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, exports.worker; print(' '.join(sorted(sys.modules)))"],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert [name for name in ("flask", "flask_socketio", "sqlalchemy", "alembic") if name in loaded] == []

"""The code reads top-down: the service domains import only the layers below them, no module
of `workshops/` is part of an import loop, and no import hides in a function to dodge one.

The layers are drawn in docs/architecture.md; a new domain must be placed in LAYERS.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "workshops"
PACKAGES = ("workshops", "exports")  # the loop check sees both: they import each other

# workshops.services.<name> → its layer, bottom first. A domain may import its own package
# and the layers below it, never a layer above it.
LAYERS = (
    ("base",),
    ("room",),
    ("board",),
    ("activities",),
    ("groups",),
    ("agenda",),
    ("snapshot",),
    ("archive", "booklet", "curation", "curation_screen", "duplicates", "exports", "identity",
     "readiness", "retention"),
)
# Besides each other, services may import only these parts of `workshops` (no Flask, no
# HTTP or Socket.IO layer, no screens).
SERVICES_MAY_IMPORT = ("workshops.db", "workshops.models", "workshops.formats",
                       "workshops.vocabulary")
# No import inside a function anywhere: the factory registers the instance's commands
# (commands.py), and only the `ensemble` command (cli.py) imports the factory.
LATE_IMPORTS_ALLOWED: set[str] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


def import_nodes(tree: ast.AST, top_level_only: bool):
    """The import statements of a module; with `top_level_only`, those run when it is imported
    (not those inside functions)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif not (top_level_only and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))):
            yield from import_nodes(node, top_level_only)


def imported(path: Path, top_level_only: bool) -> list[tuple[str, int]]:
    """(module of `workshops`, line) for each import in the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in import_nodes(ast.parse(path.read_text(encoding="utf-8")), top_level_only):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
            continue
        base = node.module or ""
        if node.level:  # relative: from the package, one level up per extra dot
            parts = package.split(".")[:len(package.split(".")) - node.level + 1]
            base = ".".join(parts + ([base] if base else []))
        for alias in node.names:
            child = f"{base}.{alias.name}"
            found.append((child if child in MODULES else base, node.lineno))
    return [(target, line) for target, line in found if target.split(".")[0] in PACKAGES]


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[:2] != ["workshops", "services"] or len(parts) < 3:
        return None
    for index, names in enumerate(LAYERS):
        if parts[2] in names:
            return index
    raise AssertionError(f"{module} is in no layer: place it in LAYERS (tests/test_layers.py) "
                         "and in docs/architecture.md")


SERVICES = [m for m in MODULES if m.startswith("workshops.services.")]
WORKSHOPS = {m: p for m, p in MODULES.items() if m.split(".")[0] == "workshops"}


@pytest.mark.parametrize("module", SERVICES)
def test_services_import_only_the_layers_below(module):
    mine = layer_of(module)
    for target, line in imported(MODULES[module], top_level_only=False):
        if target.startswith("workshops.services"):
            theirs = layer_of(target)
            assert theirs is None or theirs <= mine, \
                f"{module}:{line} imports {target}, a layer above it ({LAYERS[theirs]})"
        elif target.startswith("workshops"):
            assert target.startswith(SERVICES_MAY_IMPORT), \
                f"{module}:{line} imports {target}: services stay plain Python"


def test_services_do_not_import_flask():
    for module in SERVICES:
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] in ("flask", "flask_socketio") for n in names), module


def late_imports(path: Path) -> list[int]:
    """Lines of the imports that run inside a function: statements, `importlib.import_module`
    and `__import__` calls alike (a late import by another name still hides a loop)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for sub in ast.walk(node):
                call = sub.func if isinstance(sub, ast.Call) else None
                name = call.attr if isinstance(call, ast.Attribute) else \
                    call.id if isinstance(call, ast.Name) else ""
                if isinstance(sub, (ast.Import, ast.ImportFrom)) or \
                        name in ("import_module", "__import__"):
                    found.append(sub.lineno)
    return found


def test_no_import_inside_a_function():
    late = [f"{path.relative_to(ROOT).as_posix()}:{line}" for path in WORKSHOPS.values()
            if path.relative_to(ROOT).as_posix() not in LATE_IMPORTS_ALLOWED
            for line in late_imports(path)]
    assert late == [], f"imports inside functions (move them to the top, or the code to " \
                       f"where it belongs): {late}"


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_loop_in_workshops_and_exports():
    graph = {module: {target for target, _line in imported(path, top_level_only=True)
                      if target in MODULES and target != module}
             for module, path in MODULES.items()}
    assert loops(graph) == []


def test_the_check_finds_a_loop_a_backward_import_and_a_late_import(tmp_path):
    assert loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    sample = tmp_path / "sample.py"
    sample.write_text("import os\ndef f():\n    import json\n"
                      "def g():\n    return importlib.import_module('json')\n")
    assert late_imports(sample) == [3, 5]
    assert layer_of("workshops.services.room.workshops") < layer_of("workshops.services.agenda.timer")

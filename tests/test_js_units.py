"""The screens' JavaScript unit tests (tests/js, Node's built-in test runner), run with the suite.

A missing Node.js is a failure, not a skip: scripts/test.sh installs Debian's nodejs.
"""
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_client_stores_and_renderer_pass_their_node_tests():
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is missing: install Debian's nodejs (scripts/test.sh does)"
    tests = sorted(str(p) for p in (ROOT / "tests" / "js").glob("*.test.js"))
    assert tests, "no JS test found in tests/js"
    result = subprocess.run([node, "--test", *tests], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout

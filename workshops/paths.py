"""Where Ensemble's own files are: the checkout it runs from, or the copy an install made.

In a checkout (`python app.py`) templates/, static/, migrations/ and alembic.ini sit beside
the `workshops` package. `pip install .` copies them into the package, as
`workshops/_files/` (setup.py), since nothing may be written beside a package in
site-packages.
"""
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
INSTALLED = (PACKAGE / "_files").is_dir()
ROOT = PACKAGE / "_files" if INSTALLED else PACKAGE.parent


def default_instance() -> Path:
    """The checkout's instance/ folder; for an installed package, ./instance where it runs."""
    return Path.cwd() / "instance" if INSTALLED else ROOT / "instance"

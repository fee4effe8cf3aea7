"""One build step pyproject.toml cannot say: the site's files go inside the package.

templates/, static/, migrations/ and alembic.ini live beside the `workshops` package in a
checkout; an installed copy gets them as `workshops/_files/` (found by workshops/paths.py).
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SITE_FILES = ("templates", "static", "migrations", "alembic.ini", "LICENSE")


class BuildWithSiteFiles(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "workshops" / "_files"
        target.mkdir(parents=True, exist_ok=True)
        for name in SITE_FILES:
            source = Path(name)
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildWithSiteFiles})

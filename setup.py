"""Build hook: ship resources/ and locales/ (with catalogs compiled) inside the app package of a wheel.

In a checkout they stay at the top level (the user's layout); app.paths finds either place.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithData(build_py):
    def run(self):
        super().run()
        root = Path(__file__).resolve().parent
        for name in ("resources", "locales"):
            target = Path(self.build_lib) / "app" / f"_{name}"
            shutil.copytree(root / name, target, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        from babel.messages.frontend import CommandLineInterface

        CommandLineInterface().run(["pybabel", "-q", "compile", "-D", "baijia",
                                    "-d", str(Path(self.build_lib) / "app" / "_locales")])


setup(cmdclass={"build_py": BuildWithData})

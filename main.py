"""Baijia's composition root: `python main.py` and the `baijia` command do the same thing.

With no command it opens the GUI; with a command it runs the CLI (see `baijia --help`).
Only this module and ui/ may import Qt; app/ never does.
"""

from __future__ import annotations

import sys


def _open_gui(args) -> int:
    from ui.application import run_gui

    return run_gui(db=args.db, lang=args.lang)


def _qt_checks() -> list:
    from ui.diagnostics import qt_checks

    return qt_checks()


def main(argv: list[str] | None = None) -> int:
    from app.cli.main import run

    return run(argv, open_gui=_open_gui, extra_doctor=_qt_checks)


if __name__ == "__main__":
    sys.exit(main())


def cli() -> None:
    """Console-script entry point (pyproject: baijia = "main:cli")."""
    sys.exit(main())

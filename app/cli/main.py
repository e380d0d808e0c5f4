"""`baijia [--db PATH|URL] [--lang zh|ug|en] COMMAND`: parse, dispatch, turn errors into one line.

Exit codes: 0 success, 1 a clear one-line error in the chosen language, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from app import __version__
from app.cli import (commands_db, commands_doctor, commands_handbook, commands_residents, commands_text,
                     commands_work)
from app.cli.argparse_text import route_argparse_through_catalog
from app.cli.errors import known_errors
from app.cli.output import setup_streams
from app.i18n import LANGUAGES, _, normalize_language, set_language, system_language

COMMAND_MODULES = (commands_db, commands_doctor, commands_text, commands_handbook, commands_work, commands_residents)


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit 2, one line, in the chosen language
        self.exit(2, _("baijia: usage error: {message} (see baijia --help)").format(message=message) + "\n")


def _language_from_argv(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return normalize_language(argv[i + 1]) or system_language()
        if arg.startswith("--lang="):
            return normalize_language(arg.split("=", 1)[1]) or system_language()
    return system_language()


def build_parser() -> Parser:
    parser = Parser(prog="baijia", description=_("Baijia community office: handbook, residents, visits, demands."))
    parser.add_argument("--version", action="version", version=f"baijia {__version__}")
    parser.add_argument("--db", metavar="PATH|URL",
                        help=_("SQLite file or postgresql:// address (default: BAIJIA_DB, else the data folder)"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages and documents"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def run(argv: Sequence[str] | None = None, open_gui: Callable[[argparse.Namespace], int] | None = None,
        extra_doctor: Callable[[], list] | None = None) -> int:
    setup_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from_argv(argv))
    route_argparse_through_catalog()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0)
    args.extra_doctor = extra_doctor
    if args.command is None:
        if open_gui is None:
            parser.print_help()
            return 2
        return open_gui(args)
    try:
        return int(args.handler(args) or 0)
    except known_errors() as exc:
        one_line = " ".join(str(exc).split())
        print(_("baijia: {error}").format(error=one_line), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("baijia: interrupted"), file=sys.stderr)
        return 1
    finally:
        from app.db.database import close_database

        close_database()


def main() -> None:  # console entry for a GUI-less install
    sys.exit(run())

"""argparse's own texts (usage, --help headings, usage errors) through Baijia's catalog, so they follow --lang.

argparse looks its module-level ``_`` up at call time; pointing it at ``app.i18n._`` is all it takes. The
msgids below are argparse's (Python 3.10–3.13), listed here so that Babel extracts them.
"""

from __future__ import annotations

import argparse

from app.i18n import N_, _

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
)


def route_argparse_through_catalog() -> None:
    argparse._ = _

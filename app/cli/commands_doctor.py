"""`baijia doctor`: report what this PC has and what to install."""

from __future__ import annotations

from app.cli.output import say
from app.i18n import _


def register(sub) -> None:
    p = sub.add_parser("doctor", help=_("check fonts, database, languages and Qt on this PC"))
    p.set_defaults(handler=cmd_doctor)


def cmd_doctor(args) -> int:
    from app.services import doctor

    extra = args.extra_doctor() if args.extra_doctor else []
    checks = doctor.run(args.db, extra)
    for check in checks:
        mark = "OK " if check.ok else "!! "
        say(f"{mark}{check.topic}: {check.detail}")
        if check.advice:
            say("    → " + check.advice)
    failed = [c for c in checks if not c.ok]
    say(_("All checks passed.") if not failed else
        _("{n} problem(s) found; see the lines marked !!").format(n=len(failed)))
    return 0 if not failed else 1

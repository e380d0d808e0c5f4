"""Visits and demands on the command line, for automation and checks — the same services (and numbers) as the
GUI: `baijia visits coverage --days N [--grid CODE] [--list]`, `baijia demands list --status open|overdue|…`.

Personal data stays masked: names as 张* / ئ***, phones as 138****1234; addresses are what a walking list needs.
"""

from __future__ import annotations

from app.cli.errors import CliError
from app.cli.output import say, table
from app.i18n import _, ngettext
from app.services import setup
from app.services.actor import console_actor


def register(sub) -> None:
    p = sub.add_parser("visits", help=_("door-to-door visits"))
    visits_sub = p.add_subparsers(dest="visits_command", metavar="ACTION", required=True, parser_class=type(p))
    cov = visits_sub.add_parser("coverage", help=_("households visited within N days, per grid"))
    cov.add_argument("--days", type=int, default=None, metavar="N",
                     help=_("the window in days (default: the office setting, 90)"))
    cov.add_argument("--grid", default=None, metavar="CODE", help=_("one grid only"))
    cov.add_argument("--list", action="store_true",
                     help=_("also list the households not visited, in walking order"))
    cov.add_argument("--limit", type=int, default=500, metavar="N", help=_("at most N households in the list"))
    cov.set_defaults(handler=cmd_coverage)

    p = sub.add_parser("demands", help=_("residents' demands"))
    demands_sub = p.add_subparsers(dest="demands_command", metavar="ACTION", required=True, parser_class=type(p))
    lst = demands_sub.add_parser("list", help=_("list demands: open, overdue, due soon, or one status"))
    lst.add_argument("--status", default="open", metavar="STATUS",
                     help=_("open | overdue | due_soon | all | accepted | in_progress | answered | follow_up | "
                            "closed | referred | declined"))
    lst.add_argument("--grid", default=None, metavar="CODE", help=_("one grid only"))
    lst.add_argument("--limit", type=int, default=200, metavar="N")
    lst.set_defaults(handler=cmd_demands)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def cmd_coverage(args) -> int:
    from app.services import coverage
    from app.services.work_common import WorkNotFound, mask_name

    if args.days is not None and not 1 <= args.days <= 3650:
        raise CliError(_("--days must be between 1 and 3650."))
    setup.open_and_migrate(args.db)
    actor = console_actor()
    try:
        report = coverage.coverage(actor, args.days, grid_code=args.grid, workers=False)
    except WorkNotFound as exc:
        raise CliError(str(exc)) from None
    say(_("Households visited within {days} days (since {since}), as of {on}.").format(
        days=report.days, since=report.since.isoformat(), on=report.on.isoformat()))
    rows = [[_("Grid"), _("Name"), _("Households"), _("Visited"), _("Not visited"), _("Coverage")]]
    for g in report.grids:
        rows.append([g.code, g.name, str(g.households), str(g.visited), str(g.not_visited), _percent(g.percent)])
    t = report.total
    rows.append([_("Total"), "", str(t.households), str(t.visited), str(t.not_visited), _percent(t.percent)])
    say(table(rows))
    if args.list:
        page = coverage.unvisited(actor, report.days, grid_code=args.grid, on=report.on, limit=max(1, args.limit))
        say()
        say(_("Not visited within {days} days, in walking order:").format(days=report.days))
        lines = [[_("Grid"), _("Address"), _("Head of household"), _("Last visit")]]
        for h in page.rows:
            lines.append([h.grid_code, h.address, mask_name(h.head_name) or "—",
                          h.last_visited_on.isoformat() if h.last_visited_on else _("never")])
        say(table(lines))
        if page.total > len(page.rows):
            say(ngettext("… and {n} more household", "… and {n} more households",
                         page.total - len(page.rows)).format(n=page.total - len(page.rows)))
    return 0


def cmd_demands(args) -> int:
    from app.services import demands_list
    from app.services.work_common import WorkNotFound, WorkValidationError, mask_name

    if args.status not in demands_list.FILTERS:
        raise CliError(_("Unknown status {value}; choose one of {choices}.").format(
            value=args.status, choices=", ".join(demands_list.FILTERS)))
    setup.open_and_migrate(args.db)
    try:
        page = demands_list.list_demands(console_actor(), args.status, limit=max(1, args.limit),
                                         grid_code=args.grid)
    except (WorkNotFound, WorkValidationError) as exc:
        raise CliError(str(exc)) from None
    rows = [[_("Code"), _("Accepted"), _("Deadline"), _("Status"), _("Category"), _("Resident"), _("Phone")]]
    estimated = False
    for d in page.rows:
        deadline = d.deadline.isoformat() if d.deadline else "—"
        if d.deadline and d.deadline_estimated:
            deadline += "*"
            estimated = True
        rows.append([d.code, d.accepted_on.isoformat(), deadline, d.status_label, d.category_name or "—",
                     mask_name(d.resident_name) or "—", d.phone_masked or "—"])
    if page.rows:
        say(table(rows))
    if estimated:
        say(_("* estimated: no holiday schedule is known for that time, weekends only."))
    shown = len(page.rows)
    say(ngettext("{n} demand", "{n} demands", page.total).format(n=page.total)
        + ("" if shown == page.total else " " + _("(showing {shown})").format(shown=shown)))
    return 0

"""Database commands: init, demo, search, user add."""

from __future__ import annotations

import time

from app.cli.errors import CliError
from app.cli.output import say, table
from app.i18n import _, ngettext
from app.services import setup
from app.services.actor import console_actor


def register(sub) -> None:
    p = sub.add_parser("init", help=_("create or upgrade the database (safe to repeat)"))
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help=_("fill an empty database with realistic demo data"))
    p.add_argument("--households", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("search", help=_("find residents by name (any script), pinyin, ID or phone fragment"))
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("user", help=_("manage user accounts"))
    user_sub = p.add_subparsers(dest="user_command", metavar="ACTION", required=True, parser_class=type(p))
    add = user_sub.add_parser("add", help=_("add a user account"))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=("admin", "worker", "front_desk", "viewer"))
    add.add_argument("--display-name", default="")
    add.add_argument("--password", default=None, help=_("asked for when not given"))
    add.set_defaults(handler=cmd_user_add)


def cmd_init(args) -> int:
    result = setup.open_and_migrate(args.db)
    if result.migrations_applied:
        say(_("Database {where}: schema {before} → {after}.").format(
            where=result.target.location, before=result.schema_before, after=result.schema_after))
    else:
        say(_("Database {where} is up to date (schema {version}).").format(
            where=result.target.location, version=result.schema_after))
    book = result.handbook
    if book.changed or book.conflicts:
        say(_("Handbook {version}: {added} added, {updated} updated, {retired} retired.").format(
            version=book.version, added=len(book.added), updated=len(book.updated), retired=len(book.retired)))
    if book.conflicts:
        say(_("Handbook items edited by this office and changed in the new version (kept as edited, "
              "review them on the Handbook page): {codes}").format(codes=", ".join(book.conflicts)))
    return 0


def cmd_demo(args) -> int:
    from app.services import demo

    if args.households < 1 or args.households > 100_000:
        raise CliError(_("--households must be between 1 and 100000."))
    setup.open_and_migrate(args.db)
    if not setup.is_empty():
        raise CliError(_("Demo data goes only into an empty database; this one already has data."))
    started = time.perf_counter()
    result = demo.generate(households=args.households, seed=args.seed)
    say(_("Demo data: {communities} communities, {households} households, {residents} residents, "
          "{visits} visits, {demands} demands in {seconds:.1f} s.").format(
        communities=result.communities, households=result.households, residents=result.residents,
        visits=result.visits, demands=result.demands, seconds=time.perf_counter() - started))
    say(_("Log in as {user} with password {password}.").format(user=result.admin_username,
                                                               password=result.admin_password))
    return 0


def cmd_search(args) -> int:
    from app.formats import format_date
    from app.services import residents_search

    setup.open_and_migrate(args.db)
    hits = residents_search.search(console_actor(), args.text, limit=args.limit)
    if not hits:
        say(_("No resident matches {text}.").format(text=args.text))
        return 0
    rows = [[h.name_zh, h.name_ug, h.id_number_masked, h.phone_masked, format_date(h.birth_date), h.address]
            for h in hits]
    say(table(rows))
    say(ngettext("{n} resident", "{n} residents", len(hits)).format(n=len(hits)))
    return 0


def cmd_user_add(args) -> int:
    import getpass

    from app.services import users

    setup.open_and_migrate(args.db)
    password = args.password
    if password is None:
        password = getpass.getpass(_("Password for {name}: ").format(name=args.name))
    info = users.add_user(console_actor(), args.name, args.display_name, args.role, password)
    say(_("User {name} added ({role}).").format(name=info.username, role=info.role))
    return 0

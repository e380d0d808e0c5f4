"""Handbook commands: `baijia handbook list` (one line per item: code, category, title)."""

from __future__ import annotations

from app.cli.output import say, table
from app.i18n import _, current_language, ngettext
from app.services import setup


def register(sub) -> None:
    p = sub.add_parser("handbook", help=_("the service handbook"))
    handbook_sub = p.add_subparsers(dest="handbook_command", metavar="ACTION", required=True, parser_class=type(p))
    lst = handbook_sub.add_parser("list", help=_("list the handbook's items: code, category, title"))
    lst.add_argument("--all", action="store_true", help=_("include retired items"))
    lst.set_defaults(handler=cmd_list)


def cmd_list(args) -> int:
    from app.services import handbook

    setup.open_and_migrate(args.db)
    lang = current_language()
    names = {cat.code: cat.names.get(lang) for centre in handbook.tree() for cat in centre.categories}
    rows, categories = [], set()
    for item in handbook.summaries():  # booklet order: category order, then code
        if item.retired and not args.all:
            continue
        title = item.title(lang)
        if item.retired:
            title = _("{title} (retired)").format(title=title)
        rows.append([item.code, names[item.category], title])
        categories.add(item.category)
    if rows:
        say(table(rows))
    shown = len(rows)
    items_text = ngettext("{n} item", "{n} items", shown).format(n=shown)
    categories_text = ngettext("{n} category", "{n} categories", len(categories)).format(n=len(categories))
    say(_("{items} in {categories}").format(items=items_text, categories=categories_text))
    return 0

"""Handbook commands: `baijia handbook list` (one line per item: code, category, title) and
`baijia handbook pdf --lang zh|ug|bi --out FILE.pdf [--format a4|a5]` (the printed booklet)."""

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
    pdf = handbook_sub.add_parser("pdf", help=_("write the handbook booklet as a PDF"))
    pdf.add_argument("--lang", dest="booklet_lang", choices=("zh", "ug", "bi"), required=True,
                     help=_("the booklet's language: zh, ug, or bi (both)"))
    pdf.add_argument("--out", required=True, metavar="FILE.pdf", help=_("the PDF file to write"))
    pdf.add_argument("--format", dest="page_format", choices=("a4", "a5"), default="a4",
                     help=_("page size (default a4)"))
    pdf.set_defaults(handler=cmd_pdf)


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


def cmd_pdf(args) -> int:
    from pathlib import Path

    from app.cli.errors import CliError
    from app.reports.fonts import FontsUnavailable
    from app.reports.handbook_booklet import build_booklet
    from app.services.actor import console_actor

    setup.open_and_migrate(args.db)
    out = Path(args.out)
    if not out.parent.is_dir():
        raise CliError(_("Folder {folder} does not exist.").format(folder=out.parent))
    try:
        info = build_booklet(console_actor(), out, args.booklet_lang, args.page_format)
    except FontsUnavailable as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(_("Cannot write {file}: {error}").format(file=out, error=exc.strerror or exc)) from exc
    say(_("{file}: {pages} pages, {items} items in {categories} categories ({seconds:.1f} s)").format(
        file=out, pages=info.pages, items=info.items, categories=info.categories, seconds=info.seconds))
    return 0

"""Residents from and to spreadsheets: `import residents FILE [--dry-run]`, `export residents FILE.xlsx`,
`template residents FILE.xlsx`."""

from __future__ import annotations

from pathlib import Path

from app.cli.errors import CliError
from app.cli.output import say
from app.i18n import _, ngettext
from app.services import setup
from app.services.actor import console_actor


def register(sub) -> None:
    p = sub.add_parser("import", help=_("import data from a spreadsheet"))
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True, parser_class=type(p))
    r = what.add_parser("residents", help=_("import residents from an .xlsx, .xls or .ods file"))
    r.add_argument("file")
    r.add_argument("--dry-run", action="store_true", help=_("check every row, write nothing"))
    r.add_argument("--skip-invalid", action="store_true",
                   help=_("write the valid rows even when some rows have errors"))
    r.add_argument("--report", metavar="FILE.xlsx", help=_("where to write the error report"))
    r.set_defaults(handler=cmd_import_residents)

    p = sub.add_parser("export", help=_("export data to a spreadsheet"))
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True, parser_class=type(p))
    r = what.add_parser("residents", help=_("export residents to an .xlsx file (ID numbers and phones masked)"))
    r.add_argument("file")
    r.add_argument("--reveal", action="store_true", help=_("whole ID numbers and phones (recorded in the audit log)"))
    r.add_argument("--moved-out", action="store_true", help=_("include people who moved out"))
    r.set_defaults(handler=cmd_export_residents)

    p = sub.add_parser("template", help=_("write an empty spreadsheet to fill in and import"))
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True, parser_class=type(p))
    r = what.add_parser("residents", help=_("the residents import template (Chinese and Uyghur headers)"))
    r.add_argument("file")
    r.set_defaults(handler=cmd_template_residents)


def _xlsx_target(name: str) -> Path:
    path = Path(name)
    if path.suffix.lower() != ".xlsx":
        raise CliError(_("The file name must end in .xlsx: {name}").format(name=name))
    return path


def cmd_import_residents(args) -> int:
    from app.services.import_report import default_report_path, write_error_report
    from app.services.resident_import import ImportCancelled, import_residents
    from app.services.sheet_files import SheetRefused

    setup.open_and_migrate(args.db)
    try:
        result = import_residents(console_actor(), args.file, commit=not args.dry_run,
                                  skip_invalid=args.skip_invalid)
    except (SheetRefused, ImportCancelled) as exc:
        raise CliError(str(exc)) from None
    except FileNotFoundError:
        raise CliError(_("No such file: {name}").format(name=args.file)) from None
    say(_("Sheet {sheet}, header on row {row}: {rows} rows, {valid} valid.").format(
        sheet=result.sheet, row=result.header_row, rows=result.rows, valid=result.valid))
    if result.ignored_columns:
        say(_("Columns not read: {names}").format(names=", ".join(result.ignored_columns)))
    if result.errors:
        report = Path(args.report) if args.report else default_report_path(args.file)
        write_error_report(result, report)
        for error in result.errors[:10]:
            say(_("Row {row}, {column}: {message}").format(row=error.row, column=error.column or "-",
                                                          message=error.message))
        if len(result.errors) > 10:
            say(ngettext("… and {n} more problem", "… and {n} more problems", len(result.errors) - 10).format(
                n=len(result.errors) - 10))
        say(_("Error report: {path}").format(path=report))
    if result.rows == 0:
        say(_("The sheet has no rows to import."))
        return 0
    if result.committed:
        say(_("Imported: {created} new, {updated} updated, {unchanged} unchanged; {households} new households, "
              "{buildings} new buildings.").format(created=result.created, updated=result.updated,
                                                   unchanged=result.unchanged, households=result.new_households,
                                                   buildings=result.new_buildings))
        return 0
    if args.dry_run and not result.errors:
        say(_("Dry run: every row is valid; nothing was written."))
        return 0
    if args.dry_run:
        return 1
    raise CliError(_("Nothing was imported: fix the rows in the error report and import again "
                     "(or use --skip-invalid to import the valid rows only)."))


def cmd_export_residents(args) -> int:
    from app.services.resident_export import export_residents
    from app.services.residents_query import ResidentFilters

    path = _xlsx_target(args.file)
    setup.open_and_migrate(args.db)
    result = export_residents(console_actor(), path, ResidentFilters(moved_out=None if args.moved_out else False),
                              reveal=args.reveal)
    say(ngettext("Exported {n} resident to {path}.", "Exported {n} residents to {path}.", result.rows).format(
        n=result.rows, path=result.path))
    if not args.reveal:
        say(_("ID numbers and phones are masked (use --reveal for whole values; it is recorded)."))
    return 0


def cmd_template_residents(args) -> int:
    from app.services.resident_export import write_template

    path = write_template(_xlsx_target(args.file))
    say(_("Template written: {path}").format(path=path))
    return 0

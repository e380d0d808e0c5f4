"""Importing the office's spreadsheet, on SQLite and PostgreSQL: a messy sheet with mistakes is refused with a
row-by-row report and nothing written; fixed, it imports in one go; imported again, it updates."""

import datetime as dt

import openpyxl
import pytest

import main as entry
from app.db.database import close_database
from app.db.models import AuditLog, Building, Household, Resident, ResidentTag
from app.i18n import set_language
from app.services.import_report import write_error_report
from app.services.resident_export import write_template
from app.services.resident_import import ImportCancelled, import_residents
from app.services.actor import PermissionDenied
from tests.residents_fixtures import ADMIN, WORKER, registry
from tests.sheet_builders import ids, messy_sheet


@pytest.fixture
def reg(db):
    set_language("en")
    return registry()


def test_messy_sheet_is_refused_with_a_row_report_and_nothing_written(reg, tmp_path):
    households = Household.select().count()
    result = import_residents(ADMIN, messy_sheet(tmp_path / "台账.xlsx"), commit=True)
    assert not result.committed and Resident.select().count() == 0 and Household.select().count() == households
    assert result.header_row == 3 and result.rows == 6 and result.valid == 3
    by_row = {e.row: e for e in result.errors}
    assert sorted(by_row) == [8, 10, 11]
    assert by_row[8].field == "id_number" and "mistyped" in by_row[8].message and by_row[8].name == "古丽"
    assert "15 digits" in by_row[10].message and "15 digits" in by_row[11].message
    assert by_row[10].column.startswith("H (公民身份号码")
    assert "民族" in result.ignored_columns  # ethnicity is never read
    report = write_error_report(result, tmp_path / "report.xlsx")
    sheet = openpyxl.load_workbook(report).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [v[0] for v in values[2:]] == [8, 10, 11] and values[2][2] == "古丽"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_fixed_sheet_imports_then_reimport_updates(reg, tmp_path):
    path = messy_sheet(tmp_path / "台账.xlsx", fixed=True)
    seen = []
    result = import_residents(ADMIN, path, commit=True, progress=lambda d, t, phase: seen.append(phase))
    assert result.committed and result.errors == [] and result.created == 6
    assert {"read", "check", "write"} <= set(seen)
    assert result.new_buildings == 1 and result.new_households == 1  # 5号楼 1-102; 3号楼 2-301 and 幸福巷 7 existed
    wang = Resident.get(Resident.name_zh == "王建国")
    li = Resident.get(Resident.name_zh == "李秀英")
    assert wang.household_id == li.household_id and str(wang.household.uuid) == reg["h1"]  # merged cell filled in
    assert (wang.relation, li.relation, li.note) == ("head", "spouse", "行动不便")
    abd = Resident.get(Resident.id_number == ids()[2])  # full-width digits
    assert abd.name_ug == "ئابدۇللا مەمەت" and abd.phone == "15609915678" and abd.household.room == "102"
    assert Building.get(Building.name_zh == "5号楼").grid.code == "C01-G01"
    assert Resident.get(Resident.name_zh == "小明").birth_date == dt.date(2025, 3, 1)
    assert AuditLog.select().where(AuditLog.action == "import.residents").count() == 1

    again = import_residents(ADMIN, messy_sheet(tmp_path / "v2.xlsx", fixed=True, phone_of_first="13700137000"),
                             commit=True)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 5)
    assert Resident.select().count() == 6 and Resident.get(Resident.id == wang.id).phone == "13700137000"
    assert Resident.get(Resident.id == wang.id).version == wang.version + 1


def test_dry_run_and_skip_invalid(reg, tmp_path):
    path = messy_sheet(tmp_path / "台账.xlsx")
    dry = import_residents(ADMIN, path, commit=False)
    assert not dry.committed and len(dry.errors) == 3 and Resident.select().count() == 0
    partial = import_residents(ADMIN, path, commit=True, skip_invalid=True)
    assert partial.committed and partial.created == 3 and Resident.select().count() == 3


def test_cancel_writes_nothing(reg, tmp_path):
    path = messy_sheet(tmp_path / "台账.xlsx", fixed=True)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 3  # during the write

    with pytest.raises(ImportCancelled):
        import_residents(ADMIN, path, commit=True, cancel=cancel)
    assert Resident.select().count() == 0 and Building.select().where(Building.name_zh == "5号楼").count() == 0


def test_only_roles_with_import_rights(reg, tmp_path):
    with pytest.raises(PermissionDenied):
        import_residents(WORKER, messy_sheet(tmp_path / "a.xlsx", fixed=True))


def test_template_filled_in_imports(reg, tmp_path):
    path = write_template(tmp_path / "template.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    headers = [c.value for c in ws[1]]
    assert headers[4] == "姓名\nخەنزۇچە ئىسمى" and "كىملىك نومۇرى" in headers[6]
    assert ws.data_validations.dataValidation and wb["lists"].sheet_state == "hidden"
    assert ws["G3"].number_format == "@"  # ID numbers stay text
    ws.append(["第2网格", "幸福巷", "", "7", "", "گۈلنار ئەخمەت", ids()[5], "ئايال", "1990-10-10", "18099112233",
               "户主 / ئائىلە باشلىقى", "ئۇيغۇرچە / 维吾尔文", "独居", ""])
    wb.save(path)
    result = import_residents(ADMIN, path, commit=True)
    assert result.errors == [] and result.created == 1  # the example row is skipped
    person = Resident.get(Resident.id_number == ids()[5])
    assert (person.sex, person.preferred_lang, person.relation) == ("F", "ug", "head")
    assert [t.tag for t in ResidentTag.select().where(ResidentTag.resident == person.id)] == ["living_alone"]


def test_cli_import_dry_run_report_and_exit_codes(reg, db, tmp_path, capsys):
    close_database()
    bad = messy_sheet(tmp_path / "bad.xlsx")
    assert entry.main(["--db", db, "--lang", "en", "import", "residents", str(bad), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "Row 8" in out and (tmp_path / "bad-errors.xlsx").exists()
    assert entry.main(["--db", db, "--lang", "en", "import", "residents", str(bad)]) == 1
    assert "Nothing was imported" in capsys.readouterr().err
    good = messy_sheet(tmp_path / "good.xlsx", fixed=True)
    assert entry.main(["--db", db, "--lang", "en", "import", "residents", str(good)]) == 0
    assert "6 new" in capsys.readouterr().out
    assert entry.main(["--db", db, "--lang", "en", "import", "residents", str(tmp_path / "x.xlsm")]) == 1
    assert "macros" in capsys.readouterr().err

"""Excel export on SQLite and PostgreSQL: masked unless revealed by a role that may, audited, stamped with who and
when, no cell a spreadsheet would run as a formula, and an export can be imported again."""

import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest

import main as entry
from app.db.database import close_database
from app.db.models import AuditLog
from app.i18n import set_language
from app.services import households, residents
from app.services.actor import PermissionDenied
from app.services.resident_export import export_residents
from app.services.resident_import import import_residents
from tests.residents_fixtures import ADMIN, FRONT, VIEWER, WORKER, number, registry

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+2", "-2+3", "@SUM(A1:A9)", "＝1+1"]


@pytest.fixture
def reg(db):
    set_language("en")
    reg = registry()
    lane = households.create_building(ADMIN, reg["grid2"], "=cmd|' /C calc'!A0", kind="lane")
    hh = households.create_household(ADMIN, lane.uuid, "", "1")
    for seq, text in enumerate(HOSTILE):
        residents.add_resident(ADMIN, hh.uuid, {"name_zh": text if seq != 3 else "王五", "name_ug": "ئابدۇللا" if seq
                                                == 3 else "", "note": "\t=1+1",
                                                "id_number": number(dt.date(1970, 1, 1 + seq), "M", seq),
                                                "phone": f"1380013800{seq}", "tags": ["disability"]})
    return reg


def cells(path):
    ws = openpyxl.load_workbook(path).active
    return ws, [[c for c in row] for row in ws.iter_rows()]


def test_no_cell_is_a_formula_and_text_stays_as_typed(reg, tmp_path):
    result = export_residents(WORKER, tmp_path / "out.xlsx")
    ws, rows = cells(result.path)
    assert result.rows == len(HOSTILE)
    assert all(c.data_type != "f" for row in rows for c in row)
    texts = {c.value for row in rows for c in row}
    for text in HOSTILE[:3] + HOSTILE[4:] + ["=cmd|' /C calc'!A0"]:
        assert text in texts
    risky = [c for row in rows for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@＝"]
    assert risky and all(c.quotePrefix for c in risky)


def test_masked_stamped_and_audited(reg, tmp_path):
    ws, rows = cells(export_residents(WORKER, tmp_path / "out.xlsx").path)
    assert "t-worker" in rows[0][0].value and "Exported by" in rows[0][0].value
    assert "身份证号" in rows[1][6].value
    ids = [r[6].value for r in rows[2:]]
    assert all("********" in i for i in ids) and all("****" in r[9].value for r in rows[2:])
    uyghur = next(r[5] for r in rows[2:] if r[5].value)
    assert uyghur.font.name == "Microsoft Uighur" and uyghur.alignment.horizontal == "right"
    assert all("残疾" in r[12].value for r in rows[2:])  # sensitive tag: this role may see it
    entry_ = AuditLog.select().where(AuditLog.action == "export.residents").get()
    assert '"revealed": false' in entry_.detail and '"rows": 5' in entry_.detail


def test_reveal_needs_the_right_and_is_audited(reg, tmp_path):
    ws, rows = cells(export_residents(ADMIN, tmp_path / "whole.xlsx", reveal=True).path)
    assert rows[2][6].value.startswith("650102197001") and "*" not in rows[2][9].value
    assert AuditLog.select().where(AuditLog.action == "export.residents",
                                   AuditLog.detail.contains('"revealed": true')).count() == 1
    for actor in (FRONT, VIEWER):
        with pytest.raises(PermissionDenied):
            export_residents(actor, tmp_path / "no.xlsx")


def test_an_exported_sheet_imports_again_unchanged(reg, tmp_path):
    path = export_residents(ADMIN, tmp_path / "whole.xlsx", reveal=True).path
    result = import_residents(ADMIN, path, commit=True)
    assert result.errors == [] and (result.created, result.updated, result.unchanged) == (0, 0, len(HOSTILE))
    masked = export_residents(ADMIN, tmp_path / "masked.xlsx").path
    refused = import_residents(ADMIN, masked, commit=True)
    assert not refused.committed and all("masked" in e.message for e in refused.errors)


def test_cli_export_and_template(reg, db, tmp_path, capsys):
    close_database()
    assert entry.main(["--db", db, "--lang", "en", "export", "residents", str(tmp_path / "e.xlsx")]) == 0
    assert "masked" in capsys.readouterr().out
    assert entry.main(["--db", db, "--lang", "en", "export", "residents", str(tmp_path / "e.csv")]) == 1
    assert entry.main(["--db", db, "--lang", "en", "template", "residents", str(tmp_path / "t.xlsx")]) == 0
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").active["E1"].value.startswith("姓名")


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed here")
def test_libreoffice_shows_the_cells_as_text(reg, tmp_path):
    path = export_residents(WORKER, tmp_path / "out.xlsx").path
    subprocess.run(["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), path], check=True,
                   capture_output=True, timeout=120)
    text = (tmp_path / "out.csv").read_text(encoding="utf-8", errors="replace")
    assert "+1+2" in text and "-2+3" in text and "#NAME" not in text

"""Import and export from the registry page: a sheet with mistakes is checked in the background and refused with
its errors (nothing written), the errors are saved as a report, the fixed sheet imports; export writes a masked
file unless an allowed role asks for whole numbers."""

from __future__ import annotations

import datetime as dt
import time

import openpyxl
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from app.domain import idcard
from app.i18n import set_language
from app.services import audit
from app.services.residents_query import ResidentFilters, count_residents
from tests.gui.registry_data import (ADMIN, FRONT, WORKER, _delete_pages, page_for, registry,  # noqa: F401
                                     registry_template)
from ui import messages
from ui.pages import import_dialog, sheet_dialogs

HEADER = ["网格", "楼栋", "单元", "房号", "姓名", "维文姓名", "身份证号", "性别", "联系电话", "与户主关系"]
PEOPLE = [
    ("第1网格", "新建8号楼", "1", "101", "热依拉·吾斯曼", "رەيلا ئوسمان", idcard.make("650102", dt.date(1971, 2, 3), 31, "F"),
     "女", "13999001122", "户主"),
    ("第1网格", "新建8号楼", "1", "101", "艾力·吾斯曼", "ئەلى ئوسمان", idcard.make("650102", dt.date(1999, 8, 9), 41, "M"),
     "男", "13999003344", "子女"),
    ("第1网格", "新建8号楼", "1", "102", "周敏", "", idcard.make("650104", dt.date(1985, 5, 5), 52, "F"), "女",
     "0991-4567890", "户主"),
]


def _sheet(path, bad: bool) -> str:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["居民台账"])
    ws.append(HEADER)
    for n, person in enumerate(PEOPLE):
        row = list(person)
        if bad and n == 0:
            row[6] = row[6][:-1] + ("1" if row[6][-1] != "1" else "2")  # a digit mistyped
        if bad and n == 2:
            row[8] = "12345"  # not a phone number
        ws.append(row)
    wb.save(path)
    return str(path)


def _everyone() -> int:
    return count_residents(ADMIN, ResidentFilters(moved_out=None))


@pytest.fixture
def page(registry, qtbot):
    set_language("en")
    return page_for(qtbot, ADMIN)


def test_a_sheet_with_mistakes_is_refused_with_its_errors_then_the_fixed_sheet_imports(page, qtbot, tmp_path,
                                                                                     monkeypatch):
    before = _everyone()
    dialog = page.open_import()
    assert dialog is not None and not dialog.check_button.isEnabled()
    monkeypatch.setattr(sheet_dialogs, "ask_open_sheet", lambda parent: _sheet(tmp_path / "台账.xlsx", bad=True))
    dialog.choose_button.click()
    result = dialog.check()
    assert result is not None and result.rows == 3 and result.valid == 1
    assert "3 rows checked." in dialog.summary.text() and "2 have errors" in dialog.summary.text()
    assert dialog.errors_model.rowCount() == 2
    problems = [dialog.errors_model.text(r, 3) for r in range(2)]
    assert "mistyped" in problems[0] and "mobile number" in problems[1]
    assert "热依拉·吾斯曼" in dialog.errors_model.text(0, 2)  # whose row it is
    assert not dialog.import_button.isEnabled()  # not while a row has an error
    assert _everyone() == before  # checking wrote nothing

    report = tmp_path / "errors.xlsx"
    monkeypatch.setattr(sheet_dialogs, "ask_save_sheet", lambda parent, title, suggested: str(report))
    dialog.report_button.click()
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(report).active.iter_rows()]
    assert [r[0] for r in rows[2:]] == [3, 5]  # the spreadsheet's own row numbers

    dialog.skip_invalid.setChecked(True)
    assert dialog.import_button.isEnabled()  # an explicit choice to skip the bad rows
    dialog.skip_invalid.setChecked(False)

    fixed = _sheet(tmp_path / "台账-改.xlsx", bad=False)
    dialog.set_path(fixed)
    assert dialog.check().errors == [] and dialog.import_button.isEnabled()
    assert "Every row can be imported." in dialog.summary.text()
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    assert dialog.result.committed and dialog.result.created == 3
    assert "3 residents added" in dialog.done_label.text()
    assert "1 new building or lane" in dialog.done_label.text()
    assert _everyone() == before + 3
    page.search.setText("رەيلا")
    page.run_search()
    assert [page.model.resident(r).name_zh for r in range(page.model.rowCount())] == ["热依拉·吾斯曼"]


def test_cancelling_the_check_writes_nothing_and_says_so(page, tmp_path, monkeypatch):
    def slow_import(actor, path, commit, skip_invalid, progress):
        for n in range(400):
            progress(n, 400, "check")
            time.sleep(0.01)

    monkeypatch.setattr(import_dialog, "import_residents", slow_import)

    def press_cancel():
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()),
                   None)
        if box is None:
            QTimer.singleShot(20, press_cancel)
            return
        box.findChild(QPushButton).click()

    dialog = page.open_import()
    dialog.set_path(_sheet(tmp_path / "a.xlsx", bad=False))
    QTimer.singleShot(50, press_cancel)
    assert dialog.check() is None
    assert dialog.problem.text() == "Cancelled; nothing was written."


def test_a_file_that_is_not_a_sheet_is_refused_clearly(page, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("not a spreadsheet")
    dialog = page.open_import()
    dialog.set_path(path)
    assert dialog.check() is None
    assert dialog.problem.text() and not dialog.problem.isHidden()
    assert "Something went wrong" not in dialog.problem.text()  # the service's own words


def test_template_download(page, tmp_path, monkeypatch):
    target = tmp_path / "template.xlsx"
    monkeypatch.setattr(sheet_dialogs, "ask_save_sheet", lambda parent, title, suggested: str(target))
    dialog = page.open_import()
    dialog.template_button.click()
    header = [c.value for c in next(openpyxl.load_workbook(target).active.iter_rows())]
    assert any("身份证号" in (h or "") for h in header)


def test_import_is_for_administrators_only(registry, qtbot):
    for actor in (WORKER, FRONT):
        page = page_for(qtbot, actor)
        assert page.import_button.isHidden() and page.open_import() is None


def test_export_is_masked_unless_asked_for_by_an_allowed_role(page, tmp_path, monkeypatch):
    infos = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, title="": infos.append(text))
    page.filters.set_age("80")
    dialog = page.open_export()
    assert not dialog.reveal.isHidden() and not dialog.reveal.isChecked()
    assert dialog.as_listed.text() == f"The {page.model.total} residents the list shows"
    masked = tmp_path / "masked.xlsx"
    result = dialog.export(str(masked))
    assert result.rows == page.model.total and not result.revealed
    cells = [c.value for row in openpyxl.load_workbook(masked).active.iter_rows(min_row=3) for c in row]
    numbers = [v for v in cells if isinstance(v, str) and v.startswith("65") and len(v) == 18]
    assert numbers and all("*" in v for v in numbers)
    assert str(page.model.total) in infos[-1]
    assert audit.recent(ADMIN, 1)[0]["action"] == "export.residents"

    dialog = page.open_export()
    dialog.reveal.setChecked(True)
    whole = tmp_path / "whole.xlsx"
    assert dialog.export(str(whole)).revealed
    cells = [c.value for row in openpyxl.load_workbook(whole).active.iter_rows(min_row=3) for c in row]
    assert any(isinstance(v, str) and len(v) == 18 and v[:17].isdigit() for v in cells)


def test_front_desk_cannot_export(registry, qtbot):
    page = page_for(qtbot, FRONT)
    assert page.export_button.isHidden() and page.open_export() is None
    worker = page_for(qtbot, WORKER)
    dialog = worker.open_export()
    assert not dialog.reveal.isHidden()  # workers may reveal (audited)

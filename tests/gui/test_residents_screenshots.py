"""Screenshots of the registry in zh, ug and en, for a person to look at (with tests/gui/test_screenshots.py's):
the list, the household view, the resident dialog (with a duplicate-ID error and its link), editing a registered
person, adding a household, moving to another household, the import report and the export.

What to look at in Uyghur: the page mirrored (tree on the right), Uyghur names right to left inside their cells,
masked numbers left to right (650102********7717, 138****1234), nothing clipped.
"""

from __future__ import annotations

import datetime as dt

import openpyxl

from app.domain import idcard
from app.i18n import set_language
from tests.gui.registry_data import (ABDULLA_ID, ADMIN, _delete_pages, add_abdulla, households_of,  # noqa: F401
                                     page_for, registry, registry_template)
from tests.gui.test_screenshots import LANGS, _save


def _bad_sheet(path) -> str:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["网格", "楼栋", "单元", "房号", "姓名", "维文姓名", "身份证号", "联系电话", "与户主关系", "民族"])
    good = idcard.make("650102", dt.date(1971, 2, 3), 31, "F")
    ws.append(["第1网格", "8号楼", "1", "101", "热依拉·吾斯曼", "رەيلا ئوسمان", good[:-1] + "0", "13999001122", "户主",
               "维吾尔族"])
    ws.append(["第1网格", "8号楼", "1", "101", "艾力·吾斯曼", "ئەلى ئوسمان", "6.50102E+17", "139 9900 3344", "子女", ""])
    ws.append(["第9网格", "8号楼", "1", "102", "周敏", "", "", "12345", "户主", ""])
    wb.save(path)
    return str(path)


def test_screenshots_of_the_registry(registry, qtbot, tmp_path):
    from ui.pages.household_dialogs import AddHouseholdDialog, HouseholdPickerDialog

    first, second = households_of(n=2)
    person = add_abdulla(first)
    page = page_for(qtbot, ADMIN)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    page.model.show_revealed(person.uuid, "phone", "13812341234")  # as after "Show the whole phone number"
    duplicate = page.add_resident(second)
    duplicate.resize(760, 720)
    duplicate.form.name_zh.setText("王小明")
    duplicate.form.name_ug.setText("wang shiaoming")  # Latin typed, not yet converted
    duplicate.form.id_number.setText(ABDULLA_ID)
    duplicate.form.phone.setText("12345")
    edit = page.open_resident(person.uuid)
    edit.resize(760, 720)
    edit.form.show_id.click()
    household = AddHouseholdDialog(ADMIN, parent=page)
    qtbot.addWidget(household)
    household.building.setCurrentIndex(household.building.count() - 1)  # a new building or lane
    household.show()
    picker = HouseholdPickerDialog(ADMIN, "spouse", parent=page)
    qtbot.addWidget(picker)
    picker.resize(520, 560)
    picker.show()
    importer = page.open_import()
    importer.set_path(_bad_sheet(tmp_path / "台账.xlsx"))
    importer.check()
    importer.resize(900, 600)
    exporter = page.open_export()
    for lang in LANGS:
        set_language(lang)
        page.search.clear()
        page.run_search()
        page.show_list()
        _save(page, f"{lang}-residents-list")
        page.search.setText("阿不都拉")
        page.run_search()
        _save(page, f"{lang}-residents-search")
        page.show_household(first)
        _save(page, f"{lang}-residents-household")
        duplicate.form.validate_now()
        _save(duplicate, f"{lang}-residents-add-errors")
        _save(edit, f"{lang}-residents-edit")
        edit.tabs.setCurrentIndex(1)
        _save(edit, f"{lang}-residents-history")
        edit.tabs.setCurrentIndex(0)
        _save(household, f"{lang}-residents-add-household")
        picker.tree.select_path([("grid", picker.tree.topLevelItem(0).data(0, 256 + 1))], emit=False)
        _save(picker, f"{lang}-residents-move-picker")
        _save(importer, f"{lang}-residents-import-report")
        _save(exporter, f"{lang}-residents-export")

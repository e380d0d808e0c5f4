"""Residents: the table model (tested without a view) and the search box that fills it as you type."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from app.i18n import set_language
from app.services.residents_search import ResidentHit
from tests.gui.conftest import add_resident
from ui.bidi import LRI, PDI
from ui.pages.residents_model import COLUMNS, NAME_UG, ResidentHitsModel

FSI = "\u2068"
DISPLAY, ALIGN = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole


def _hit(**over) -> ResidentHit:
    values = dict(id=1, uuid="u", name_zh="阿不都拉", name_ug="ئابدۇللا", id_number_masked="650102********0078",
                  phone_masked="138****1234", sex="M", birth_date=dt.date(1985, 6, 1), address="3号楼 2单元 502",
                  grid_code="G1", moved_out=False)
    values.update(over)
    return ResidentHit(**values)


def _row(model, row=0):
    return [model.data(model.index(row, c), DISPLAY) for c in range(model.columnCount())]


def test_model_shows_prepared_rows(baijia_app):
    model = ResidentHitsModel()
    assert model.rowCount() == 0 and model.columnCount() == len(COLUMNS) == 6
    model.set_hits([_hit(), _hit(id=2, name_zh="王建国", name_ug="")])
    assert model.rowCount() == 2
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree
    name_zh, name_ug, id_number, phone, birth, address = _row(model)
    assert name_zh == "阿不都拉"
    assert name_ug == FSI + "ئابدۇللا" + PDI  # isolated in a left-to-right window
    assert id_number == LRI + "650102********0078" + PDI and phone == LRI + "138****1234" + PDI
    assert birth == "1985年6月1日"
    assert address == "3号楼 2单元 502"
    set_language("en")
    assert model.headerData(1, Qt.Orientation.Horizontal, DISPLAY) == "Name (Uyghur)"
    assert model.data(QModelIndex(), DISPLAY) is None


def test_uyghur_names_align_to_the_right_edge(baijia_app):
    model = ResidentHitsModel()
    model.set_hits([_hit()])
    align = Qt.AlignmentFlag(model.data(model.index(0, NAME_UG), ALIGN))
    assert align & Qt.AlignmentFlag.AlignRight and align & Qt.AlignmentFlag.AlignAbsolute
    assert model.data(model.index(0, 0), ALIGN) is None


def test_model_follows_the_language(baijia_app, qtbot):
    model = ResidentHitsModel()
    model.set_hits([_hit()])
    with qtbot.waitSignal(model.dataChanged):
        set_language("ug")
        model.retranslate()
    name_zh, name_ug, _id, _phone, birth, _address = _row(model)
    assert name_ug == "ئابدۇللا"  # same direction as the window: no isolation needed
    assert name_zh == FSI + "阿不都拉" + PDI
    assert birth == "1-ئىيۇن، 1985"


def test_search_as_you_type_finds_a_resident(main_window, qtbot):
    add_resident("阿不都拉·艾合买提", "ئابدۇللا ئەخمەت", "650102198506010078", "13812341234", dt.date(1985, 6, 1))
    add_resident("王建国", "", "650102195001010013")
    set_language("en")
    page = main_window.page("residents")
    for letter in "ئابدۇ":  # typed one letter after another (QTest types ASCII only)
        page.search.insert(letter)
    assert page.model.rowCount() == 0  # not yet: the search waits for a pause in typing
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.hit(0).name_zh == "阿不都拉·艾合买提"
    assert page.status.text() == "1 resident found."
    assert "138****1234" in page.table.model().data(page.table.model().index(0, 3), DISPLAY)
    page.search.clear()
    qtbot.keyClicks(page.search, "abdulla")  # Latin Uyghur finds the same person
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.hit(0).name_ug == "ئابدۇللا ئەخمەت")
    page.search.setText("nobody-here")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert "nobody-here" in page.status.text()


def test_residents_page_says_what_is_still_to_come(main_window):
    set_language("en")
    page = main_window.page("residents")
    assert "coming update" in page.note.text()
    assert "0 residents in 0 households" in page.overview.text() and "和平社区" in page.overview.text()

"""The handbook page as the front desk and the office's administrator use it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.i18n import set_language
from app.services.actor import Actor

RTL = Qt.LayoutDirection.RightToLeft
LOW_INCOME = "MS-01"  # 最低生活保障申请 — 低保, as residents say
TITLE_ZH = "最低生活保障申请"


@pytest.fixture
def page(main_window):
    main_window.show_page("handbook")
    return main_window.page("handbook")


@pytest.fixture
def front_desk_page(qtbot, community):
    from ui.pages.handbook_page import HandbookPage

    page = HandbookPage(Actor(username="desk", role="front_desk", display_name="前台"))
    qtbot.addWidget(page)
    page.show()
    return page


def _visible_hits(page) -> list[str]:
    assert page.left.currentIndex() == 1, "the results list replaces the tree while searching"
    return page.results.codes()


def test_tree_shows_nine_categories_and_87_items(page):
    assert page.tree.category_count() == 9
    assert len(page.tree.item_codes()) == 87
    assert page.tree.topLevelItemCount() == 3  # the three centres
    texts = [page.tree.topLevelItem(i).child(j).text(0) for i in range(3)
             for j in range(page.tree.topLevelItem(i).childCount())]
    assert "Livelihood (16)" in texts  # categories show their item counts
    assert "87" in page.counts_label.text()


@pytest.mark.parametrize("ui_lang", ["ug", "zh"])
@pytest.mark.parametrize("query", ["低保", "ئەڭ تۆۋەن تۇرمۇش", "dbsq", "dibao"])
def test_search_finds_the_item_in_either_script_whatever_the_ui_language(page, ui_lang, query):
    set_language(ui_lang)
    page.search.setText(query)
    assert _visible_hits(page)[0] == LOW_INCOME
    assert page.results.item(0).text().startswith("\u2066MS-01\u2069")  # the code, kept left to right
    page.search.clear()
    assert page.left.currentIndex() == 0  # the tree is back


def test_keyboard_ctrl_f_arrows_enter_escape(page, main_window, qtbot):
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    page.tree.setFocus()
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    page.search.insert("申请")  # as an input method commits it (QTest types ASCII only)
    codes = _visible_hits(page)
    assert len(codes) > 2
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.search, Qt.Key.Key_Up)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.view.record.code == codes[1]
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == "" and page.left.currentIndex() == 0
    assert page.tree.current_code() == codes[1]  # the tree shows where the item sits


def test_selecting_an_item_shows_both_languages_and_their_status(page):
    page.tree.select_code(LOW_INCOME)
    view = page.view
    assert view.cells[("title", "zh")].text() == TITLE_ZH
    ug_title = view.cells[("title", "ug")]
    assert "تۇرمۇش" in ug_title.text()
    assert ug_title.layoutDirection() == RTL and ug_title.alignment() & Qt.AlignmentFlag.AlignRight
    # every field is there, in both columns; workflow numbered
    for field in ("target", "policy_basis", "workflow", "materials", "time_limit", "place", "note"):
        assert view.cells[(field, "zh")].isVisibleTo(page) and view.cells[(field, "ug")].isVisibleTo(page)
    steps = view.cells[("workflow", "zh")].findChildren(type(ug_title))
    assert steps[0].text() == "1."
    for lang in ("zh", "ug"):
        badge = view.badges[lang]
        assert badge.isVisibleTo(page) and badge.text() == "Draft"
    # the Uyghur column stands right of the Chinese one, in a Uyghur window too
    set_language("ug")
    zh_x = view.cells[("title", "zh")].mapTo(page, view.cells[("title", "zh")].rect().topLeft()).x()
    ug_x = ug_title.mapTo(page, ug_title.rect().topLeft()).x()
    assert ug_x > zh_x


def test_admin_edit_saves_and_survives_reload(page, qtbot, actor):
    from app.services import handbook

    page.tree.select_code(LOW_INCOME)
    assert page.view.edit_button.isVisible()
    page.view.edit_button.click()
    dialog = page.edit_dialog
    dialog.editors[("place", "zh")].setText("社区党群服务中心一楼3号窗口")
    dialog.editors[("materials", "ug")].setPlainText("كىملىك\nئائىلە تىزىملىكى")
    dialog.reviewed["ug"].setChecked(True)
    dialog.days.setValue(12)
    assert dialog.save()
    qtbot.waitUntil(lambda: page.edit_dialog is None)
    record = handbook.item(LOW_INCOME)
    assert record.text("zh").place == "社区党群服务中心一楼3号窗口"
    assert record.text("ug").materials == ("كىملىك", "ئائىلە تىزىملىكى")
    assert record.text("ug").status == "reviewed" and record.time_limit_days == 12
    # the page shows the saved item: the Uyghur badge now says reviewed
    assert page.view.cells[("place", "zh")].text() == "社区党群服务中心一楼3号窗口"
    assert page.view.badges["ug"].text() == "Reviewed" and page.view.badges["zh"].text() == "Draft"
    page.refresh()
    assert page.view.badges["ug"].text() == "Reviewed"


def test_a_stale_edit_shows_the_conflict_and_reloads(page, actor, monkeypatch):
    from app.services import handbook
    from ui import messages

    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title="": shown.append(text))
    page.tree.select_code(LOW_INCOME)
    dialog = page.open_editor(LOW_INCOME)
    # someone at another PC saves the same item meanwhile
    other = handbook.item(LOW_INCOME)
    handbook.update_item(actor, LOW_INCOME, "zh", {"place": "街道便民服务中心"}, other.version)
    dialog.editors[("place", "zh")].setText("我的修改")
    assert not dialog.save()
    assert len(shown) == 1 and "Someone else saved this item" in shown[0]
    assert dialog.isVisible()  # still open, now showing their version
    assert dialog.editors[("place", "zh")].text() == "街道便民服务中心"
    assert handbook.item(LOW_INCOME).text("zh").place == "街道便民服务中心"
    dialog.editors[("place", "zh")].setText("我的修改")
    assert dialog.save()  # on their version, saving works
    assert handbook.item(LOW_INCOME).text("zh").place == "我的修改"


def test_a_front_desk_user_sees_no_edit_controls(front_desk_page):
    page = front_desk_page
    page.tree.select_code(LOW_INCOME)
    assert page.view.record.code == LOW_INCOME
    for widget in (page.view.edit_button, page.view.retire_button, page.add_button, page.show_retired):
        assert not widget.isVisible()
    assert page.view.print_button.isVisible() and page.booklet_button.isVisible()


def test_retire_with_confirmation_then_restore(page, monkeypatch):
    from app.services import handbook
    from ui import messages

    answers = [False, True, True]
    monkeypatch.setattr(messages, "confirm", lambda parent, text, title="": answers.pop(0))
    page.tree.select_code(LOW_INCOME)
    page.view.retire_button.click()  # "No": nothing happens
    assert not handbook.item(LOW_INCOME).retired
    page.view.retire_button.click()
    assert handbook.item(LOW_INCOME).retired
    assert LOW_INCOME not in page.tree.item_codes() and len(page.tree.item_codes()) == 86
    assert "86" in page.counts_label.text()
    page.show_retired.setChecked(True)
    assert LOW_INCOME in page.tree.item_codes()
    assert page.view.retire_button.text() == "Restore"
    page.view.retire_button.click()
    assert not handbook.item(LOW_INCOME).retired and len(page.tree.item_codes()) == 87


def test_add_item_in_a_category(page, qtbot):
    from ui.pages.handbook_add_dialog import AddItemDialog

    dialog = AddItemDialog(page.actor, page.centres, "YL", page)
    qtbot.addWidget(dialog)
    dialog.title_zh.setText("社区老年食堂就餐登记")
    dialog.title_ug.setText("mehelle yashan'ghanlar ashxanisi")
    dialog.title_ug.convert_latin()
    assert dialog.add()
    page.item_added(dialog.record.code)
    assert dialog.record.code == "YL-L01"
    assert "YL-L01" in page.tree.item_codes() and len(page.tree.item_codes()) == 88
    assert page.view.cells[("title", "ug")].text() == "مەھەللە ياشانغانلار ئاشخانىسى"
    assert page.edit_dialog is not None  # the new item opens for editing at once
    page.edit_dialog.reject()


def test_uly_conversion_in_the_uyghur_field(page, qtbot):
    page.tree.select_code(LOW_INCOME)
    dialog = page.open_editor(LOW_INCOME)
    edit = dialog.editors[("place", "ug")]
    edit.setText("mehelle ishxanisi")
    assert "مەھەللە ئىشخانىسى" in edit.toolTip()  # the live preview
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert edit.text() == "مەھەللە ئىشخانىسى"
    notes = dialog.editors[("note", "ug")]
    notes.setPlainText("salam dunya")
    notes.parentWidget().uly_button.click()  # the small ULY→ button does the same
    assert notes.toPlainText() == "سالام دۇنيا"
    dialog.reject()


def test_language_switch_retranslates_the_open_edit_dialog(page, pseudo_catalogs):
    page.tree.select_code(LOW_INCOME)
    dialog = page.open_editor(LOW_INCOME)
    set_language("ug")
    assert dialog.windowTitle().startswith(pseudo_catalogs("ug", "Edit handbook item {code}")[:12])
    assert dialog.labels[0][0].text() == pseudo_catalogs("ug", "Title")
    assert dialog.reviewed["zh"].text() == pseudo_catalogs("ug", "Reviewed")
    assert dialog.layoutDirection() == RTL
    set_language("zh")
    assert dialog.labels[0][0].text() == pseudo_catalogs("zh", "Title")
    dialog.reject()


class FakePrinterChoice:
    """Stands in for the print dialog: a PDF printer writing to a file."""

    def __init__(self, path):
        self.path, self.calls = path, 0

    def __call__(self, parent, page_size_pt):
        from PySide6.QtPrintSupport import QPrinter

        self.calls += 1
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.path))
        return printer


def _pdftext(path) -> str:
    import subprocess

    import unicodedata

    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", out)  # Uyghur comes back in presentation forms


def test_print_sheet_makes_a_pdf_previews_and_prints_it(page, tmp_path, monkeypatch, qtbot):
    pytest.importorskip("app.reports.handbook_item_sheet")
    from ui import pdf_preview

    fake = FakePrinterChoice(tmp_path / "printed.pdf")
    monkeypatch.setattr(pdf_preview, "choose_printer", fake)
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda parent, suggested: str(tmp_path / suggested))
    page.tree.select_code(LOW_INCOME)
    page.view.set_sheet_language("zh")
    page.view.print_button.click()
    preview = page.last_preview
    assert preview is not None and preview.isVisible()
    assert preview.path.exists() and TITLE_ZH in _pdftext(preview.path)
    assert preview.page_count() >= 1
    assert preview.print_document() and fake.calls == 1
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    saved = preview.save_copy()
    assert saved and TITLE_ZH in _pdftext(saved)
    preview.close()


def test_print_sheet_in_uyghur(page, monkeypatch):
    pytest.importorskip("app.reports.handbook_item_sheet")
    page.tree.select_code(LOW_INCOME)
    page.view.set_sheet_language("ug")
    page.view.print_button.click()
    text = _pdftext(page.last_preview.path)
    assert "تۇرمۇش" in text and TITLE_ZH not in text
    page.last_preview.close()


def test_booklet_from_the_page_with_preview(page, qtbot):
    page.print_booklet("zh", "a5")
    preview = page.last_preview
    assert preview is not None and preview.page_count() > 20
    assert TITLE_ZH in _pdftext(preview.path)
    preview.close()
    QApplication.processEvents()


def test_found_in_says_where_a_query_matched(page):
    page.search.setText("户口簿")  # in required materials, never in a title
    assert _visible_hits(page)
    assert page.match_hint.text() == "Found in: required materials"


def test_the_item_view_is_fully_translated(page, pseudo_catalogs):
    from tests.gui.test_language_switch import _untranslated, _visible_texts

    page.tree.select_code(LOW_INCOME)
    for lang in ("ug", "zh"):
        set_language(lang)
        assert len(_visible_texts(page)) > 10
        assert _untranslated(page, lang) == []
        assert page.view.badges["ug"].text() == pseudo_catalogs(lang, "Draft")

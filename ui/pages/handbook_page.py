"""Handbook (服务手册): the front desk's lookup of the community's service items, and the office's editing.

Left (right in Uyghur) the tree of centres → categories → items with their counts; a search box above it
finds items as you type, in any language or script (the results take the tree's place while searching).
Right, the chosen item in Chinese and Uyghur side by side, with one-click printing of a sheet for the
resident. "Print booklet…" makes the whole handbook. Administrators (permission handbook.edit) also get
Edit…, Retire…/Restore, Add item… and "Show retired items"; everyone else sees none of them.

Keyboard: Ctrl+F search · Up/Down move in the results · Enter opens · Esc clears the search.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter,
                               QStackedWidget, QVBoxLayout, QWidget)

from app.formats import format_number
from app.i18n import _, current_language, ngettext
from app.services import handbook
from app.services.actor import Actor, PermissionDenied
from ui import messages
from ui.bidi import ltr, user_text
from ui.language import connect_retranslate
from ui.pages import handbook_printing
from ui.pages.handbook_item_view import ItemView
from ui.pages.handbook_tree import HandbookTree, SearchResults
from ui.pages.page_header import title_label

TREE, RESULTS = 0, 1


class HandbookPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.can_edit = actor.can("handbook.edit")
        self.centres: list[handbook.CentreNode] = []
        self.edit_dialog = None
        self.last_preview = None
        self._warmed = False

        self.title = title_label()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("handbookCounts")
        self.counts_label.setWordWrap(True)
        self.booklet_button = QPushButton()
        self.booklet_button.setObjectName("printBooklet")
        self.booklet_button.clicked.connect(self.ask_booklet)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addItem")
        self.add_button.clicked.connect(self.ask_add_item)
        self.show_retired = QCheckBox()
        self.show_retired.setObjectName("showRetired")
        self.show_retired.toggled.connect(self._retired_toggled)
        for widget in (self.add_button, self.show_retired):
            if not self.can_edit:  # only hide: shown before a layout takes it, it opens a window
                widget.hide()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.show_retired)
        head.addWidget(self.add_button)
        head.addWidget(self.booklet_button)

        self.search = QLineEdit()
        self.search.setObjectName("handbookSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.run_search)
        self.search.returnPressed.connect(self._open_current_result)
        self.search.installEventFilter(self)
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.focus_search)

        self.tree = HandbookTree()
        self.tree.item_chosen.connect(self.open_item)
        self.results = SearchResults()
        self.results.item_chosen.connect(self.open_item)
        self.results.installEventFilter(self)
        self.results_status = QLabel()
        self.results_status.setObjectName("searchStatus")
        self.results_status.setWordWrap(True)
        results_box = QWidget()
        results_layout = QVBoxLayout(results_box)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.results_status)
        results_layout.addWidget(self.results, 1)
        self.match_hint = QLabel()
        self.match_hint.setObjectName("matchHint")
        self.match_hint.setWordWrap(True)
        results_layout.addWidget(self.match_hint)
        self.results.currentRowChanged.connect(lambda _row: self.match_hint.setText(self.results.match_hint()))
        self.left = QStackedWidget()
        self.left.addWidget(self.tree)
        self.left.addWidget(results_box)
        left_box = QWidget()
        left_layout = QVBoxLayout(left_box)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.left, 1)

        self.view = ItemView(self.can_edit)
        self.view.setObjectName("itemView")
        self.view.print_requested.connect(self.print_sheet)
        self.view.edit_requested.connect(self.open_editor)
        self.view.retire_requested.connect(self.retire)
        self.view.restore_requested.connect(self.restore)
        self.view.set_sheet_language({"zh": "zh", "ug": "ug"}.get(current_language(), "bi"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left_box)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 700])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.splitter, 1)
        self._hits = 0
        connect_retranslate(self)
        self.refresh()

    # --- texts ---
    def retranslate_ui(self) -> None:
        self.title.setText(_("Handbook"))
        self.search.setPlaceholderText(_("Search items: Chinese, Uyghur, pinyin initials or Latin Uyghur (Ctrl+F)"))
        self.booklet_button.setText(_("Print booklet…"))
        self.add_button.setText(_("Add item…"))
        self.show_retired.setText(_("Show retired items"))
        self.tree.retranslate()
        self.results.retranslate()
        self.match_hint.setText(self.results.match_hint())
        self.view.retranslate_ui()
        self._write_counts()
        self._write_status()

    def _write_counts(self) -> None:
        counts = handbook.counts()
        text = _("{items} in {categories}.").format(
            items=ngettext("{n} service item", "{n} service items", counts.items).format(n=format_number(counts.items)),
            categories=ngettext("{n} category", "{n} categories", counts.categories).format(
                n=format_number(counts.categories)))
        if self.can_edit and counts.retired:
            text += " " + ngettext("{n} item is retired.", "{n} items are retired.", counts.retired).format(
                n=format_number(counts.retired))
        self.counts_label.setText(text)

    def _write_status(self) -> None:
        query = self.search.text().strip()
        if not query:
            self.results_status.setText("")
        elif self._hits == 0:
            self.results_status.setText(_("No item matches “{text}”.").format(text=user_text(query)))
        else:
            self.results_status.setText(ngettext("{n} item found. Up/Down to move, Enter to open, Esc to clear.",
                                                 "{n} items found. Up/Down to move, Enter to open, Esc to clear.",
                                                 self._hits).format(n=self._hits))

    # --- content ---
    def refresh(self) -> None:
        """Read the handbook again (the main window calls this whenever the page is shown)."""
        self.centres = handbook.tree()
        self.tree.set_tree(self.centres, self._include_retired())
        self._write_counts()
        if self.search.text().strip():
            self.run_search()
        record = self.view.record
        if record is not None:
            try:
                self.view.show_record(handbook.item(record.code))
            except handbook.HandbookError:
                self.view.clear()

    def _include_retired(self) -> bool:
        return self.can_edit and self.show_retired.isChecked()

    def _retired_toggled(self, _checked: bool) -> None:
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._warmed:  # the first search builds the index (pypinyin): do it right after the first paint
            self._warmed = True
            QTimer.singleShot(0, self._warm)

    def _warm(self) -> None:
        from app.services import handbook_search

        handbook_search.warm()

    def open_item(self, code: str) -> None:
        try:
            record = handbook.item(code)
        except handbook.HandbookError as exc:
            messages.show_error(self, str(exc))
            return
        self.view.show_record(record)
        if self.left.currentIndex() == TREE or self.tree.current_code() != code:
            self.tree.select_code(code, emit=False)

    # --- search ---
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def run_search(self) -> None:
        query = self.search.text().strip()
        if not query:
            self._hits = 0
            self.results.set_hits([])
            self.left.setCurrentIndex(TREE)
        else:
            hits = handbook.search(query, include_retired=self._include_retired())
            self._hits = len(hits)
            self.results.set_hits(hits)
            self.left.setCurrentIndex(RESULTS)
        self.match_hint.setText(self.results.match_hint())
        self._write_status()

    def clear_search(self) -> None:
        self.search.clear()
        self.search.setFocus()

    def _open_current_result(self) -> None:
        if self.left.currentIndex() == RESULTS:
            self.results.open_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape and self.search.text():
                self.clear_search()
                return True
            if watched is self.search and key in (Qt.Key.Key_Up, Qt.Key.Key_Down) \
                    and self.left.currentIndex() == RESULTS:
                self.results.move(-1 if key == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    # --- printing ---
    def print_sheet(self, code: str, lang: str) -> None:
        self.last_preview = handbook_printing.print_item_sheet(self, self.actor, code, lang)

    def ask_booklet(self) -> None:
        dialog = handbook_printing.BookletDialog({"zh": "zh", "ug": "ug"}.get(current_language(), "bi"),
                                                 parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_booklet(*dialog.choice())
        dialog.deleteLater()

    def print_booklet(self, lang: str, page_format: str) -> None:
        self.last_preview = handbook_printing.print_booklet(self, self.actor, lang, page_format)

    # --- editing (administrators) ---
    def open_editor(self, code: str):
        from ui.pages.handbook_edit_dialog import ItemEditDialog

        dialog = ItemEditDialog(self.actor, handbook.item(code), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result, c=code: self._editor_closed(c))
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def _editor_closed(self, code: str) -> None:
        self.edit_dialog = None
        self.refresh()
        if self.view.record is None or self.view.record.code != code:
            self.open_item(code)

    def ask_add_item(self) -> None:
        from ui.pages.handbook_add_dialog import AddItemDialog

        current = self.view.record.category if self.view.record is not None else None
        dialog = AddItemDialog(self.actor, self.centres, current, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.record is not None:
            self.item_added(dialog.record.code)
        dialog.deleteLater()

    def item_added(self, code: str) -> None:
        self.search.clear()
        self.refresh()
        self.open_item(code)
        self.open_editor(code)

    def _title_of(self, code: str) -> str:
        record = self.view.record
        title = record.text(current_language()).title if record is not None and record.code == code else ""
        return f"{ltr(code)} {user_text(title)}".strip()

    def retire(self, code: str) -> None:
        if not messages.confirm(self, _("Retire {item}? It leaves the lookup, the booklet and the counts. It is "
                                        "kept, and an administrator can restore it.").format(item=self._title_of(code)),
                                _("Retire item")):
            return
        self._change(handbook.retire_item, code)

    def restore(self, code: str) -> None:
        if not messages.confirm(self, _("Restore {item} to the lookup, the booklet and the counts?").format(
                item=self._title_of(code)), _("Restore item")):
            return
        self._change(handbook.restore_item, code)

    def _change(self, action, code: str) -> None:
        try:
            record = action(self.actor, code)
        except (handbook.HandbookError, PermissionDenied) as exc:
            messages.show_error(self, str(exc))
            return
        self.refresh()
        self.view.show_record(record)

"""Uyghur text fields that also take Latin typing (ULY, Uyghur Latin script) and convert it to Arabic script.

Many office PCs have no Uyghur keyboard layout, and many people type Uyghur faster in Latin letters. Every
Uyghur field offers:
- Ctrl+Shift+U (also in the field's context menu): convert the selection, or the whole field when nothing
  is selected, from ULY to Uyghur Arabic script (``app.domain.translit.to_arabic``; Arabic letters, hanzi,
  digits pass through unchanged). The change is one undo step.
- a live preview: while the text holds Latin letters, the field's tooltip (and the small "ULY→" button's)
  shows what the conversion will give.

    edit = UyghurLineEdit()                # or UyghurTextEdit() for several lines
    row = with_uly_button(edit)            # the field with a "ULY→" button beside it, for forms
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QToolButton, QWidget

from app.domain.translit import to_arabic
from app.i18n import _
from ui.language import connect_retranslate

SHORTCUT = "Ctrl+Shift+U"
_LATIN = re.compile(r"[A-Za-zÉÖÜéöüËë]")
PREVIEW_MAX = 120


def has_latin(text: str) -> bool:
    return bool(_LATIN.search(text or ""))


def convert(text: str) -> str:
    """ULY Latin → Uyghur Arabic script; whatever is not Latin stays as it is."""
    return to_arabic(text)


def _preview_tip(source: str) -> str:
    if not has_latin(source):
        return _("Type Uyghur in Latin letters (ULY) and press {key} to convert them to Uyghur script.").format(
            key=SHORTCUT)
    shown = convert(source)
    if len(shown) > PREVIEW_MAX:
        shown = shown[:PREVIEW_MAX] + "…"
    return _("{key} converts to: {text}").format(key=SHORTCUT, text=shown)


class _Conversion:
    """What both edits share: the action (shortcut + context menu) and the live tooltip.
    Listed before the Qt class so that its contextMenuEvent is the one Qt calls."""

    def _setup_conversion(self) -> None:
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # Uyghur, whatever the UI language
        self.convert_action = QAction(self)
        self.convert_action.setShortcut(QKeySequence(SHORTCUT))
        self.convert_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.convert_action.triggered.connect(self.convert_latin)
        self.addAction(self.convert_action)
        self.buttons: list[QToolButton] = []
        self.textChanged.connect(self._update_preview)
        self.selectionChanged.connect(self._update_preview)
        connect_retranslate(self)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.createStandardContextMenu()
        menu.addSeparator()
        menu.addAction(self.convert_action)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def retranslate_ui(self) -> None:
        self.convert_action.setText(_("Convert Latin (ULY) to Uyghur script"))
        self._update_preview()

    def conversion_source(self) -> str:
        raise NotImplementedError

    def preview(self) -> str:
        """What Ctrl+Shift+U would put in place of the selection (or the whole text)."""
        return convert(self.conversion_source())

    def _update_preview(self) -> None:
        tip = _preview_tip(self.conversion_source())
        self.setToolTip(tip)
        for button in self.buttons:
            button.setToolTip(tip)


class UyghurLineEdit(_Conversion, QLineEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._setup_conversion()

    def conversion_source(self) -> str:
        return self.selectedText() if self.hasSelectedText() else self.text()

    def convert_latin(self) -> None:
        if not self.hasSelectedText():
            self.selectAll()
        self.insert(convert(self.selectedText()))  # insert(): one step on the undo stack


class UyghurTextEdit(_Conversion, QPlainTextEdit):
    """Several lines of Uyghur (a list field: one entry a line)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._setup_conversion()

    def conversion_source(self) -> str:
        cursor = self.textCursor()
        text = cursor.selectedText() if cursor.hasSelection() else self.toPlainText()
        return text.replace("\u2029", "\n")

    def convert_latin(self) -> None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.Document)
        converted = convert(cursor.selectedText().replace("\u2029", "\n"))
        cursor.beginEditBlock()
        cursor.insertText(converted)
        cursor.endEditBlock()
        self.setTextCursor(cursor)


class UlyButton(QToolButton):
    """The small button beside a Uyghur field: converts its Latin text (same as Ctrl+Shift+U)."""

    def __init__(self, edit: UyghurLineEdit | UyghurTextEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = edit
        self.setObjectName("ulyButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field; the keyboard has Ctrl+Shift+U
        self.clicked.connect(self._clicked)
        edit.buttons.append(self)
        connect_retranslate(self)

    def _clicked(self) -> None:
        self.edit.convert_latin()
        self.edit.setFocus()

    def retranslate_ui(self) -> None:
        # translators: a button converting Latin-script Uyghur (ULY) to Arabic script; keep it short
        self.setText(_("ULY→"))
        self.setAccessibleName(_("Convert Latin (ULY) to Uyghur script"))
        self.edit._update_preview()


def with_uly_button(edit: UyghurLineEdit | UyghurTextEdit) -> QWidget:
    """The field and its "ULY→" button in one row (the button at the field's top, trailing side)."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(2)
    row.addWidget(edit, 1)
    box.uly_button = UlyButton(edit)
    row.addWidget(box.uly_button, 0, Qt.AlignmentFlag.AlignTop)
    box.edit = edit
    return box

"""A search field that completes as you type and picks one thing: a household, a resident, a handbook item.

Keyboard first: type (any script: the services find Chinese, Uyghur, pinyin, Latin Uyghur, digits), the matches
drop down under the field, Up/Down move, Enter takes the highlighted one (the first, unless you moved) and goes on
to the next field, Esc closes the list. The list is a child of the window, not a popup: keys stay with the field.
Editing a chosen value's text forgets the choice and searches again.

Subclasses say how to search: ``find(text) -> [(display text, payload)]`` and ``display(payload)``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QWidget

from app.i18n import _

DEBOUNCE_MS = 200
MAX_ROWS = 8
PAYLOAD = Qt.ItemDataRole.UserRole


class Dropdown(QListWidget):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("pickerDropdown")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setStyleSheet("QListWidget#pickerDropdown { border: 1px solid #7a8ca5; background: white; }")
        self.hide()


class SearchPicker(QWidget):
    chosen_changed = Signal(object)  # the payload, or None when the choice is cleared

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setClearButtonEnabled(True)
        self.line.installEventFilter(self)
        self.line.textEdited.connect(self._edited)
        self.setFocusProxy(self.line)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        self.dropdown = Dropdown(self)  # moves to the window when it opens, to float over the fields below
        self.destroyed.connect(self.dropdown.deleteLater)
        self.dropdown.itemClicked.connect(self._clicked)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        self._chosen: Any = None
        self._searched = ""
        self.advance_on_choice = True

    # --- what subclasses say ---
    def find(self, text: str) -> list[tuple[str, Any]]:
        raise NotImplementedError

    def display(self, payload: Any) -> str:
        raise NotImplementedError

    # --- state ---
    @property
    def chosen(self) -> Any:
        return self._chosen

    def choose(self, payload: Any) -> None:
        """Take ``payload`` as the choice (also from code: a household given by another page)."""
        self._chosen = payload
        self.timer.stop()
        self.line.setText(self.display(payload) if payload is not None else "")
        self.line.setCursorPosition(0)
        self._hide()
        self._mark_unchosen()
        self.chosen_changed.emit(payload)

    def clear(self) -> None:
        had = self._chosen is not None
        self._chosen = None
        self._searched = ""
        self.timer.stop()
        self.line.clear()
        self._hide()
        self._mark_unchosen()
        if had:
            self.chosen_changed.emit(None)

    def redisplay(self) -> None:
        """After a language switch: the chosen value's text in the new language."""
        if self._chosen is not None:
            self.line.setText(self.display(self._chosen))
            self.line.setCursorPosition(0)

    def results(self) -> list[str]:
        return [self.dropdown.item(n).text() for n in range(self.dropdown.count())]

    # --- searching ---
    def _edited(self, _text: str) -> None:
        self.line.setStyleSheet("")
        if self._chosen is not None:
            self._chosen = None
            self.chosen_changed.emit(None)
        self.timer.start()

    def search_now(self) -> None:
        self.timer.stop()
        text = self.line.text().strip()
        self._searched = text
        found = self.find(text) if text else []
        self.dropdown.clear()
        for shown, payload in found:
            item = QListWidgetItem(shown)
            item.setData(PAYLOAD, payload)
            self.dropdown.addItem(item)
        if found and self.line.hasFocus():
            self.dropdown.setCurrentRow(0)
            self._place()
        elif found:
            self.dropdown.setCurrentRow(0)
        else:
            self._hide()
        self.line.setToolTip("" if found or not text else _("Nothing matches “{text}”.").format(text=text))

    def _place(self) -> None:
        window = self.window()
        if self.dropdown.parent() is not window:
            self.dropdown.setParent(window)
        rows = min(MAX_ROWS, self.dropdown.count())
        height = self.dropdown.sizeHintForRow(0) * rows + 2 * self.dropdown.frameWidth() + 2
        width = max(self.line.width(), 480)
        width = min(width, window.width() - 8)
        below = self.line.mapTo(window, QPoint(0, self.line.height()))
        x = below.x()
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            x = below.x() + self.line.width() - width  # hang from the field's right edge
        x = max(4, min(x, window.width() - width - 4))
        y = below.y()
        if y + height > window.height() - 4:  # no room below: open above the field
            y = max(4, self.line.mapTo(window, QPoint(0, 0)).y() - height)
        self.dropdown.setGeometry(x, y, width, height)
        self.dropdown.setLayoutDirection(self.layoutDirection())
        self.dropdown.raise_()
        self.dropdown.show()

    def _hide(self) -> None:
        self.dropdown.hide()

    def dropdown_open(self) -> bool:
        return self.dropdown.isVisible()

    # --- choosing ---
    def _take_current(self) -> bool:
        if self.timer.isActive() or (self.line.text().strip() and self.line.text().strip() != self._searched):
            self.search_now()
        item = self.dropdown.currentItem()
        if item is None:
            return False
        self.choose(item.data(PAYLOAD))
        return True

    def _clicked(self, item: QListWidgetItem) -> None:
        self.choose(item.data(PAYLOAD))
        self.line.setFocus()

    def _move(self, step: int) -> None:
        if self.timer.isActive():
            self.search_now()
        count = self.dropdown.count()
        if not count:
            return
        if not self.dropdown.isVisible():
            self._place()
            return
        row = max(0, min(count - 1, self.dropdown.currentRow() + step))
        self.dropdown.setCurrentRow(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.line:
            kind = event.type()
            if kind == QEvent.Type.KeyPress:
                key = event.key()
                plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                                 | Qt.KeyboardModifier.AltModifier)
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and plain:
                    self._move(1 if key == Qt.Key.Key_Down else -1)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and self._chosen is None \
                        and self.line.text().strip():
                    if self._take_current() and self.advance_on_choice:
                        self.focusNextChild()
                    return True
                if key == Qt.Key.Key_Escape and self.dropdown.isVisible():
                    self._hide()
                    return True
            elif kind == QEvent.Type.ShortcutOverride:
                if event.key() == Qt.Key.Key_Escape and self.dropdown.isVisible():
                    event.accept()  # Esc closes the list, not the dialog
                    return True
            elif kind == QEvent.Type.FocusOut:
                QTimer.singleShot(150, self._left)
        return super().eventFilter(watched, event)

    def _left(self) -> None:
        """The focus went elsewhere: close the list; a text that names exactly one thing is taken, any other
        text not chosen is marked, so nobody believes it was."""
        if self.line.hasFocus():
            return
        self._hide()
        if self._chosen is None and self.line.text().strip():
            if self.timer.isActive() or self.line.text().strip() != self._searched:
                self.search_now()
            if self.dropdown.count() == 1:
                self.choose(self.dropdown.item(0).data(PAYLOAD))
        self._mark_unchosen()

    def _mark_unchosen(self) -> None:
        unchosen = self._chosen is None and bool(self.line.text().strip())
        self.line.setStyleSheet("QLineEdit { background: #fff4e5; }" if unchosen else "")
        self.line.setToolTip(_("Not chosen yet: press Enter in this field to take the highlighted match.")
                             if unchosen else "")

    def open_results(self) -> None:
        """Search now and show the list (as typing does)."""
        self.search_now()
        if self.dropdown.count():
            self._place()

    def focusNextChild(self) -> bool:  # noqa: N802
        return focus_next(self.line)


def focus_next(widget: QWidget) -> bool:
    """Move the focus as Tab would from ``widget`` (created in Python: its protected method is reachable)."""
    return widget.focusNextChild()

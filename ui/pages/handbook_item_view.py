"""One handbook item, Chinese and Uyghur side by side.

Chinese stands on the left and Uyghur on the right in every UI language (the Uyghur column right to left,
right-aligned): the reading order then starts with the UI's own language, and a worker helping a resident
points at the same place whatever the window speaks. Each field has a heading row across both columns, so
the two texts of a field start on the same line. Each language shows its translation status as a badge.

Above the text: the item's code, category, centre and time limit; the print controls (one A4 sheet in the
language the resident chooses) and, for administrators, Edit and Retire/Restore. The view only emits
signals; the page calls the services.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QSizePolicy, QVBoxLayout, QWidget)

from app.formats import format_number
from app.i18n import N_, NATIVE_NAMES, _, current_language, ngettext
from app.services.handbook import ItemRecord, ItemText
from ui.bidi import ltr, user_text
from ui.fields import mark_data
from ui.label_alignment import align_labels

LTR, RTL = Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft
COLUMN_LANGS = ("zh", "ug")
FIELDS = (  # (field, heading msgid, kind)
    ("target", N_("Target group"), "text"),
    ("policy_basis", N_("Policy basis"), "bullets"),
    ("workflow", N_("Workflow"), "numbered"),
    ("materials", N_("Required materials"), "bullets"),
    ("time_limit", N_("Time limit"), "text"),
    ("place", N_("Place"), "text"),
    ("note", N_("Note"), "text"),
)
STATUS_LABELS = {"draft": N_("Draft"), "reviewed": N_("Reviewed")}
STATUS_TIPS = {"draft": N_("This language's text is a draft: not yet checked by a reviewer."),
               "reviewed": N_("This language's text has been reviewed.")}
BADGE_STYLE = {
    "draft": "background: #fde68a; color: #6b4200; border: 1px solid #e0b84a;",
    "reviewed": "background: #c9efd4; color: #14532d; border: 1px solid #7cc493;",
}
SHEET_LANGS = ("zh", "ug", "bi")


def _data_label(text: str, direction: Qt.LayoutDirection) -> QLabel:
    label = mark_data(QLabel())
    label.setTextFormat(Qt.TextFormat.PlainText)  # handbook text is never parsed as HTML
    label.setWordWrap(True)
    label.setLayoutDirection(direction)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    label.setText(text or "—")
    return label


def _list_cell(entries: tuple[str, ...], numbered: bool, direction: Qt.LayoutDirection) -> QWidget:
    """Entries with a hanging number or bullet: the marker on the line's start side."""
    cell = QWidget()
    cell.setLayoutDirection(direction)
    grid = QGridLayout(cell)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(6)
    grid.setColumnStretch(1, 1)
    if not entries:
        grid.addWidget(_data_label("", direction), 0, 0, 1, 2)
    for row, entry in enumerate(entries):
        marker = _data_label(f"{row + 1}." if numbered else "•", direction)
        marker.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        grid.addWidget(marker, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(_data_label(entry, direction), row, 1)
    return cell


class ItemView(QWidget):
    edit_requested = Signal(str)
    retire_requested = Signal(str)
    restore_requested = Signal(str)
    print_requested = Signal(str, str)  # code, sheet language: zh / ug / bi

    def __init__(self, can_edit: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.can_edit = can_edit
        self.record: ItemRecord | None = None
        self.hint = QLabel()
        self.hint.setObjectName("itemHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.heading = mark_data(QLabel())  # the code and title in the UI language
        self.heading.setObjectName("itemHeading")
        self.heading.setWordWrap(True)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.facts = QLabel()
        self.facts.setObjectName("itemFacts")
        self.facts.setWordWrap(True)

        self.sheet_label = QLabel()
        self.sheet_lang = QComboBox()
        self.sheet_lang.setObjectName("sheetLanguage")
        for lang in SHEET_LANGS:
            self.sheet_lang.addItem("", lang)
        self.sheet_label.setBuddy(self.sheet_lang)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printSheet")
        self.print_button.clicked.connect(self._print)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editItem")
        self.edit_button.clicked.connect(lambda: self.record and self.edit_requested.emit(self.record.code))
        self.retire_button = QPushButton()
        self.retire_button.setObjectName("retireItem")
        self.retire_button.clicked.connect(self._retire_or_restore)
        actions = QHBoxLayout()
        actions.addWidget(self.sheet_label)
        actions.addWidget(self.sheet_lang)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.retire_button)
        self.actions_box = QWidget()
        self.actions_box.setLayout(actions)
        actions.setContentsMargins(0, 0, 0, 0)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.columns: QWidget | None = None
        self.badges: dict[str, QLabel] = {}
        self.headings: list[tuple[QLabel, str]] = []
        self.cells: dict[tuple[str, str], QWidget] = {}  # (field, lang) → the value's widget

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.actions_box)
        layout.addWidget(self.scroll, 1)
        self._show_parts(False)

    # --- showing ---
    def _show_parts(self, has_item: bool) -> None:
        self.hint.setVisible(not has_item)
        for widget in (self.heading, self.facts, self.actions_box, self.scroll):
            widget.setVisible(has_item)
        self.edit_button.setVisible(self.can_edit)
        self.retire_button.setVisible(self.can_edit)

    def clear(self) -> None:
        self.record = None
        self._show_parts(False)

    def show_record(self, record: ItemRecord) -> None:
        self.record = record
        self._build_columns(record)
        self._show_parts(True)
        self.retranslate_ui()
        align_labels(self)

    def _build_columns(self, record: ItemRecord) -> None:
        columns = QWidget()
        columns.setObjectName("itemColumns")
        columns.setLayoutDirection(LTR)  # zh left, ug right in every UI language (see the module's note)
        grid = QGridLayout(columns)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.badges, self.headings, self.cells = {}, [], {}
        for col, lang in enumerate(COLUMN_LANGS):
            direction = RTL if lang == "ug" else LTR
            text = record.texts.get(lang) or ItemText(lang, "", "", (), (), (), "", "", "", "draft")
            head = QWidget()
            head.setLayoutDirection(direction)
            row = QHBoxLayout(head)
            row.setContentsMargins(0, 0, 0, 0)
            name = QLabel(NATIVE_NAMES[lang])  # each language named in itself
            name.setObjectName(f"languageName_{lang}")
            badge = QLabel()
            badge.setObjectName(f"statusBadge_{lang}")
            badge.setProperty("status", text.status)
            badge.setProperty("keepAlignment", True)
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            badge.setStyleSheet(f"QLabel {{ {BADGE_STYLE.get(text.status, '')} border-radius: 8px; "
                                "padding: 1px 8px; }")
            self.badges[lang] = badge
            row.addWidget(name)
            row.addWidget(badge)
            row.addStretch(1)
            grid.addWidget(head, 0, col)
            title = _data_label(text.title, direction)
            title.setObjectName(f"title_{lang}")
            bold = QFont(title.font())
            bold.setBold(True)
            bold.setPointSizeF(bold.pointSizeF() * 1.1)
            title.setFont(bold)
            grid.addWidget(title, 1, col)
            self.cells[("title", lang)] = title
        row_no = 2
        for field, msgid, kind in FIELDS:
            heading = QLabel()
            heading.setObjectName(f"heading_{field}")
            heading.setProperty("keepAlignment", True)
            heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            heading.setStyleSheet("QLabel { color: #1f3a5f; font-weight: bold; border-bottom: 1px solid #c5cedb;"
                                  " padding-top: 8px; }")
            self.headings.append((heading, msgid))
            grid.addWidget(heading, row_no, 0, 1, 2)
            for col, lang in enumerate(COLUMN_LANGS):
                direction = RTL if lang == "ug" else LTR
                text = record.texts.get(lang)
                value = getattr(text, field) if text is not None else ("" if kind == "text" else ())
                cell = (_data_label(value, direction) if kind == "text"
                        else _list_cell(value, kind == "numbered", direction))
                cell.setObjectName(f"{field}_{lang}")
                grid.addWidget(cell, row_no + 1, col, Qt.AlignmentFlag.AlignTop)
                self.cells[(field, lang)] = cell
            row_no += 2
        grid.setRowStretch(row_no, 1)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(columns)
        self.columns = columns

    # --- texts ---
    def retranslate_ui(self) -> None:
        self.hint.setText(_("Choose an item on the list, or type in the search box: Chinese, Uyghur, pinyin "
                            "initials or Latin Uyghur."))
        self.sheet_label.setText(_("Sheet for the resident:"))
        self.sheet_lang.setItemText(0, NATIVE_NAMES["zh"])
        self.sheet_lang.setItemText(1, NATIVE_NAMES["ug"])
        self.sheet_lang.setItemText(2, _("Both languages"))
        self.print_button.setText(_("Print sheet…"))
        self.print_button.setToolTip(_("An A4 sheet of this item to hand to the resident, with a preview first."))
        self.edit_button.setText(_("Edit…"))
        record = self.record
        self.retire_button.setText(_("Restore") if record is not None and record.retired else _("Retire…"))
        if record is None:
            return
        lang = current_language()
        self.heading.setText(f"{ltr(record.code)}  {user_text(record.text(lang).title)}")
        facts = [_("Category: {category}").format(category=user_text(record.category_names.get(lang))),
                 _("Centre: {centre}").format(centre=user_text(record.centre_names.get(lang))),
                 _("Time limit: {days}").format(days=ngettext(
                     "{n} working day", "{n} working days", record.time_limit_days).format(
                     n=format_number(record.time_limit_days)))]
        if record.retired:
            facts.append(_("Retired: not in the lookup, the booklet or the counts."))
        if record.edited:
            facts.append(_("Edited by this office."))
        if record.shipped_change_pending and self.can_edit:
            facts.append(_("A newer shipped version of this item waits for a decision."))
        self.facts.setText(" · ".join(facts))
        for lang_code, badge in self.badges.items():
            status = badge.property("status")
            badge.setText(_(STATUS_LABELS.get(status, status)))
            badge.setToolTip(_(STATUS_TIPS.get(status, "")) if status in STATUS_TIPS else "")
        for heading, msgid in self.headings:
            heading.setText(_(msgid))

    def set_sheet_language(self, lang: str) -> None:
        self.sheet_lang.setCurrentIndex(SHEET_LANGS.index(lang))

    def sheet_language(self) -> str:
        return self.sheet_lang.currentData()

    # --- actions ---
    def _print(self) -> None:
        if self.record is not None:
            self.print_requested.emit(self.record.code, self.sheet_language())

    def _retire_or_restore(self) -> None:
        if self.record is None:
            return
        (self.restore_requested if self.record.retired else self.retire_requested).emit(self.record.code)

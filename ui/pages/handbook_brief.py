"""A handbook item as the front desk shows it to a resident: in the resident's language (Chinese or Uyghur, right
to left), whatever language the window speaks — title, who it is for, what to bring, the steps, how long, where.
The headings are in the resident's language too (``gettext_in``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.i18n import N_, _, gettext_in
from app.services import handbook
from app.services.handbook import ItemRecord
from ui.bidi import ltr
from ui.fields import mark_data

SECTIONS = (("target", N_("Target group"), "text"), ("materials", N_("Required materials"), "bullets"),
            ("workflow", N_("Workflow"), "numbered"), ("time_limit", N_("Time limit"), "text"),
            ("place", N_("Place"), "text"))


def _data(bold: bool = False) -> QLabel:
    label = mark_data(QLabel())
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("keepAlignment", True)
    if bold:
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        label.setFont(font)
    return label


def item_text_lines(record: ItemRecord, lang: str) -> str:
    """The item's sections, one paragraph a line; each line starts with a direction mark, so a line that begins
    with a number, a bullet or a code still runs the language's way."""
    mark = "\u200f" if lang == "ug" else "\u200e"
    text = record.text(lang)
    lines: list[str] = []
    for field, heading, kind in SECTIONS:
        value = getattr(text, field)
        if not value:
            continue
        lines.append(gettext_in(lang, heading) + ":")
        if kind == "text":
            lines.append(value)
        else:
            lines += [f"{n}. {entry}" if kind == "numbered" else f"• {entry}" for n, entry in enumerate(value, 1)]
        lines.append("")
    return "\n".join(mark + line if line else line for line in lines).strip()


class ItemBrief(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("itemBrief")
        self.record: ItemRecord | None = None
        self.lang = "zh"
        self.empty = QLabel()
        self.empty.setObjectName("briefEmpty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #505050;")
        self.title = _data(bold=True)
        self.title.setObjectName("briefTitle")
        self.body = _data()
        self.body.setObjectName("briefBody")
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(4, 4, 4, 4)
        inner_layout.addWidget(self.title)
        inner_layout.addWidget(self.body)
        inner_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll, 1)
        self._write()

    def retranslate_ui(self) -> None:
        self.empty.setText(_("Find the service item: it shows here in the resident's language."))

    def show_item(self, code: str | None) -> None:
        self.record = handbook.item(code) if code else None
        self._write()

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self._write()

    def _write(self) -> None:
        record = self.record
        self.empty.setVisible(record is None)
        self.scroll.setVisible(record is not None)
        if record is None:
            return
        direction = Qt.LayoutDirection.RightToLeft if self.lang == "ug" else Qt.LayoutDirection.LeftToRight
        side = Qt.AlignmentFlag.AlignAbsolute | (Qt.AlignmentFlag.AlignRight if self.lang == "ug"
                                                 else Qt.AlignmentFlag.AlignLeft)
        for label in (self.title, self.body):
            label.setLayoutDirection(direction)
            label.setAlignment(side | Qt.AlignmentFlag.AlignTop)
        self.title.setText(f"{ltr(record.code)}  {record.text(self.lang).title}")
        self.body.setText(item_text_lines(record, self.lang))

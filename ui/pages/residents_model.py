"""Table model of resident search hits. Rows are prepared once (and again after a language switch);
``data()`` only reads them."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.formats import format_date
from app.i18n import N_, _
from app.services.residents_search import ResidentHit
from ui.bidi import ltr, user_text

COLUMNS = (
    ("name_zh", N_("Name (Chinese)")),
    ("name_ug", N_("Name (Uyghur)")),
    ("id_number", N_("ID number")),
    ("phone", N_("Phone")),
    ("birth_date", N_("Date of birth")),
    ("address", N_("Address")),
)
NAME_UG = 1
_UYGHUR_ALIGN = Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def prepare_row(hit: ResidentHit) -> tuple[str, ...]:
    return (
        user_text(hit.name_zh),
        user_text(hit.name_ug),
        ltr(hit.id_number_masked),
        ltr(hit.phone_masked),
        user_text(format_date(hit.birth_date)),
        user_text(hit.address),
    )


class ResidentHitsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._hits: list[ResidentHit] = []
        self._rows: list[tuple[str, ...]] = []

    def set_hits(self, hits: list[ResidentHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._rows = [prepare_row(h) for h in self._hits]
        self.endResetModel()

    def hit(self, row: int) -> ResidentHit:
        return self._hits[row]

    def retranslate(self) -> None:
        """Dates are written in the UI language: prepare the rows again and tell the views."""
        self._rows = [prepare_row(h) for h in self._hits]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == NAME_UG:
            return int(_UYGHUR_ALIGN.value)  # Uyghur names start at the right edge in every window
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section][1])
        return None

"""Labels start at the window's leading edge, whatever their text.

A plain QLabel aligns by its own text's direction: in a Uyghur window an English fallback, a path or a
sentence that starts with "SQLite" would stick to the left edge while everything else starts at the right.
After each retranslation Baijia gives its labels the window's leading edge as an absolute alignment.
Labels aligned on purpose (centred, or marked with the ``keepAlignment`` property) are left alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

AF = Qt.AlignmentFlag
_DEFAULT_SIDES = {AF.AlignLeft.value, (AF.AlignAbsolute | AF.AlignLeft).value,
                  (AF.AlignAbsolute | AF.AlignRight).value}
_HORIZONTAL = (AF.AlignHorizontal_Mask | AF.AlignAbsolute).value


def align_label(label: QLabel) -> None:
    if label.property("keepAlignment"):
        return
    current = label.alignment().value
    if current & _HORIZONTAL not in _DEFAULT_SIDES:
        return
    rtl = label.layoutDirection() == Qt.LayoutDirection.RightToLeft
    side = AF.AlignAbsolute | (AF.AlignRight if rtl else AF.AlignLeft)
    label.setAlignment(Qt.AlignmentFlag(side.value | (current & ~_HORIZONTAL)))


def align_labels(root: QWidget | None = None) -> None:
    """All labels under `root` (all of the application's when None)."""
    labels = root.findChildren(QLabel) if root is not None else [w for w in QApplication.allWidgets()
                                                                   if isinstance(w, QLabel)]
    if isinstance(root, QLabel):
        labels.append(root)
    for label in labels:
        align_label(label)

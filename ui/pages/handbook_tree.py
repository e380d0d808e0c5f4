"""The handbook's left-hand side: centres → categories → items as a tree, and the search results that take
its place while a query is typed. Both show the titles in the UI language (Chinese where none is written)
and say "chosen" with the item's code."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QTreeWidget, QTreeWidgetItem, QWidget

from app.formats import format_number
from app.i18n import N_, _, current_language
from app.services.handbook import CentreNode, ItemSummary
from app.services.handbook_search import SearchHit
from ui.bidi import ltr, user_text

CODE_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
CENTRE, CATEGORY, ITEM = "centre", "category", "item"
RETIRED_COLOR = QColor("#8a8a8a")

# where a search matched, when not in the title (handbook_search.SearchHit.field)
MATCHED_IN = {
    "target": N_("target group"),
    "materials": N_("required materials"),
    "workflow": N_("workflow"),
    "policy_basis": N_("policy basis"),
    "place": N_("place"),
    "note": N_("note"),
    "time_limit": N_("time limit"),
    "words": N_("several fields"),
}


def item_text(summary: ItemSummary, lang: str | None = None) -> str:
    lang = lang or current_language()
    text = f"{ltr(summary.code)}  {user_text(summary.title(lang))}"
    if summary.retired:
        text = _("{item} (retired)").format(item=text)
    return text


class HandbookTree(QTreeWidget):
    """Emits `item_chosen(code)` when an item becomes current (click, arrow keys)."""

    item_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("handbookTree")
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self._centres: list[CentreNode] = []
        self._show_retired = False
        self.currentItemChanged.connect(self._current_changed)

    # --- content ---
    def set_tree(self, centres: list[CentreNode], show_retired: bool) -> None:
        """Fill the tree; keeps what was open and the current item."""
        expanded = self._expanded_codes() if self.topLevelItemCount() else None
        current = self.current_code()
        self._centres, self._show_retired = centres, show_retired
        self.blockSignals(True)
        self.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for centre in centres:
            top = QTreeWidgetItem(self)
            top.setData(0, CODE_ROLE, centre.code)
            top.setData(0, KIND_ROLE, CENTRE)
            top.setFont(0, bold)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for cat in centre.categories:
                node = QTreeWidgetItem(top)
                node.setData(0, CODE_ROLE, cat.code)
                node.setData(0, KIND_ROLE, CATEGORY)
                node.setFlags(Qt.ItemFlag.ItemIsEnabled)
                for summary in cat.items:
                    if summary.retired and not show_retired:
                        continue
                    leaf = QTreeWidgetItem(node)
                    leaf.setData(0, CODE_ROLE, summary.code)
                    leaf.setData(0, KIND_ROLE, ITEM)
                    if summary.retired:
                        leaf.setForeground(0, QBrush(RETIRED_COLOR))
            top.setExpanded(True)
        self._write_texts()
        if expanded is not None:
            for node in self._nodes(CATEGORY):
                node.setExpanded(node.data(0, CODE_ROLE) in expanded)
        self.blockSignals(False)
        if current:
            self.select_code(current, emit=False)

    def retranslate(self) -> None:
        self._write_texts()

    def _summaries(self) -> dict[str, ItemSummary]:
        return {s.code: s for c in self._centres for cat in c.categories for s in cat.items}

    def _write_texts(self) -> None:
        lang = current_language()
        summaries = self._summaries()
        for i, centre in enumerate(self._centres):
            top = self.topLevelItem(i)
            top.setText(0, f"{user_text(centre.names.get(lang))} ({format_number(centre.active)})")
            for j, cat in enumerate(centre.categories):
                node = top.child(j)
                node.setText(0, f"{user_text(cat.names.get(lang))} ({format_number(cat.active)})")
                for k in range(node.childCount()):
                    leaf = node.child(k)
                    summary = summaries[leaf.data(0, CODE_ROLE)]
                    leaf.setText(0, item_text(summary, lang))
                    other = "ug" if lang != "ug" else "zh"
                    leaf.setToolTip(0, user_text(summary.title(other)))

    # --- queries ---
    def _nodes(self, kind: str) -> list[QTreeWidgetItem]:
        out, stack = [], [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            node = stack.pop(0)
            if node.data(0, KIND_ROLE) == kind:
                out.append(node)
            stack[:0] = [node.child(i) for i in range(node.childCount())]
        return out

    def _expanded_codes(self) -> set[str]:
        return {n.data(0, CODE_ROLE) for n in self._nodes(CATEGORY) if n.isExpanded()}

    def category_count(self) -> int:
        return len(self._nodes(CATEGORY))

    def item_codes(self) -> list[str]:
        """The items the tree shows, in order."""
        return [n.data(0, CODE_ROLE) for n in self._nodes(ITEM)]

    def current_code(self) -> str | None:
        node = self.currentItem()
        return node.data(0, CODE_ROLE) if node is not None and node.data(0, KIND_ROLE) == ITEM else None

    def select_code(self, code: str, emit: bool = True) -> bool:
        for node in self._nodes(ITEM):
            if node.data(0, CODE_ROLE) == code:
                node.parent().setExpanded(True)
                self.blockSignals(not emit)
                self.setCurrentItem(node)
                self.blockSignals(False)
                self.scrollToItem(node)
                return True
        return False

    def _current_changed(self, node: QTreeWidgetItem | None, _previous) -> None:
        if node is not None and node.data(0, KIND_ROLE) == ITEM:
            self.item_chosen.emit(node.data(0, CODE_ROLE))


class SearchResults(QListWidget):
    """The hits of a query, best first. Enter, a double click or a click opens one (`item_chosen`)."""

    item_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("handbookResults")
        # long titles are elided, not scrolled sideways (a sideways scroll hides the code in a Uyghur window)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._hits: list[SearchHit] = []
        self.itemActivated.connect(self._open)
        self.itemClicked.connect(self._open)

    def set_hits(self, hits: list[SearchHit]) -> None:
        self._hits = list(hits)
        self.clear()
        for hit in self._hits:
            entry = QListWidgetItem()
            entry.setData(CODE_ROLE, hit.item.code)
            if hit.item.retired:
                entry.setForeground(QBrush(RETIRED_COLOR))
            self.addItem(entry)
        self.retranslate()
        if self._hits:
            self.setCurrentRow(0)

    def retranslate(self) -> None:
        lang = current_language()
        other = "ug" if lang != "ug" else "zh"
        for row, hit in enumerate(self._hits):
            entry = self.item(row)
            entry.setText(item_text(hit.item, lang))  # one line: Qt draws a second line of the other
            #                                           direction badly (or not at all) in a Uyghur window
            tip = user_text(hit.item.title(other))
            if self.match_hint(row):
                tip += "\n" + self.match_hint(row)
            entry.setToolTip(tip)

    def match_hint(self, row: int | None = None) -> str:
        """Where the hit on `row` (the current one by default) matched, when not in its title."""
        row = self.currentRow() if row is None else row
        if not 0 <= row < len(self._hits) or self._hits[row].field not in MATCHED_IN:
            return ""
        return _("Found in: {field}").format(field=_(MATCHED_IN[self._hits[row].field]))

    def codes(self) -> list[str]:
        return [h.item.code for h in self._hits]

    def current_code(self) -> str | None:
        entry = self.currentItem()
        return entry.data(CODE_ROLE) if entry is not None else None

    def move(self, step: int) -> None:
        if self.count():
            self.setCurrentRow(max(0, min(self.count() - 1, self.currentRow() + step)))

    def open_current(self) -> None:
        entry = self.currentItem()
        if entry is not None:
            self._open(entry)

    def _open(self, entry: QListWidgetItem) -> None:
        self.item_chosen.emit(entry.data(CODE_ROLE))

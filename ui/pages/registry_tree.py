"""The registry's navigation: grid → building or lane → household, each level read when it is opened, and the
service lists (one per service tag the role may see).

``chosen(kind, key)`` says what was picked: "all", "grid" (uuid), "building" (uuid), "household" (uuid) or
"tag" (a tag code). Counts come from the services' SQL aggregates; nothing here reads residents one by one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QStyle, QTreeWidget, QTreeWidgetItem

from app.formats import format_number
from app.i18n import _, ngettext
from app.services import households
from app.services.actor import Actor
from app.services.residents_query import visible_tags
from ui.bidi import user_text

KIND, KEY, LOADED = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 2
SP = QStyle.StandardPixmap


def _people(n: int) -> str:
    return ngettext("{n} resident", "{n} residents", n).format(n=format_number(n))


def _households(n: int) -> str:
    return ngettext("{n} household", "{n} households", n).format(n=format_number(n))


def household_label(unit: str, room: str) -> str:
    """A household under its building: "2单元 301" (the building is the level above)."""
    if unit and room:
        return _("entrance {unit}, {room}").format(unit=unit, room=room)
    if unit:
        return _("entrance {unit}").format(unit=unit)
    return room or _("(no room number)")


class RegistryTree(QTreeWidget):
    chosen = Signal(str, str)

    def __init__(self, actor: Actor, with_lists: bool = True, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.with_lists = with_lists
        self.setObjectName("registryTree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.itemExpanded.connect(self._expanded)
        self.currentItemChanged.connect(self._current_changed)
        self._quiet = False

    # --- building ---
    def reload(self, grids: list | None = None) -> None:
        """Read the grids again (after a change, or in another language), keeping what was chosen and opened.
        ``grids``: households.list_grids, when the caller has just read it."""
        if grids is None:
            grids = households.list_grids(self.actor)
        path = self.current_path()
        opened = {(i.data(0, KIND), i.data(0, KEY)) for i in self._all_items() if i.isExpanded()}
        self._quiet = True
        self.clear()
        style = self.style()
        folder = style.standardIcon(SP.SP_DirIcon)
        if self.with_lists:
            everyone = QTreeWidgetItem([_("All residents")])
            everyone.setData(0, KIND, "all")
            everyone.setIcon(0, style.standardIcon(SP.SP_DirHomeIcon))
            self.addTopLevelItem(everyone)
        for grid in grids:
            item = self._node("grid", grid.uuid, f"{user_text(grid.name)} ({format_number(grid.residents)})",
                              expandable=grid.buildings > 0)
            item.setToolTip(0, _("{code}: {households}, {residents}").format(
                code=grid.code, households=_households(grid.households), residents=_people(grid.residents)))
            item.setIcon(0, folder)
            self.addTopLevelItem(item)
        if self.with_lists:
            lists = QTreeWidgetItem([_("Service lists")])
            lists.setData(0, KIND, "lists")
            lists.setFlags(lists.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            for tag in visible_tags(self.actor):
                child = QTreeWidgetItem([tag.label])
                child.setData(0, KIND, "tag")
                child.setData(0, KEY, tag.code)
                lists.addChild(child)
            self.addTopLevelItem(lists)
            lists.setExpanded(True)
        for item in self._all_items():  # lazily: children loaded by an expansion are visited too
            if (item.data(0, KIND), item.data(0, KEY)) in opened:
                item.setExpanded(True)
        self._quiet = False
        if path:
            self.select_path(path, emit=False)

    def _node(self, kind: str, key: str, text: str, expandable: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, KIND, kind)
        item.setData(0, KEY, key)
        if expandable:
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        return item

    def _expanded(self, item: QTreeWidgetItem) -> None:
        if item.data(0, LOADED):
            return
        item.setData(0, LOADED, True)
        kind, key = item.data(0, KIND), item.data(0, KEY)
        if kind == "grid":
            for b in households.list_buildings(self.actor, key):
                child = self._node("building", b.uuid, f"{user_text(b.name)} ({format_number(b.residents)})",
                                   expandable=b.households > 0)
                child.setToolTip(0, _("{households}, {residents}").format(households=_households(b.households),
                                                                          residents=_people(b.residents)))
                item.addChild(child)
        elif kind == "building":
            for h in households.list_households(self.actor, key):
                text = household_label(h.unit, h.room) + (f" · {user_text(h.head_name)}" if h.head_name else "")
                child = self._node("household", h.uuid, f"{text} ({format_number(h.members)})", False)
                child.setToolTip(0, f"{user_text(h.address)}: {_people(h.members)}")
                item.addChild(child)
        if item.childCount() == 0:
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicator)

    # --- choosing ---
    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if self._quiet or current is None or current.data(0, KIND) == "lists":
            return
        self.chosen.emit(current.data(0, KIND), current.data(0, KEY) or "")

    def current_path(self) -> list[tuple[str, str]]:
        """(kind, key) from the top level down to the current item."""
        path, item = [], self.currentItem()
        while item is not None:
            path.insert(0, (item.data(0, KIND), item.data(0, KEY) or ""))
            item = item.parent()
        return path

    def select_path(self, path: list[tuple[str, str]], emit: bool = True) -> bool:
        """Open the levels down to the last (kind, key) of ``path`` and make it current."""
        parent: QTreeWidgetItem | None = None
        found = None
        for kind, key in path:
            children = [self.topLevelItem(n) for n in range(self.topLevelItemCount())] if parent is None else \
                [parent.child(n) for n in range(parent.childCount())]
            found = next((c for c in children if c.data(0, KIND) == kind and (c.data(0, KEY) or "") == key), None)
            if found is None:
                return False
            if parent is not None:
                parent.setExpanded(True)
            self._expanded(found)
            parent = found
        self._quiet = not emit
        self.setCurrentItem(found)
        self.scrollToItem(found)
        self._quiet = False
        return True

    def select_household(self, grid_uuid: str, building_uuid: str, household_uuid: str, emit: bool = False) -> bool:
        return self.select_path([("grid", grid_uuid), ("building", building_uuid), ("household", household_uuid)],
                                emit)

    def _all_items(self):
        stack = [self.topLevelItem(n) for n in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(n) for n in range(item.childCount()))

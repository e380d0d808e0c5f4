"""Today (the first page after log-in): my overdue demands, follow-ups due, households in my grids nobody has
visited for N days, and for the office head the office's counts.

Each line opens what it names (Enter or a double-click): a demand on the Demands page, a household's timeline.
The page only asks; the main window opens (signals below).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from app.formats import format_date, format_number, format_percent
from app.i18n import _, ngettext
from app.services import today
from app.services.actor import Actor
from app.services.today import FollowUp, TodayData
from ui.bidi import embedded, ltr, user_text
from ui.fields import mark_data
from ui.language import connect_retranslate
from ui.office import community_name
from ui.pages.page_header import title_label
from ui.pages.work_texts import OVERDUE_COLOR, days_left_text, estimated_tip, status_text

TARGET = Qt.ItemDataRole.UserRole  # ("demand" | "household", uuid)


def _list(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(name)
    widget.setUniformItemSizes(True)
    widget.setFrameShape(QFrame.Shape.NoFrame)
    widget.setStyleSheet("QListWidget { background: transparent; }")
    return widget


def _fit(widget: QListWidget) -> None:
    rows = max(1, widget.count())
    widget.setFixedHeight(widget.sizeHintForRow(0) * rows + 6 if widget.count() else 8)


class TodayPage(QWidget):
    demand_requested = Signal(str)
    household_requested = Signal(str)
    coverage_requested = Signal()
    demands_requested = Signal(str, bool)  # filter, handled by me
    visit_form_requested = Signal()
    intake_requested = Signal()

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.data: TodayData | None = None
        self.title = title_label()
        self.date_line = mark_data(QLabel())
        self.date_line.setObjectName("todayDate")
        self.visit_button = QPushButton()
        self.visit_button.setObjectName("todayLogVisit")
        self.visit_button.clicked.connect(self.visit_form_requested)
        self.intake_button = QPushButton()
        self.intake_button.setObjectName("todayIntake")
        self.intake_button.clicked.connect(self.intake_requested)
        for button in (self.visit_button, self.intake_button):
            if not actor.can("visits.edit"):  # only hide: shown before a layout takes it, it opens a window
                button.hide()
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.date_line, 1)
        head.addWidget(self.visit_button)
        head.addWidget(self.intake_button)

        self.office_box = QGroupBox()
        self.office_box.setObjectName("officeCounts")
        office = QGridLayout(self.office_box)
        self.office_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for n, key in enumerate(("open", "overdue", "due_soon", "closed", "visits", "coverage")):
            number, caption = mark_data(QLabel()), QLabel()
            number.setObjectName(f"office_{key}")
            font = number.font()
            font.setPointSizeF(font.pointSizeF() * 1.5)
            font.setBold(True)
            number.setFont(font)
            office.addWidget(number, 0, n)
            office.addWidget(caption, 1, n)
            self.office_labels[key] = (number, caption)
        if actor.role != "admin":  # only hide: shown before a layout takes it, it opens a window
            self.office_box.hide()

        self.overdue_box, self.overdue = QGroupBox(), _list("myOverdue")
        self.overdue_all = QPushButton()
        self.overdue_all.setObjectName("allOverdue")
        self.overdue_all.clicked.connect(lambda: self.demands_requested.emit("overdue", True))
        self.follow_box, self.follow_ups = QGroupBox(), _list("followUps")
        self.unvisited_box, self.unvisited = QGroupBox(), _list("unvisited")
        self.coverage_button = QPushButton()
        self.coverage_button.setObjectName("coverageLink")
        self.coverage_button.clicked.connect(self.coverage_requested)
        self.empty_labels: dict[str, QLabel] = {}
        for key, box, widget, button in (("overdue", self.overdue_box, self.overdue, self.overdue_all),
                                         ("follow", self.follow_box, self.follow_ups, None),
                                         ("unvisited", self.unvisited_box, self.unvisited, self.coverage_button)):
            box.setObjectName(f"{key}Box")
            inner = QVBoxLayout(box)
            empty = QLabel()
            empty.setObjectName(f"{key}Empty")
            empty.setStyleSheet("color: #505050;")
            self.empty_labels[key] = empty
            inner.addWidget(widget)
            inner.addWidget(empty)
            if button is not None:
                inner.addWidget(button, 0, Qt.AlignmentFlag.AlignLeading)
            widget.itemActivated.connect(self._activated)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.office_box)
        body_layout.addWidget(self.overdue_box)
        body_layout.addWidget(self.follow_box)
        body_layout.addWidget(self.unvisited_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.hint = QLabel()
        self.hint.setObjectName("todayHint")
        self.hint.setStyleSheet("color: #505050;")
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.hint)
        connect_retranslate(self)

    # --- texts ---
    def retranslate_ui(self) -> None:
        self.title.setText(_("Today"))
        self.visit_button.setText(_("Log a visit"))
        self.intake_button.setText(_("Front-desk intake…"))
        self.overdue_all.setText(_("All my overdue demands…"))
        self.coverage_button.setText(_("Coverage…"))
        self.hint.setText(_("Enter or a double-click opens the demand or the household."))
        self.office_box.setTitle(_("The office"))
        if self.data is not None:  # read first when shown (the main window calls refresh)
            self.refresh()

    def refresh(self) -> None:
        """Read today's lists again (the main window calls this whenever the page is shown)."""
        self.data = today.today_data(self.actor)
        data = self.data
        place = community_name()
        line = format_date(data.on, "full")
        self.date_line.setText(" · ".join(t for t in (embedded(line), user_text(place)) if t))
        self._write_overdue(data)
        self._write_follow_ups(data)
        self._write_unvisited(data)
        if data.office is not None:
            self._write_office(data)

    def _write_overdue(self, data: TodayData) -> None:
        self.overdue_box.setTitle(_("My overdue demands ({n})").format(n=format_number(data.my_overdue_total)))
        self.overdue.clear()
        for row in data.my_overdue:
            text = " · ".join(t for t in (ltr(row.code), days_left_text(row.days_left), user_text(row.description),
                                          user_text(row.address)) if t)
            item = self._item(self.overdue, text, ("demand", row.uuid))
            item.setForeground(QColor(OVERDUE_COLOR))
            if row.deadline_estimated:
                item.setToolTip(estimated_tip())
        self.empty_labels["overdue"].setText(_("Nothing overdue. Well done."))
        self._finish("overdue", self.overdue, self.overdue_all,
                     data.my_overdue_total > len(data.my_overdue) > 0)

    def _follow_text(self, entry: FollowUp) -> str:
        due = format_date(entry.due)
        if entry.kind == "visit":
            v = entry.visit
            return " · ".join(t for t in (due, _("visit again"), user_text(v.address),
                                          user_text(v.needs or v.situation).replace("\n", " ")[:80]) if t)
        d = entry.demand
        step = _("follow-up visit") if d.status == "answered" else _("close after the follow-up")
        return " · ".join(t for t in (due, step, ltr(d.code), status_text(d.status), user_text(d.description),
                                      user_text(d.address)) if t)

    def _write_follow_ups(self, data: TodayData) -> None:
        self.follow_box.setTitle(_("Follow-ups due ({n})").format(n=format_number(data.follow_ups_total)))
        self.follow_ups.clear()
        for entry in data.follow_ups:
            target = ("household", entry.visit.household_uuid) if entry.kind == "visit" else (
                "demand", entry.demand.uuid)
            item = self._item(self.follow_ups, self._follow_text(entry), target)
            if entry.due < data.on:
                item.setForeground(QColor(OVERDUE_COLOR))
        self.empty_labels["follow"].setText(_("No follow-ups due in the next days."))
        self._finish("follow", self.follow_ups, None, False)

    def _write_unvisited(self, data: TodayData) -> None:
        self.unvisited_box.setTitle(ngettext(
            "Households not visited for {days} days: {n}", "Households not visited for {days} days: {n}",
            data.unvisited_total).format(days=format_number(data.days), n=format_number(data.unvisited_total)))
        self.unvisited.clear()
        for household in data.unvisited_first:
            last = household.days_since(data.on)
            when = ngettext("last visit {n} day ago", "last visit {n} days ago", last).format(
                n=format_number(last)) if last is not None else _("never visited")
            text = " · ".join(t for t in (user_text(household.address), user_text(household.head_name), when) if t)
            self._item(self.unvisited, text, ("household", household.uuid))
        self.empty_labels["unvisited"].setText(_("Every household was visited in this time."))
        self._finish("unvisited", self.unvisited, self.coverage_button, True)

    def _write_office(self, data: TodayData) -> None:
        office = data.office
        values = {
            "open": (format_number(office.demands.open), _("open demands")),
            "overdue": (format_number(office.demands.overdue), _("overdue")),
            "due_soon": (format_number(office.demands.due_soon), _("due in 3 days")),
            "closed": (format_number(office.demands.closed_this_month), _("closed this month")),
            "visits": (format_number(office.visits_this_month), _("visits this month")),
            "coverage": (format_percent(office.coverage_percent / 100) if office.coverage_percent is not None
                         else "—", _("households visited in {days} days").format(days=format_number(data.days))),
        }
        for key, (number, caption) in values.items():
            self.office_labels[key][0].setText(number)
            self.office_labels[key][1].setText(caption)
        overdue = self.office_labels["overdue"][0]
        overdue.setStyleSheet(f"color: {OVERDUE_COLOR};" if office.demands.overdue else "")

    @staticmethod
    def _item(widget: QListWidget, text: str, target: tuple[str, str]) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(TARGET, target)
        widget.addItem(item)
        return item

    def _finish(self, key: str, widget: QListWidget, button: QPushButton | None, more: bool) -> None:
        empty = widget.count() == 0
        widget.setVisible(not empty)
        self.empty_labels[key].setVisible(empty)
        if button is not None:
            button.setVisible(more)
        _fit(widget)

    # --- opening ---
    def _activated(self, item: QListWidgetItem) -> None:
        self.open_target(item.data(TARGET))

    def open_target(self, target: tuple[str, str]) -> None:
        kind, uuid = target
        if kind == "demand":
            self.demand_requested.emit(uuid)
        else:
            self.household_requested.emit(uuid)

    def targets(self, widget: QListWidget) -> list[tuple[str, str]]:
        return [tuple(widget.item(n).data(TARGET)) for n in range(widget.count())]

    @property
    def today(self) -> dt.date:
        return self.data.on if self.data else dt.date.today()

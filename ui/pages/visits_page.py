"""Visits (走访, 进百家门): log a visit, my visits this week, coverage — three tabs of one page.

The page asks the main window to show a household's timeline (``household_requested``) and a demand
(``demand_requested``); the main window decides where those open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from app.i18n import _
from app.services import households
from app.services.actor import Actor
from app.services.residents import ResidentNotFound
from ui.language import connect_retranslate
from ui.pages.coverage_view import CoverageView
from ui.pages.my_week import MyWeekView
from ui.pages.page_header import title_label
from ui.pages.visit_form import VisitForm

FORM, WEEK, COVERAGE = range(3)


class VisitsPage(QWidget):
    household_requested = Signal(str)
    demand_requested = Signal(str)

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.title = title_label()
        self.intro = QLabel()
        self.intro.setObjectName("visitsIntro")
        self.intro.setWordWrap(True)
        self.form = VisitForm(actor)
        self.form.saved.connect(lambda _view: self.week.refresh())
        self.form.timeline_requested.connect(self.household_requested)
        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.setWidget(self.form)
        self.week = MyWeekView(actor)
        self.week.timeline_requested.connect(self.household_requested)
        self.coverage = CoverageView(actor)
        self.coverage.household_requested.connect(self.household_requested)
        self.coverage.visit_requested.connect(self.start_visit)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("visitsTabs")
        self.tabs.addTab(form_scroll, "")
        self.tabs.addTab(self.week, "")
        self.tabs.addTab(self.coverage, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        can_log = actor.can("visits.edit")
        self.tabs.setTabEnabled(FORM, can_log)
        if not can_log:
            self.tabs.setCurrentIndex(WEEK)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.tabs, 1)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Visits"))
        self.intro.setText(_("Log each visit as you make it; the coverage shows which homes nobody has entered "
                             "lately."))
        self.tabs.setTabText(FORM, _("Log a visit"))
        self.tabs.setTabText(WEEK, _("My visits this week"))
        self.tabs.setTabText(COVERAGE, _("Coverage"))

    def refresh(self) -> None:
        """Shown again (the main window calls this): read what may have changed."""
        if self.tabs.currentIndex() == WEEK:
            self.week.refresh()
        elif self.tabs.currentIndex() == COVERAGE:
            self.coverage.refresh()
        elif self.tabs.currentIndex() == FORM:
            self.form.start()

    def _tab_changed(self, index: int) -> None:
        if index == COVERAGE:
            self.coverage.refresh()
        elif index == WEEK:
            self.week.refresh()
        elif index == FORM:
            self.form.start()

    # --- asked by other pages ---
    def start_visit(self, household_uuid: str, address: str = "") -> None:
        """The form, with this household filled in, ready for what was learnt."""
        if not address:
            try:
                address = households.get_household(self.actor, household_uuid).household.address
            except ResidentNotFound:
                return
        self.tabs.setCurrentIndex(FORM)
        self.form.set_household(household_uuid, address)
        self.form.situation.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_visit_form(self) -> None:
        self.tabs.setCurrentIndex(FORM)
        self.form.start()

    def show_coverage(self) -> None:
        self.tabs.setCurrentIndex(COVERAGE)

    def show_week(self) -> None:
        self.tabs.setCurrentIndex(WEEK)

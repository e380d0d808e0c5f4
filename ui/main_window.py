"""The main window: side navigation (Ctrl+1…7), the pages, a language switch, who is logged in.

Pages ask for things that open elsewhere with signals (a demand, a household, the coverage, the front-desk
intake); the window connects whichever of them a page has (``ROUTES``) and decides where each opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget,
                               QStyle, QToolBar, QWidget)

from app import __version__
from app.i18n import LANGUAGES, N_, NATIVE_NAMES, _, current_language
from app.services.actor import ROLE_LABELS, Actor
from app.services.setup import InitResult
from ui import messages
from ui.bidi import ltr, user_text
from ui.language import connect_retranslate, language_manager
from ui.office import community_name, database_kind

SP = QStyle.StandardPixmap


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # msgid
    icon: QStyle.StandardPixmap
    create: Callable[["MainWindow"], QWidget]  # imports lazily: the window shows before heavy pages load


def _today(w: "MainWindow") -> QWidget:
    from ui.pages.today_page import TodayPage
    return TodayPage(w.actor)


def _residents(w: "MainWindow") -> QWidget:
    from ui.pages.residents_page import ResidentsPage
    return ResidentsPage(w.actor)


def _visits(w: "MainWindow") -> QWidget:
    from ui.pages.visits_page import VisitsPage
    return VisitsPage(w.actor)


def _demands(w: "MainWindow") -> QWidget:
    from ui.pages.demands_page import DemandsPage
    return DemandsPage(w.actor)


def _handbook(w: "MainWindow") -> QWidget:
    from ui.pages.handbook_page import HandbookPage
    return HandbookPage(w.actor)


def _reports(w: "MainWindow") -> QWidget:
    from ui.pages.reports_page import ReportsPage
    return ReportsPage(w.actor)


def _settings(w: "MainWindow") -> QWidget:
    from ui.pages.settings_page import SettingsPage
    return SettingsPage(w.actor, w.db_info)


PAGES = (
    PageSpec("today", N_("Today"), SP.SP_DialogApplyButton, _today),
    PageSpec("residents", N_("Residents"), SP.SP_DirHomeIcon, _residents),
    PageSpec("visits", N_("Visits"), SP.SP_FileDialogContentsView, _visits),
    PageSpec("demands", N_("Demands"), SP.SP_MessageBoxQuestion, _demands),
    PageSpec("handbook", N_("Handbook"), SP.SP_FileDialogInfoView, _handbook),
    PageSpec("reports", N_("Reports"), SP.SP_FileIcon, _reports),
    PageSpec("settings", N_("Settings"), SP.SP_ComputerIcon, _settings),
)


class MainWindow(QMainWindow):
    logged_out = Signal()

    def __init__(self, actor: Actor, db_info: InitResult | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor, self.db_info = actor, db_info
        self.resize(1200, 760)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setSpacing(2)
        self.nav.setFixedWidth(190)
        style = self.style()
        for spec in PAGES:
            item = QListWidgetItem(style.standardIcon(spec.icon), "")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self.dialogs: dict[str, QWidget] = {}  # open non-modal dialogs: "timeline", "intake"
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_menus_and_toolbar()
        self.user_label, self.db_label = QLabel(), QLabel()
        self.user_label.setObjectName("userStatus")
        self.db_label.setObjectName("dbStatus")
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)

        self.nav.currentRowChanged.connect(self._show_row)
        connect_retranslate(self)
        self.nav.setCurrentRow(0)

    # --- building ---
    def _build_actions(self) -> None:
        self.page_actions: list[QAction] = []
        for number, spec in enumerate(PAGES, start=1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_page(key))
            self.page_actions.append(action)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang in LANGUAGES:
            action = QAction(NATIVE_NAMES[lang], self)  # each language written in itself, never translated
            action.setCheckable(True)
            action.setData(lang)
            action.triggered.connect(lambda _checked=False, code=lang: language_manager().switch(code))
            self.language_group.addAction(action)
            self.language_actions[lang] = action
        self.logout_action = QAction(self)
        self.logout_action.triggered.connect(self._log_out)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._about)
        self.intake_action = QAction(self)
        self.intake_action.setObjectName("intakeAction")
        self.intake_action.setShortcut(QKeySequence("Ctrl+I"))
        self.intake_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.intake_action.triggered.connect(self.open_intake)
        self.intake_action.setVisible(self.actor.can("visits.edit"))
        self.intake_action.setEnabled(self.actor.can("visits.edit"))

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.logout_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.go_menu = bar.addMenu("")
        self.go_menu.addActions(self.page_actions)
        self.go_menu.addSeparator()
        self.go_menu.addAction(self.intake_action)
        self.language_menu = bar.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("languageToolbar")
        self.toolbar.setMovable(False)
        self.toolbar_label = QLabel()
        self.toolbar.addWidget(self.toolbar_label)
        self.toolbar.addActions(list(self.language_actions.values()))
        self.addToolBar(self.toolbar)

    # --- texts ---
    def retranslate_ui(self) -> None:
        name = community_name()
        self.setWindowTitle(_("Baijia — {community}").format(community=user_text(name)) if name else _("Baijia"))
        for row, spec in enumerate(PAGES):
            self.nav.item(row).setText(_(spec.title))
            self.page_actions[row].setText(_(spec.title))
        self.file_menu.setTitle(_("File"))
        self.go_menu.setTitle(_("Go"))
        self.language_menu.setTitle(_("Language"))
        self.help_menu.setTitle(_("Help"))
        self.logout_action.setText(_("Log out"))
        self.quit_action.setText(_("Quit"))
        self.about_action.setText(_("About Baijia"))
        self.intake_action.setText(_("Front-desk intake…"))
        self.toolbar.setWindowTitle(_("Language"))
        self.toolbar_label.setText(_("Language:") + " ")
        self.language_actions[current_language()].setChecked(True)
        who = user_text(self.actor.display_name or self.actor.username)
        self.user_label.setText(_("Logged in: {name} ({role})").format(
            name=who, role=_(ROLE_LABELS.get(self.actor.role, self.actor.role))))
        if self.db_info is not None:
            target = self.db_info.target
            self.db_label.setText(_("Database: {kind}, {location}").format(
                kind=database_kind(target.kind), location=ltr(target.location)))

    # --- navigation ---
    def page_keys(self) -> list[str]:
        return [spec.key for spec in PAGES]

    def current_page_key(self) -> str:
        return PAGES[self.nav.currentRow()].key

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.page_keys().index(key))

    def page(self, key: str) -> QWidget:
        """The page widget, created on first use."""
        if key not in self.pages:
            spec = PAGES[self.page_keys().index(key)]
            widget = spec.create(self)
            widget.setObjectName(f"page_{key}")
            self._connect_page(widget)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        widget = self.page(PAGES[row].key)
        self.stack.setCurrentWidget(widget)
        refresh = getattr(widget, "refresh", None)
        if refresh is not None:
            refresh()

    def _connect_page(self, widget: QWidget) -> None:
        routes = {
            "demand_requested": self.open_demand,
            "household_requested": self.open_household,
            "coverage_requested": self.show_coverage,
            "demands_requested": self.show_demands,
            "visit_form_requested": self.show_visit_form,
            "intake_requested": self.open_intake,
        }
        for signal, slot in routes.items():
            if hasattr(widget, signal):
                getattr(widget, signal).connect(slot)

    # --- opening things other pages ask for ---
    def open_demand(self, uuid: str) -> None:
        self.show_page("demands")
        self.page("demands").show_demand(uuid)

    def show_demands(self, status: str, mine: bool = False) -> None:
        self.show_page("demands")
        self.page("demands").set_filter(status, mine)

    def open_household(self, uuid: str) -> QWidget:
        """A household's visits and demands. (The residents registry may later take this over with its own
        household view: then route it there, e.g. ``self.page("residents").show_household(uuid)``.)"""
        from ui.pages.household_timeline import HouseholdTimelineDialog

        dialog = HouseholdTimelineDialog(self.actor, uuid, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.demand_requested.connect(lambda demand: (dialog.close(), self.open_demand(demand)))
        dialog.visit_requested.connect(lambda household: (dialog.close(), self.start_visit(household)))
        dialog.destroyed.connect(lambda _obj=None: self.dialogs.pop("timeline", None))
        self.dialogs["timeline"] = dialog
        dialog.show()
        return dialog

    def start_visit(self, household_uuid: str) -> None:
        self.show_page("visits")
        self.page("visits").start_visit(household_uuid)

    def show_visit_form(self) -> None:
        self.show_page("visits")
        self.page("visits").start_visit_form()

    def show_coverage(self) -> None:
        self.show_page("visits")
        self.page("visits").show_coverage()

    def open_intake(self) -> QWidget | None:
        if not self.actor.can("visits.edit"):
            return None
        from ui.pages.intake_dialog import IntakeDialog

        dialog = self.dialogs.get("intake")
        if dialog is None:
            dialog = IntakeDialog(self.actor, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.saved.connect(lambda _view: self._refresh_current())
            dialog.destroyed.connect(lambda _obj=None: self.dialogs.pop("intake", None))
            self.dialogs["intake"] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _refresh_current(self) -> None:
        refresh = getattr(self.stack.currentWidget(), "refresh", None)
        if refresh is not None:
            refresh()

    # --- commands ---
    def _log_out(self) -> None:
        self.logged_out.emit()  # the application hides this window and shows the log-in dialog

    def _about(self) -> None:
        messages.show_info(self, _("Baijia {version}: service handbook, households, visits and demands for "
                                   "community offices, in Chinese and Uyghur.").format(version=__version__),
                           _("About Baijia"))

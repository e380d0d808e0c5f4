"""Reports: printable ledgers and the monthly report — they come with visits, demands and the handbook."""

from __future__ import annotations

from app.i18n import _, ngettext
from app.services import setup
from ui.pages.upcoming_page import UpcomingPage, n


class ReportsPage(UpcomingPage):
    def title_text(self) -> str:
        return _("Reports")

    def purpose_text(self) -> str:
        return _("Here you will print the monthly work report, visit coverage ledgers and route sheets, "
                 "demand ledgers and the handbook booklet, in Chinese, Uyghur or both.")

    def note_text(self) -> str:
        return _("Reports come with the coming updates for visits, demands and the handbook.")

    def fact_lines(self, counts: setup.Counts) -> list[str]:
        return [
            ngettext("{n} community", "{n} communities", counts.communities).format(n=n(counts.communities)),
            ngettext("{n} grid", "{n} grids", counts.grids).format(n=n(counts.grids)),
            ngettext("{n} building or lane", "{n} buildings and lanes", counts.buildings).format(
                n=n(counts.buildings)),
            ngettext("{n} household", "{n} households", counts.households).format(n=n(counts.households)),
            ngettext("{n} resident", "{n} residents", counts.residents).format(n=n(counts.residents)),
            ngettext("{n} user", "{n} users", counts.users).format(n=n(counts.users)),
        ]

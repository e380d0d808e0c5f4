"""Demands (诉求): residents' requests from acceptance to closing — issue #6; until then the page says so."""

from __future__ import annotations

from app.i18n import _, ngettext
from app.services import setup
from ui.pages.upcoming_page import UpcomingPage, n


class DemandsPage(UpcomingPage):
    def title_text(self) -> str:
        return _("Demands")

    def purpose_text(self) -> str:
        return _("Here the office will follow each resident's demand: accepted, in progress, answered, "
                 "follow-up visit, closed — with deadlines in working days.")

    def note_text(self) -> str:
        return _("The demand ledger comes with a coming update of Baijia.")

    def fact_lines(self, counts: setup.Counts) -> list[str]:
        return [ngettext("This database holds {n} resident.", "This database holds {n} residents.",
                         counts.residents).format(n=n(counts.residents))]

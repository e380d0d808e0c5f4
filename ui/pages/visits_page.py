"""Visits (走访): the door-to-door visit log — issue #6; until then the page says so."""

from __future__ import annotations

from app.i18n import _, ngettext
from app.services import setup
from ui.pages.upcoming_page import UpcomingPage, n


class VisitsPage(UpcomingPage):
    def title_text(self) -> str:
        return _("Visits")

    def purpose_text(self) -> str:
        return _("Here grid workers will record home, phone and front-desk visits, and see which households "
                 "have not been visited for a long time.")

    def note_text(self) -> str:
        return _("The visit log comes with a coming update of Baijia.")

    def fact_lines(self, counts: setup.Counts) -> list[str]:
        return [
            ngettext("This database holds {n} household to visit.", "This database holds {n} households to visit.",
                     counts.households).format(n=n(counts.households)),
            ngettext("They live in {n} grid.", "They live in {n} grids.", counts.grids).format(n=n(counts.grids)),
        ]

"""Handbook (服务手册): the community's service items — issue #4; until then the page says so."""

from __future__ import annotations

from app.i18n import _, ngettext
from app.services import setup
from ui.pages.upcoming_page import UpcomingPage, n


class HandbookPage(UpcomingPage):
    def title_text(self) -> str:
        return _("Handbook")

    def purpose_text(self) -> str:
        return _("Here the front desk will look up the community's service items: policy basis, workflow, "
                 "required materials and time limit, in Chinese and Uyghur, and print them as a booklet.")

    def note_text(self) -> str:
        return _("The service handbook comes with a coming update of Baijia.")

    def fact_lines(self, counts: setup.Counts) -> list[str]:
        try:  # the handbook service arrives with issue #4; until then there is nothing to count
            from app.services import handbook
            book = handbook.counts()
        except (ImportError, AttributeError):
            return []
        return [_("This database holds {items} in {categories}.").format(
            items=ngettext("{n} service item", "{n} service items", book.items).format(n=n(book.items)),
            categories=ngettext("{n} category", "{n} categories", book.categories).format(n=n(book.categories)))]

"""How visits and demands are written on screen: deadlines with days left (estimated ones marked "≈"), the
lifecycle's actions as buttons say them, times of steps, kinds and statuses — all in the UI language, dates and
numbers through app.formats.
"""

from __future__ import annotations

import datetime as dt

from app.formats import format_date, format_datetime, format_number
from app.i18n import N_, _, ngettext
from app.services.demands import CHANNEL_LABELS, STATUS_LABELS
from app.services.demands_list import DemandRow
from app.services.visits import KIND_LABELS
from ui.bidi import embedded

ESTIMATED_MARK = "≈"
OVERDUE_COLOR = "#b42318"
SOON_COLOR = "#9a5b00"

# (from, to) → the button's words; else by target status
ACTION_LABELS = {
    ("accepted", "in_progress"): N_("Start handling"),
    ("answered", "in_progress"): N_("Handle again"),
    ("follow_up", "in_progress"): N_("Handle again"),
    ("referred", "in_progress"): N_("Back to us"),
    ("referred", "answered"): N_("Answer received"),
}
TARGET_LABELS = {
    "in_progress": N_("Start handling"),
    "answered": N_("Record the answer"),
    "follow_up": N_("Follow-up visit done…"),
    "closed": N_("Close…"),
    "referred": N_("Refer…"),
    "declined": N_("Decline…"),
}
ACTION_TIPS = {
    "in_progress": N_("The office works on it (办理)."),
    "answered": N_("The resident has been given an answer (反馈)."),
    "follow_up": N_("You went back to the resident and asked whether it is settled (回访)."),
    "closed": N_("Settled; the resident's satisfaction is recorded (办结)."),
    "referred": N_("Handed to another office (转办): say to whom."),
    "declined": N_("Not accepted (不予受理): say why."),
}


def action_label(current: str, target: str) -> str:
    return _(ACTION_LABELS.get((current, target)) or TARGET_LABELS.get(target, STATUS_LABELS.get(target, target)))


def status_text(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def kind_text(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def channel_text(channel: str) -> str:
    return _(CHANNEL_LABELS.get(channel, channel))


def days_left_text(days_left: int | None) -> str:
    if days_left is None:
        return ""
    if days_left == 0:
        return _("due today")
    if days_left > 0:
        return ngettext("{n} day left", "{n} days left", days_left).format(n=format_number(days_left))
    late = -days_left
    return ngettext("{n} day overdue", "{n} days overdue", late).format(n=format_number(late))


def estimated_tip() -> str:
    return _("No holiday schedule is known for this year: the deadline counts weekends only. It is recomputed when "
             "the office enters the year's holidays.")


def deadline_text(row: DemandRow, with_days: bool = True) -> str:
    """"≈ 2027年1月8日 · 3 days left"; the date alone for closed demands; "" without a deadline."""
    if row.deadline is None:
        return ""
    text = embedded(format_date(row.deadline))
    if row.deadline_estimated:
        text = f"{ESTIMATED_MARK} {text}"
    if with_days and row.days_left is not None:
        text = f"{text} · {embedded(days_left_text(row.days_left))}"
    return text


def deadline_tip(row: DemandRow) -> str:
    return estimated_tip() if row.deadline_estimated and row.deadline is not None else ""


def deadline_color(row: DemandRow) -> str | None:
    if row.days_left is None:
        return None
    if row.days_left < 0:
        return OVERDUE_COLOR
    if row.days_left <= 3:
        return SOON_COLOR
    return None


def local_datetime(at: dt.datetime | str | None) -> str:
    """A UTC time from the database, on this PC's clock, written the UI language's way."""
    if at is None or at == "":
        return ""
    if isinstance(at, str):
        at = dt.datetime.fromisoformat(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.timezone.utc)
    return format_datetime(at.astimezone().replace(tzinfo=None), "short")


def satisfaction_text(value: int | None) -> str:
    if value is None:
        return _("not recorded")
    return _("{n} of 5").format(n=value)


def date_text(day: dt.date | None) -> str:
    """A date inside a sentence: isolated, so a right-to-left sentence cannot reorder it."""
    return embedded(format_date(day)) if day else ""

"""The office's working-day calendar: the chinese-calendar package's years plus schedules the office enters.

When the State Council publishes next year's holidays, the office head types them in (setting
``holiday_schedules`` = {"2027": {"holidays": [...], "workdays": [...]}}); until then deadlines in that year count
weekends only and are marked estimated. Entering a schedule recomputes the estimated deadlines of open demands.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from app.db.database import database
from app.db.models import Demand
from app.db.models.demands import OPEN_STATUSES
from app.domain.workdays import OfficeSchedule, WorkCalendar
from app.i18n import _
from app.services import audit, settings
from app.services.actor import Actor
from app.services.resident_validation import FieldError
from app.services.work_common import WorkValidationError

SETTING = "holiday_schedules"


def holiday_schedules() -> dict[int, OfficeSchedule]:
    stored = settings.get(SETTING, {}) or {}
    out = {}
    for year, entry in stored.items():
        out[int(year)] = OfficeSchedule(int(year),
                                        frozenset(dt.date.fromisoformat(d) for d in entry.get("holidays", ())),
                                        frozenset(dt.date.fromisoformat(d) for d in entry.get("workdays", ())))
    return out


def office_calendar() -> WorkCalendar:
    return WorkCalendar(holiday_schedules())


def _dates(field: str, year: int, values: Iterable) -> tuple[list[dt.date], list[FieldError]]:
    days, errors = [], []
    for value in values:
        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value).strip())
        except ValueError:
            errors.append(FieldError(field, _("{value} is not a date (YYYY-MM-DD).").format(value=value)))
            continue
        if day.year != year:
            errors.append(FieldError(field, _("{day} is not in {year}.").format(day=day.isoformat(), year=year)))
        days.append(day)
    return sorted(set(days)), errors


def set_holiday_schedule(actor: Actor, year: int, holidays: Iterable, workdays: Iterable) -> int:
    """Enter (or replace) a year's published schedule: holidays on weekdays and make-up working days.
    Admin only (settings.edit). Returns how many open demands got a new, no longer estimated deadline."""
    actor.require("settings.edit")
    year = int(year)
    off, errors = _dates("holidays", year, holidays)
    work, more = _dates("workdays", year, workdays)
    errors += more
    both = sorted(set(off) & set(work))
    if both:
        errors.append(FieldError("workdays", _("{day} cannot be both a holiday and a working day.")
                                 .format(day=both[0].isoformat())))
    if not (2000 <= year <= 2100):
        errors.append(FieldError("year", _("{year} is not a plausible year.").format(year=year)))
    if errors:
        raise WorkValidationError(errors)
    before = office_calendar()
    stored = dict(settings.get(SETTING, {}) or {})
    stored[str(year)] = {"holidays": [d.isoformat() for d in off], "workdays": [d.isoformat() for d in work]}
    with database.atomic():
        settings.put(actor, SETTING, stored)
        after = office_calendar()
        changed = _recompute_estimated(before, after)
        audit.record(actor, "calendar.schedule", "setting", year=year, holidays=len(off), workdays=len(work),
                     deadlines_recomputed=changed)
    return changed


def _recompute_estimated(before: WorkCalendar, after: WorkCalendar) -> int:
    """Open demands whose deadline was estimated keep their length in working days, counted anew."""
    changed = 0
    rows = Demand.select().where(Demand.status.in_(OPEN_STATUSES) & (Demand.deadline_estimated == 1)
                                 & Demand.deadline.is_null(False))
    for row in rows:
        days = before.workdays_between(row.accepted_on, row.deadline)
        new = after.add_workdays(row.accepted_on, max(0, days))
        if new.due != row.deadline or int(new.estimated) != row.deadline_estimated:
            row.deadline, row.deadline_estimated = new.due, int(new.estimated)
            row.save(only=[Demand.deadline, Demand.deadline_estimated])
            changed += 1
    return changed

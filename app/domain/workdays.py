"""Chinese working days: statutory holidays and make-up work days, for demand deadlines.

The chinese-calendar package knows the State Council's schedules it was released with (2004–2026 in 1.11).
For later years the office enters the schedule when it is published (``OfficeSchedule``); where no schedule is
known at all, weekends are the only days off and the result is marked *estimated* so the screen can say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class OfficeSchedule:
    """A year's schedule typed in by the office: holidays (days off on weekdays) and make-up work days."""

    year: int
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    workdays: frozenset[dt.date] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    estimated: bool  # True when some day on the way had no known schedule (weekends only)


class WorkCalendar:
    def __init__(self, schedules: dict[int, OfficeSchedule] | None = None):
        self.schedules = dict(schedules or {})

    def knows(self, day: dt.date) -> bool:
        if day.year in self.schedules:
            return True
        try:
            chinese_calendar.is_workday(day)
        except NotImplementedError:
            return False
        return True

    def is_workday(self, day: dt.date) -> tuple[bool, bool]:
        """(is a working day, known from a schedule)."""
        schedule = self.schedules.get(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                return True, True
            if day in schedule.holidays:
                return False, True
            return day.weekday() < 5, True
        try:
            return chinese_calendar.is_workday(day), True
        except NotImplementedError:
            return day.weekday() < 5, False

    def add_workdays(self, start: dt.date, days: int) -> Deadline:
        """The date ``days`` working days after ``start`` (the day of acceptance does not count).
        0 days means the same day (handled on the spot)."""
        if days < 0:
            raise ValueError("days must be ≥ 0")
        current, estimated, left = start, False, days
        while left > 0:
            current += ONE_DAY
            working, known = self.is_workday(current)
            estimated = estimated or not known
            if working:
                left -= 1
        return Deadline(current, estimated)

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when end is before start)."""
        if end < start:
            return -self.workdays_between(end, start)
        count, current = 0, start
        while current < end:
            current += ONE_DAY
            if self.is_workday(current)[0]:
                count += 1
        return count

"""Deadlines in Chinese working days: Spring Festival, make-up work days, years without a known schedule."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.workdays import OfficeSchedule, WorkCalendar

D = dt.date


def test_a_deadline_across_the_2026_spring_festival_lands_on_the_right_working_day():
    cal = WorkCalendar()
    # 2026-02-13 (Fri) accepted; 2026-02-14 (Sat) is a make-up work day; 15–23 Feb are the holiday.
    assert cal.is_workday(D(2026, 2, 14)) == (True, True)
    assert cal.is_workday(D(2026, 2, 16)) == (False, True)
    due = cal.add_workdays(D(2026, 2, 13), 2)
    assert due.due == D(2026, 2, 24) and not due.estimated


def test_national_day_week_is_skipped():
    cal = WorkCalendar()
    assert cal.add_workdays(D(2025, 9, 30), 1).due == D(2025, 10, 9)


def test_same_day_service_is_due_today():
    assert WorkCalendar().add_workdays(D(2026, 3, 2), 0).due == D(2026, 3, 2)


def test_beyond_the_known_schedule_weekends_only_and_marked_estimated():
    due = WorkCalendar().add_workdays(D(2026, 12, 30), 5)
    assert due.estimated
    assert due.due == D(2027, 1, 6)


def test_a_schedule_the_office_entered_is_used_and_not_estimated():
    schedule = OfficeSchedule(2027, holidays=frozenset({D(2027, 1, 1)}), workdays=frozenset({D(2027, 1, 2)}))
    cal = WorkCalendar({2027: schedule})
    due = cal.add_workdays(D(2026, 12, 31), 2)
    assert due == type(due)(D(2027, 1, 4), False)


@given(st.dates(D(2005, 1, 1), D(2026, 6, 30)), st.integers(0, 40))
def test_counting_back_gives_the_days_added(start, days):
    cal = WorkCalendar()
    due = cal.add_workdays(start, days)
    assert cal.workdays_between(start, due.due) == days


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        WorkCalendar().add_workdays(D(2026, 1, 5), -1)

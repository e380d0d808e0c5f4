"""The Today page, the first page after log-in: what is late, what is due, which homes nobody has entered,
and for the office head the counts of the office."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import SQL, fn

from app.db.models import Building, Demand, Household, Visit
from app.services import coverage
from app.services.actor import Actor
from app.services.demands_list import DemandCounts, DemandRow, demand_counts, list_demands, rows_of, scoped
from app.services.visits import VisitView, _views
from app.services.work_common import grid_scope, today

FOLLOW_UP_AHEAD = 3  # days: follow-ups due up to three days from now
FIRST_FEW = 5


@dataclass(frozen=True)
class FollowUp:
    due: dt.date
    kind: str  # visit (a follow-up date set on a visit, the household not visited since) | demand
    visit: VisitView | None = None
    demand: DemandRow | None = None  # answered (waiting for the follow-up visit) or follow_up (waiting to close)


@dataclass(frozen=True)
class OfficeCounts:
    demands: DemandCounts
    visits_this_month: int
    households: int
    visited: int
    coverage_percent: float | None


@dataclass(frozen=True)
class TodayData:
    on: dt.date
    days: int  # the "not visited for N days" window
    my_overdue: list[DemandRow]
    my_overdue_total: int
    follow_ups: list[FollowUp]
    follow_ups_total: int
    unvisited_total: int
    unvisited_first: list[coverage.UnvisitedHousehold]
    office: OfficeCounts | None  # administrators (the office head) only


def _my_grids(actor: Actor) -> list[int] | None:
    return list(actor.grid_ids) if actor.grid_ids else grid_scope(actor)


def pending_visit_follow_ups(actor: Actor, on: dt.date, ahead: int = FOLLOW_UP_AHEAD):
    """Visits whose follow-up date is at most ``ahead`` days away and whose household nobody visited since:
    in the actor's grids, or (no grids) the actor's own visits."""
    later = Visit.alias()
    newer = later.select(SQL("1")).where((later.household == Visit.household) & (later.visited_on > Visit.visited_on))
    query = Visit.select().where(Visit.follow_up_on.is_null(False)
                                 & (Visit.follow_up_on <= on + dt.timedelta(days=ahead)) & ~fn.EXISTS(newer))
    grids = _my_grids(actor)
    if actor.grid_ids or actor.role == "worker":
        query = query.where(Visit.household.in_(
            Household.select(Household.id).join(Building).where(Building.grid.in_(grids or [0]))))
    else:
        query = query.where(Visit.worker == (actor.user_id or 0))
    return query


def follow_ups(actor: Actor, on: dt.date | None = None, limit: int = 20) -> tuple[list[FollowUp], int]:
    """Follow-ups due, soonest (most overdue) first, and how many there are."""
    actor.require("residents.read")
    on = on or today()
    visits = pending_visit_follow_ups(actor, on)
    demands = scoped(actor, Demand.select()).where(Demand.status.in_(("answered", "follow_up")))
    if actor.role != "worker" or not actor.grid_ids:
        demands = demands.where(Demand.assignee == (actor.user_id or 0))
    total = visits.count() + demands.count()
    visit_rows = _views(actor, list(visits.order_by(Visit.follow_up_on, Visit.id).limit(limit)))
    demand_rows = rows_of(list(demands.order_by(Demand.deadline.asc(nulls="LAST"), Demand.id).limit(limit)), on)
    items = [FollowUp(v.follow_up_on, "visit", visit=v) for v in visit_rows]
    items += [FollowUp(d.deadline or d.accepted_on, "demand", demand=d) for d in demand_rows]
    items.sort(key=lambda f: f.due)
    return items[:limit], total


def office_counts(actor: Actor, on: dt.date | None = None, days: int | None = None) -> OfficeCounts:
    on = on or today()
    cov = coverage.coverage(actor, days, on=on, workers=False)
    visits = (Visit.select().where((Visit.visited_on >= on.replace(day=1)) & (Visit.visited_on <= on)).count())
    return OfficeCounts(demand_counts(actor, on), visits, cov.total.households, cov.total.visited,
                        cov.total.percent)


def today_data(actor: Actor, on: dt.date | None = None, days: int | None = None) -> TodayData:
    """Everything the Today page shows for ``actor``; ``days`` defaults to the setting visit_overdue_days."""
    actor.require("residents.read")
    on = on or today()
    days, _since, _on = coverage.window(days, on)
    overdue = list_demands(actor, "overdue", limit=FIRST_FEW * 2, on=on, mine=True)
    due, due_total = follow_ups(actor, on, limit=FIRST_FEW * 2)
    office = office_counts(actor, on, days) if actor.role == "admin" else None
    grids = _my_grids(actor)
    first = coverage.unvisited(actor, days, on=on, limit=FIRST_FEW, grid_ids=grids)
    return TodayData(on, days, overdue.rows, overdue.total, due, due_total, first.total, first.rows, office)

"""Visit coverage (进百家门): which households nobody has entered in N days, per grid, building/lane and worker,
and the list of them in walking order (building, unit, room; 502 before 1101).

Aggregated in SQL: the households in scope, each checked with ``NOT EXISTS`` against the index
visit(household_id, visited_on) — an index seek per household in SQLite, an anti-join from the index in
PostgreSQL; no visit row is read. Archived
households are left out. Workers see the grids they cover; the office sees every grid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import SQL, fn

from app.db.models import Building, Community, Grid, Household, Resident, User, UserGrid, Visit
from app.services import settings
from app.services.actor import Actor
from app.services.residents_view import format_address, local_name
from app.services.work_common import grid_scope, today


@dataclass(frozen=True)
class CoverageRow:
    id: int
    code: str
    name: str
    households: int
    visited: int  # visited at least once within the window
    kind: str = ""  # building rows: building | lane
    parent_id: int | None = None  # building rows: their grid's id
    community_code: str = ""  # grid rows
    grid_codes: tuple[str, ...] = ()  # worker rows: the grids they cover (in scope)
    visits: int | None = None  # worker rows: visits the worker logged within the window

    @property
    def not_visited(self) -> int:
        return self.households - self.visited

    @property
    def percent(self) -> float | None:
        """Visited share in per cent, one decimal; None when there are no households."""
        return round(100.0 * self.visited / self.households, 1) if self.households else None


@dataclass(frozen=True)
class CoverageReport:
    days: int
    since: dt.date  # visits on or after this day count (the last ``days`` days, today included)
    on: dt.date
    grids: list[CoverageRow]
    buildings: list[CoverageRow]  # grid by grid, in walking order
    workers: list[CoverageRow]  # households of the grids each worker covers
    total: CoverageRow


@dataclass(frozen=True)
class UnvisitedHousehold:
    id: int
    uuid: str
    grid_code: str
    building_code: str
    building_kind: str
    building_name: str
    unit: str
    room: str
    address: str
    head_name: str  # in the UI language; "" when no head is recorded (callers mask it where needed)
    last_visited_on: dt.date | None  # None: never visited

    def days_since(self, on: dt.date) -> int | None:
        return (on - self.last_visited_on).days if self.last_visited_on else None


@dataclass(frozen=True)
class UnvisitedPage:
    days: int
    since: dt.date
    total: int
    rows: list[UnvisitedHousehold]


def window(days: int | None = None, on: dt.date | None = None) -> tuple[int, dt.date, dt.date]:
    """(days, first day that counts, today); days default to the office setting visit_overdue_days."""
    days = max(1, int(days if days is not None else settings.get("visit_overdue_days") or 90))
    on = on or today()
    return days, on - dt.timedelta(days=days - 1), on


def _recent_visit(since: dt.date):
    return Visit.select(SQL("1")).where((Visit.household == Household.id) & (Visit.visited_on >= since))


def _households(grids: list[int] | None, *columns):
    """Households in ``grids`` (None: all) that are not archived. ``!= True``, not ``== False``: a yes/no index
    is useless here, and without statistics SQLite would walk every household through it (checking each one's
    visits) before it looks at the grid."""
    query = Household.select(*columns).where(Household.archived != True)  # noqa: E712
    if grids is not None:
        query = query.where(Household.building.in_(Building.select(Building.id).where(Building.grid.in_(grids or [0]))))
    return query


def coverage(actor: Actor, days: int | None = None, grid_code: str | None = None,
             on: dt.date | None = None, workers: bool = True) -> CoverageReport:
    """Households and how many were visited within ``days`` (default: setting), per building, grid, worker."""
    actor.require("residents.read")
    days, since, on = window(days, on)
    grids = grid_scope(actor, grid_code)
    # Two plain aggregates (all households; those with no recent visit) rather than one SUM(CASE WHEN EXISTS …):
    # the anti-join is what both planners do best, and PostgreSQL runs a CASE subquery once per row.
    households = dict(_households(grids, Household.building, fn.COUNT(Household.id))
                      .group_by(Household.building).tuples())
    missing = dict(_households(grids, Household.building, fn.COUNT(Household.id))
                   .where(~fn.EXISTS(_recent_visit(since))).group_by(Household.building).tuples())
    per_building = {b: (n, n - missing.get(b, 0)) for b, n in households.items()}
    grid_query = (Grid.select(Grid.id, Grid.code, Grid.name_zh, Grid.name_ug, Community.code)
                  .join(Community).order_by(Grid.code))
    if grids is not None:
        grid_query = grid_query.where(Grid.id.in_(grids or [0]))
    grid_rows = list(grid_query.tuples())
    buildings = (Building.select(Building.id, Building.code, Building.name_zh, Building.name_ug, Building.kind,
                                 Building.grid)
                 .where(Building.grid.in_([g[0] for g in grid_rows] or [0]))
                 .order_by(Building.grid, Building.sort_key, *_natural(Building.code)).tuples())
    building_rows = [CoverageRow(bid, code, local_name(zh, ug), *per_building.get(bid, (0, 0)), kind=kind,
                                 parent_id=grid_id) for bid, code, zh, ug, kind, grid_id in buildings]
    sums: dict[int, list[int]] = {}
    for row in building_rows:
        acc = sums.setdefault(row.parent_id, [0, 0])
        acc[0] += row.households
        acc[1] += row.visited
    grid_cov = [CoverageRow(gid, code, local_name(zh, ug), *sums.get(gid, (0, 0)), community_code=community)
                for gid, code, zh, ug, community in grid_rows]
    order = {g.id: n for n, g in enumerate(grid_cov)}
    building_rows.sort(key=lambda b: order[b.parent_id])  # stable: walking order kept inside a grid
    total = CoverageRow(0, "", "", sum(r.households for r in grid_cov), sum(r.visited for r in grid_cov))
    worker_rows = _workers(grid_cov, since) if workers else []
    return CoverageReport(days, since, on, grid_cov, building_rows, worker_rows, total)


def _workers(grid_rows: list[CoverageRow], since: dt.date) -> list[CoverageRow]:
    """Each active worker with the households of the grids they cover (in scope), and the visits they logged."""
    by_grid = {g.id: g for g in grid_rows}
    if not by_grid:
        return []
    covered: dict[int, list[int]] = {}
    for user_id, grid_id in (UserGrid.select(UserGrid.user, UserGrid.grid)
                             .where(UserGrid.grid.in_(list(by_grid))).tuples()):
        covered.setdefault(user_id, []).append(grid_id)
    logged = Visit.select(fn.COUNT(SQL("*"))).where((Visit.worker == User.id) & (Visit.visited_on >= since))
    users = (User.select(User.id, User.username, User.display_name, User.display_name_ug, logged)
             .where(User.id.in_(list(covered) or [0]) & (User.active == True))  # noqa: E712
             .order_by(User.username).tuples())
    rows = []
    for uid, username, zh, ug, n in users:
        mine = [by_grid[g] for g in covered[uid]]
        rows.append(CoverageRow(uid, username, local_name(zh, ug), sum(g.households for g in mine),
                                sum(g.visited for g in mine), grid_codes=tuple(sorted(g.code for g in mine)),
                                visits=n))
    return rows


def count_unvisited(actor: Actor, days: int | None = None, grid_ids: list[int] | None = None,
                    on: dt.date | None = None) -> int:
    """Households in ``grid_ids`` (None: the actor's scope) not visited within ``days``."""
    actor.require("residents.read")
    days, since, on = window(days, on)
    grids = grid_scope(actor) if grid_ids is None else list(grid_ids)
    return _households(grids, Household.id).where(~fn.EXISTS(_recent_visit(since))).count()


def _natural(field):
    """Numeric-aware in SQL for the usual room and unit numbers: shorter first, then by text (502 < 1101)."""
    return fn.LENGTH(field), field


def unvisited(actor: Actor, days: int | None = None, grid_code: str | None = None, on: dt.date | None = None,
              offset: int = 0, limit: int = 100, grid_ids: list[int] | None = None) -> UnvisitedPage:
    """Households not visited within ``days``, in walking order: grid, building/lane (sort_key), unit, room.
    One page (offset, limit) and the total; the database sorts, only the page is read."""
    actor.require("residents.read")
    days, since, on = window(days, on)
    grids = list(grid_ids) if grid_ids is not None else grid_scope(actor, grid_code)
    query = (_households(grids, Household.id, Household.uuid, Household.unit, Household.room, Building.code,
                         Building.kind, Building.name_zh, Building.name_ug, Grid.code, fn.COUNT(SQL("*")).over())
             .join(Building, on=(Household.building == Building.id)).join(Grid, on=(Building.grid == Grid.id))
             .where(~fn.EXISTS(_recent_visit(since)))
             .order_by(Grid.code, Building.sort_key, *_natural(Building.code), *_natural(Household.unit),
                       *_natural(Household.room), Household.id)
             .offset(max(0, offset)).limit(max(1, limit)))
    page = list(query.tuples())
    total = page[0][-1] if page else (count_unvisited(actor, days, grids, on) if offset > 0 else 0)
    ids = [r[0] for r in page]
    last = dict(Visit.select(Visit.household, fn.MAX(Visit.visited_on))
                .where(Visit.household.in_(ids or [0])).group_by(Visit.household).tuples())
    heads: dict[int, str] = {}
    for hid, zh, ug in (Resident.select(Resident.household, Resident.name_zh, Resident.name_ug)
                        .where(Resident.household.in_(ids or [0]) & (Resident.relation == "head")
                               & (Resident.moved_out != True)).order_by(Resident.id).tuples()):  # noqa: E712
        heads.setdefault(hid, local_name(zh, ug))
    rows = []
    for hid, uuid, unit, room, b_code, kind, b_zh, b_ug, g_code, _total in page:
        seen = last.get(hid)
        if isinstance(seen, str):
            seen = dt.date.fromisoformat(seen)
        rows.append(UnvisitedHousehold(hid, str(uuid), g_code, b_code, kind, local_name(b_zh, b_ug), unit, room,
                                       format_address(b_zh, b_ug, unit, room), heads.get(hid, ""), seen))
    return UnvisitedPage(days, since, total, rows)

"""Realistic demo data for an empty database: one subdistrict, its communities, grids, buildings and lanes,
households and residents, staff, two years of visits and demands.

Deterministic: the same seed and ``today`` give the same rows, uuids included, on either database. Fast: rows
are built as tuples and bulk-written in one transaction, secondary indexes built once at the end (see demo_bulk;
DESIGN budget: 100,000 residents and 1,000,000 visits in 30 s on SQLite). Works on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass
from typing import Callable

from app.db.database import database
from app.db.models import HandbookCategory, HandbookItem, HandbookText
from app.i18n import _
from app.services import settings, setup
from app.services.demo_activity import (COMPANION_COLUMNS, DAYS, DEMAND_COLUMNS, STEP_COLUMNS, VISIT_COLUMNS,
                                        DemandMaker, VisitMaker)
from app.services.demo_bulk import BulkWriter, sqlite_fast_writes
from app.services.demo_names import IdNumbers, NameBook, Weighted, uuid_source
from app.services.demo_org import USER_COLUMNS, plan_org, plan_staff
from app.services.demo_people import HOUSEHOLD_COLUMNS, RESIDENT_COLUMNS, TAG_COLUMNS, PeopleMaker
from app.services.users import hash_password
from app.services.work_calendar import office_calendar
from app.errors import BaijiaError

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "demo1234"
VISITS_PER_HOUSEHOLD = 30  # for regularly visited households: ≈ 28 a household overall, 1M visits at 100k people
DEMAND_SHARE = 0.04  # households with a demand in the last two years
CHUNK = 25_000
ORG_COLUMNS = {
    "subdistrict": ("id", "uuid", "created_at", "updated_at", "version", "code", "name_zh", "name_ug"),
    "community": ("id", "uuid", "created_at", "updated_at", "version", "subdistrict_id", "code", "name_zh",
                  "name_ug"),
    "grid": ("id", "uuid", "created_at", "updated_at", "version", "community_id", "code", "name_zh", "name_ug"),
    "building": ("id", "uuid", "created_at", "updated_at", "version", "grid_id", "kind", "code", "name_zh",
                 "name_ug", "sort_key"),
}
USER_GRID_COLUMNS = ("id", "uuid", "created_at", "updated_at", "version", "user_id", "grid_id")


class DemoError(BaijiaError, ValueError):
    pass


@dataclass(frozen=True)
class DemoResult:
    communities: int
    grids: int
    buildings: int
    households: int
    residents: int
    users: int
    visits: int
    demands: int
    admin_username: str
    admin_password: str


def _handbook_items() -> dict[str, list[tuple[int, int, dict]]]:
    """Handbook category code → [(item id, time limit in working days, {lang: title})]; empty without a handbook."""
    items: dict[str, list[tuple[int, int, dict]]] = {}
    titles: dict[int, dict] = {}
    for text in HandbookText.select(HandbookText.item, HandbookText.lang, HandbookText.title):
        titles.setdefault(text.item_id, {})[text.lang] = text.title
    query = (HandbookItem.select(HandbookItem.id, HandbookItem.time_limit_days, HandbookCategory.code)
             .join(HandbookCategory).where(HandbookItem.retired == False)  # noqa: E712
             .order_by(HandbookItem.id))
    for item in query:
        items.setdefault(item.category.code, []).append((item.id, item.time_limit_days, titles.get(item.id, {})))
    return items


def generate(households: int, seed: int = 1, progress: Callable[[int, str], None] | None = None,
             today: dt.date | None = None) -> DemoResult:
    """Fill the current, empty, migrated database with demo data for about ``households`` households."""
    if households < 1:
        raise DemoError(_("--households must be between 1 and 100000."))
    if not setup.is_empty():
        raise DemoError(_("Demo data goes only into an empty database; this one already has data."))
    today = today or dt.date.today()
    report = progress or (lambda percent, message: None)
    report(0, _("Creating the communities and staff…"))
    password_hash = hash_password(ADMIN_PASSWORD)  # hashed once, shared by every demo account: argon2 is slow

    def stream(name: str) -> random.Random:
        return random.Random(f"baijia-demo:{seed}:{name}")

    start = today - dt.timedelta(days=DAYS)
    stamp = f"{start.isoformat()} 02:00:00"
    with sqlite_fast_writes(), database.atomic():
        out = BulkWriter()
        names = NameBook()
        plan = plan_org(stream("org"), uuid_source(stream("org-uuid")), households, out.ids, stamp)
        users, links = plan_staff(stream("staff"), uuid_source(stream("staff-uuid")), plan, names, password_hash,
                                  out.ids, stamp)
        for table, columns in ORG_COLUMNS.items():
            out.insert(table, columns, plan.rows[table])
        out.insert("user", USER_COLUMNS, users)
        out.insert("user_grid", USER_GRID_COLUMNS, links)

        report(5, _("Creating households and residents…"))
        people_rng = stream("people")
        people = PeopleMaker(people_rng, uuid_source(stream("people-uuid")), names,
                             IdNumbers(stream("id-numbers"), plan.district), today, stamp, out.ids)
        mixes = [Weighted(c.mix) for c in plan.communities]
        rows: dict[str, list] = {"household": [], "resident": [], "resident_tag": []}
        infos = []
        with out.deferred_indexes("resident"):
            for n, address in enumerate(plan.addresses):
                grid = address[0]
                group = mixes[plan.grid_community[grid]].pick(people_rng)
                infos.append(people.household(group, grid, address, rows))
                if len(rows["resident"]) >= CHUNK or n == len(plan.addresses) - 1:
                    out.insert("household", HOUSEHOLD_COLUMNS, rows["household"])
                    out.insert("resident", RESIDENT_COLUMNS, rows["resident"])
                    out.insert("resident_tag", TAG_COLUMNS, rows["resident_tag"])
                    report(5 + 18 * (n + 1) // len(plan.addresses), _("Creating households and residents…"))

        report(25, _("Recording visits…"))
        visit_rng = stream("visits")
        visit_maker = VisitMaker(visit_rng, today, plan.grid_workers, out.ids("visit"), out.ids("visit_worker"))
        active = [h for h in infos if not h.archived]
        mean_weight = sum(h.weight for h in active) / max(1, len(active))
        visits, companions, pending = [], [], []
        with out.deferred_indexes("visit", "visit_worker"):
            for n, hh in enumerate(infos):
                roll = visit_rng.random()
                keep = [] if not hh.archived and visit_rng.random() < DEMAND_SHARE else None
                if hh.archived:  # visited while they lived here
                    visit_maker.visits(hh, visit_rng.randint(0, 4), 400, DAYS, visits, companions)
                elif roll < 0.03:  # never visited: the coverage list's first lines
                    pass
                elif roll < 0.10:  # not visited for months
                    count = round(VISITS_PER_HOUSEHOLD * 0.3 * visit_rng.uniform(0.5, 1.5))
                    visit_maker.visits(hh, count, visit_rng.randint(100, 250), DAYS, visits, companions, keep)
                else:
                    count = round(VISITS_PER_HOUSEHOLD * hh.weight / mean_weight * visit_rng.uniform(0.5, 1.5))
                    visit_maker.visits(hh, count, 1, DAYS, visits, companions, keep)
                if keep is not None:
                    pending.append((hh, keep))
                if len(visits) >= CHUNK or n == len(infos) - 1:
                    out.next["visit"] = visit_maker.next_id
                    out.next["visit_worker"] = visit_maker.next_companion
                    out.insert("visit", VISIT_COLUMNS, visits)
                    out.insert("visit_worker", COMPANION_COLUMNS, companions)
                    report(25 + 60 * (n + 1) // len(infos), _("Recording visits…"))
            report(85, _("Indexing visits…"))

        report(90, _("Recording demands…"))
        demand_rng = stream("demands")
        calendar = office_calendar()  # Chinese working days: holidays and make-up days where they are known
        calendar.is_workday = functools.lru_cache(maxsize=None)(calendar.is_workday)  # ~50 µs a day uncached

        def deadline(accepted_on: dt.date, days: int) -> tuple[dt.date, bool]:
            due = calendar.add_workdays(accepted_on, days)
            return due.due, due.estimated

        maker = DemandMaker(demand_rng, uuid_source(stream("demands-uuid")), today, _handbook_items(), out.ids,
                            deadline)
        demands, steps = [], []
        for hh, kept in pending:
            community = plan.communities[plan.grid_community[hh.grid]]
            for _n in range(2 if demand_rng.random() < 0.2 else 1):
                maker.demand(hh, kept, plan.grid_workers[hh.grid], community.front_desk, demands, steps)
        out.insert("demand", DEMAND_COLUMNS, demands)
        out.insert("demand_step", STEP_COLUMNS, steps)
        out.fix_sequences()

        report(97, _("Finishing…"))
        first = plan.communities[0]
        settings.put(None, "demo", True)
        settings.put(None, "community_name_zh", first.name_zh)
        settings.put(None, "community_name_ug", first.name_ug)
    report(100, _("Demo data is ready."))
    c = out.counts
    return DemoResult(c.get("community", 0), c.get("grid", 0), c.get("building", 0), c.get("household", 0),
                      c.get("resident", 0), c.get("user", 0), c.get("visit", 0), c.get("demand", 0),
                      ADMIN_USERNAME, ADMIN_PASSWORD)

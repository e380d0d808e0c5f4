"""Demo data: deterministic, valid (ID numbers, phones, relations, demand histories), scaled, on both databases."""

import datetime as dt
import random
from collections import defaultdict

import pytest

from app.db.database import database, is_postgresql
from app.db.models import (Building, Community, Demand, DemandStep, Grid, Household, Resident, ResidentTag, User,
                           UserGrid, Visit, VisitWorker)
from app.db.models.demands import OPEN_STATUSES
from app.db.models.people import MANUAL_TAGS
from app.domain import idcard, phone
from app.domain.search_forms import search_key
from app.services import demo, settings, users
from app.services.demo_names import IdNumbers, uuid_source
from app.services.demo_org import plan_org
from app.services.setup import open_and_migrate

TODAY = dt.date(2026, 11, 20)


def _snapshot():
    residents = [(str(r.uuid), r.id_number, r.name_zh, r.name_ug, r.phone, r.relation)
                 for r in Resident.select().order_by(Resident.id)]
    visits = [(str(v.uuid), str(v.visited_on), v.kind, v.worker_id, v.situation)
              for v in Visit.select().order_by(Visit.id)]
    demands = [(str(d.uuid), d.status, str(d.accepted_on), d.description) for d in Demand.select().order_by(Demand.id)]
    return residents, visits, demands


def _schema_objects():
    """Index and trigger definitions: the bulk load drops some and must put every one back."""
    if is_postgresql():
        return sorted(database.execute_sql("SELECT indexname, indexdef FROM pg_indexes "
                                           "WHERE schemaname = current_schema()").fetchall())
    return sorted(database.execute_sql("SELECT type, name, sql FROM sqlite_master "
                                       "WHERE type IN ('index', 'trigger')").fetchall())


def test_same_seed_same_rows_on_any_database_other_seed_other_rows(db, tmp_path):
    demo.generate(60, seed=3, today=TODAY)
    first = _snapshot()
    open_and_migrate(str(tmp_path / "again.db"))  # SQLite, whichever database the first run used
    demo.generate(60, seed=3, today=TODAY)
    assert _snapshot() == first
    assert first[0] and first[1]
    open_and_migrate(str(tmp_path / "other.db"))
    demo.generate(60, seed=4, today=TODAY)
    other = _snapshot()
    assert {r[0] for r in other[0]}.isdisjoint(r[0] for r in first[0])
    assert [r[1] for r in other[0]] != [r[1] for r in first[0]]


def test_residents_are_valid_and_households_consistent(db):
    result = demo.generate(250, seed=8, today=TODAY)
    residents = list(Resident.select())
    assert result.residents == len(residents)
    numbers = [r.id_number for r in residents]
    assert len(set(numbers)) == len(numbers)
    members = defaultdict(list)
    for r in residents:
        info = idcard.parse(r.id_number, today=TODAY)
        assert (info.sex, info.birth_date, info.kind) == (r.sex, r.birth_date, "citizen")
        if r.phone:
            assert phone.normalize(r.phone) == r.phone
        assert r.preferred_lang in ("zh", "ug")
        assert r.search_key == search_key(r.name_zh, r.name_ug)
        if r.name_ug:  # Uyghur-script name: given + father's name; the ID card form joins them with a middle dot
            assert len(r.name_ug.split(" ")) == 2 and r.name_zh.count("·") == 1
        else:
            assert 2 <= len(r.name_zh) <= 4 and "·" not in r.name_zh
        assert r.moved_out == (r.moved_out_on is not None)
        members[r.household_id].append(r)
    assert any(r.name_ug for r in residents) and any(not r.name_ug for r in residents)
    assert any(r.moved_out for r in residents)
    age = {r.id: (TODAY - r.birth_date).days / 365.25 for r in residents}
    for household in Household.select():
        people = members[household.id]
        heads = [r for r in people if r.relation == "head"]
        assert len(heads) == 1 and 1 <= len(people) <= 6
        head = heads[0]
        for r in people:
            if r.relation == "child":
                assert age[head.id] - age[r.id] >= 17
            if r.relation == "parent":
                assert age[r.id] - age[head.id] >= 19
            if r.relation == "spouse":
                assert r.sex != head.sex and age[r.id] >= 19
        if household.archived:
            assert all(r.moved_out for r in people)
    tags = list(ResidentTag.select())
    assert tags and {t.tag for t in tags} <= set(MANUAL_TAGS)
    assert len(tags) < len(residents) * 0.25  # service tags are the exception


def test_visits_and_demands_are_consistent(db):
    demo.generate(300, seed=5, today=TODAY)
    grids_of = defaultdict(set)
    for link in UserGrid.select():
        grids_of[link.user_id].add(link.grid_id)
    grid_of_household = {h.id: h.building.grid_id for h in Household.select(Household, Building).join(Building)}
    visits = list(Visit.select())
    assert 20 * 300 < len(visits) < 36 * 300
    for v in visits:
        assert TODAY - dt.timedelta(days=730) <= v.visited_on < TODAY
        assert grid_of_household[v.household_id] in grids_of[v.worker_id]
        assert v.kind in ("home", "phone", "front_desk", "other") and v.situation
        if v.follow_up_on:
            assert v.follow_up_on > v.visited_on
    assert VisitWorker.select().count() > 0
    last_visit = defaultdict(lambda: None)
    for v in visits:
        last_visit[v.household_id] = max(v.visited_on, last_visit[v.household_id] or v.visited_on)
    never = [h for h in grid_of_household if last_visit[h] is None]
    long_ago = [h for h, day in last_visit.items() if day and (TODAY - day).days > 90]
    assert never and long_ago  # the coverage lists have something to show

    demands = list(Demand.select())
    assert demands
    steps = defaultdict(list)
    for s in DemandStep.select().order_by(DemandStep.at, DemandStep.id):
        steps[s.demand_id].append(s)
    for d in demands:
        path = steps[d.id]
        assert path[0].from_status == "" and path[0].to_status == "accepted"
        assert all(a.to_status == b.from_status and a.at <= b.at for a, b in zip(path, path[1:]))
        assert path[-1].to_status == d.status and d.version == len(path)
        assert path[-1].at.date() <= TODAY
        assert path[0].at.date() == d.accepted_on >= TODAY - dt.timedelta(days=730)
        assert d.deadline >= d.accepted_on
        assert bool(d.referred_to) == (d.status == "referred")
        assert bool(d.decline_reason) == (d.status == "declined")
        assert (d.closed_at is not None) == (d.status == "closed")
        assert (d.satisfaction is not None) == (d.status in ("follow_up", "closed"))
        assert d.item_id is None or d.item.category.code == d.category_code
        if d.visit_id:
            assert d.visit.household_id == d.household_id and d.visit.visited_on == d.accepted_on
    statuses = {d.status for d in demands}
    assert "closed" in statuses and statuses & set(OPEN_STATUSES)


def test_staff_settings_and_what_comes_after_the_load(db):
    before = _schema_objects()
    result = demo.generate(40, seed=2, today=TODAY)
    assert _schema_objects() == before  # indexes and search triggers dropped for the load are all back
    assert (result.admin_username, result.admin_password) == ("admin", "demo1234")
    assert users.authenticate("admin", "demo1234").role == "admin"
    assert users.authenticate("worker01", "demo1234") is not None
    roles = {u.role for u in User.select()}
    assert roles == {"admin", "worker", "front_desk", "viewer"}
    assert settings.get("demo") is True
    assert settings.get("community_name_zh") == Community.select().order_by(Community.id).first().name_zh
    # ids continue after the explicit ids of the load (PostgreSQL sequences were moved on)
    building = Building.select().first()
    household = Household.create(building=building, unit="1", room="999")
    assert household.id == Household.select().count()
    person = Resident.create(household=household, name_zh="测试人", id_number=idcard.make(
        "650102", dt.date(1990, 1, 1), 999, "M"), search_key=search_key("测试人", ""))
    assert person.id == result.residents + 1
    from app.services import residents_search
    from app.services.actor import Actor

    found = residents_search.search(Actor("admin", "admin", user_id=1), "测试人")
    assert [h.name_zh for h in found] == ["测试人"]  # the search index follows new rows again
    with pytest.raises(demo.DemoError):
        demo.generate(10, seed=2, today=TODAY)


def test_search_finds_demo_residents_in_both_scripts(db):
    from app.services import residents_search
    from app.services.actor import Actor

    demo.generate(120, seed=9, today=TODAY)
    admin = Actor("admin", "admin", user_id=1)
    uyghur = Resident.select().where(Resident.name_ug != "").first()
    for query in (uyghur.name_zh[:3], uyghur.name_ug.split(" ")[0]):
        hits = residents_search.search(admin, query, limit=500, include_moved_out=True)
        assert uyghur.id in {h.id for h in hits}
        assert all("*" in h.id_number_masked for h in hits)


def test_counts_scale_with_households(db):
    small = demo.generate(30, seed=1, today=TODAY)
    assert small.households == 30 and small.communities == 1
    assert 4 <= small.grids <= 10 and small.buildings >= small.grids // 2
    assert 2.2 * 30 < small.residents < 3.6 * 30
    assert 18 * 30 < small.visits < 38 * 30
    assert small.users >= 10 and Grid.select().count() == small.grids


@pytest.mark.parametrize("households, communities", [(1, 1), (4400, 1), (7000, 2), (35000, 12), (100000, 33)])
def test_communities_scale_about_3000_households_each(households, communities):
    counter = defaultdict(int)

    def ids(table):
        counter[table] += 1
        return counter[table]

    plan = plan_org(random.Random(1), uuid_source(random.Random(2)), households, ids, "2024-01-01 00:00:00")
    assert len(plan.communities) == communities
    assert len(plan.addresses) == households
    assert len(set((b, u, r) for _g, b, u, r in plan.addresses)) == households  # one household an address
    per_community = defaultdict(int)
    for community in plan.grid_community:
        per_community[community] += 1
    assert all(4 <= n <= 10 for n in per_community.values())


def test_id_numbers_are_those_of_idcard_make_and_unique():
    numbers = IdNumbers(random.Random(4), "650102")
    seen = set()
    for n in range(3000):
        birth = dt.date(1980, 5, 17) + dt.timedelta(days=n % 3)  # crowded birthdays force many sequences
        sex = "MF"[n % 2]
        number = numbers.make("650102", birth, sex)
        start, used = numbers.used[("650102", birth, sex)]
        sequence = (start + 37 * (used - 1)) % 500
        assert number == idcard.make("650102", birth, sequence, sex)
        seen.add(number)
    assert len(seen) == 3000

"""A small office for the visits / demands / coverage tests: two grids, a building with rooms that sort wrongly as
text (101, 502, 1101), a lane, an archived household, workers for each grid, a front desk and an administrator,
and one handbook item with a 2-working-day time limit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.db.models import (Building, Community, Grid, HandbookCategory, HandbookCentre, HandbookItem, HandbookText,
                           Household, Resident, Subdistrict, User, UserGrid, Visit)
from app.services.actor import Actor

TODAY = dt.date.today()
ITEM_CODE = "TST-01"


@dataclass
class Office:
    admin: Actor
    worker_a: Actor  # grid A
    worker_b: Actor  # grid B
    desk: Actor
    grid_a: Grid
    grid_b: Grid
    households: dict[str, Household] = field(default_factory=dict)  # label → household
    heads: dict[str, Resident] = field(default_factory=dict)


def _user(username: str, name: str, role: str, grids=()) -> Actor:
    user = User.create(username=username, display_name=name, role=role)
    for grid in grids:
        UserGrid.create(user=user, grid=grid)
    return Actor(username, role, name, user.id, tuple(g.id for g in grids))


def handbook_item(days: int = 2, code: str = ITEM_CODE) -> HandbookItem:
    item = HandbookItem.get_or_none(HandbookItem.code == code)
    if item is not None:
        item.time_limit_days = days
        item.save()
        return item
    centre = HandbookCentre.get_or_none(HandbookCentre.code == "tst_centre") or HandbookCentre.create(
        code="tst_centre", name_zh="测试中心", name_ug="سىناق", name_en="Test centre")
    category = HandbookCategory.get_or_none(HandbookCategory.code == "TST") or HandbookCategory.create(
        code="TST", centre=centre, name_zh="测试类", name_ug="سىناق تۈرى", name_en="Test category")
    item = HandbookItem.create(code=code, category=category, centre=centre, time_limit_days=days)
    HandbookText.create(item=item, lang="zh", title="测试事项", status="reviewed")
    return item


def make_office() -> Office:
    sub = Subdistrict.create(code="TS1", name_zh="测试街道")
    community = Community.create(subdistrict=sub, code="TC1", name_zh="测试社区")
    grid_a = Grid.create(community=community, code="TC1-G01", name_zh="第1网格")
    grid_b = Grid.create(community=community, code="TC1-G02", name_zh="第2网格")
    office = Office(_user("adm", "王主任", "admin"), _user("wa", "李网格", "worker", [grid_a]),
                    _user("wb", "阿依古丽", "worker", [grid_b]), _user("desk", "前台张", "front_desk"),
                    grid_a, grid_b)
    b1 = Building.create(grid=grid_a, code="TB-1", name_zh="1号楼", sort_key=1)
    lane = Building.create(grid=grid_a, code="TL-1", name_zh="幸福巷", kind="lane", sort_key=2)
    b9 = Building.create(grid=grid_b, code="TB-9", name_zh="9号楼", sort_key=1)
    # created out of walking order on purpose
    for label, building, unit, room, head in [
        ("a1101", b1, "1", "1101", "欧阳明月"), ("a502", b1, "1", "502", "张三"), ("a101", b1, "1", "101", "李四"),
        ("a2-201", b1, "2", "201", "王五"), ("lane7", lane, "", "7", "赵六"), ("lane12", lane, "", "12", "孙七"),
        ("b301", b9, "1", "301", "ئابدۇللا"), ("b302", b9, "1", "302", "古丽"),
        ("gone", b1, "3", "301", "周八"),
    ]:
        hh = Household.create(building=building, unit=unit, room=room, archived=(label == "gone"))
        office.households[label] = hh
        office.heads[label] = Resident.create(household=hh, name_zh=head if head[0] >= "\u4e00" else "",
                                              name_ug="" if head[0] >= "\u4e00" else head, relation="head",
                                              phone="13812345678")
    return office


def visit(office: Office, label: str, days_ago: int, worker: Actor | None = None, **extra) -> Visit:
    return Visit.create(household=office.households[label], visited_on=TODAY - dt.timedelta(days=days_ago),
                        worker=(worker or office.worker_a).user_id, situation="家中一切正常", **extra)

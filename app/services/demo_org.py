"""Demo data: the organisation tree (subdistrict → communities → grids → buildings and lanes → addresses) and
the staff who work in it. Builds plain row tuples for the bulk writer; no database access."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from app.services.demo_names import NameBook

HOUSEHOLDS_PER_COMMUNITY = 3000
# (name, Uyghur name, district code) — subdistricts named after their main street, as in Urumqi.
SUBDISTRICTS = (
    ("团结路街道", "ئىتتىپاق يولى كوچا ئىش بېجىرىش ئورنى", "650102"),
    ("友好南路街道", "دوستلۇق جەنۇبىي يولى كوچا ئىش بېجىرىش ئورنى", "650103"),
    ("北京路街道", "بېيجىڭ يولى كوچا ئىش بېجىرىش ئورنى", "650104"),
    ("南湖南路街道", "نەنخۇ جەنۇبىي يولى كوچا ئىش بېجىرىش ئورنى", "650105"),
)
# Streets a community is named after: 和平路社区 / تىنچلىق يولى مەھەللىسى.
STREETS = (
    ("和平路", "تىنچلىق يولى"), ("人民路", "خەلق يولى"), ("胜利路", "غەلىبە يولى"),
    ("解放南路", "ئازادلىق جەنۇبىي يولى"), ("新华北路", "شىنخۇا شىمالىي يولى"), ("红山路", "قىزىلتاغ يولى"),
    ("光明路", "يورۇقلۇق يولى"), ("幸福路", "بەخت يولى"), ("建设路", "قۇرۇلۇش يولى"), ("青年路", "ياشلار يولى"),
    ("文化路", "مەدەنىيەت يولى"), ("东风路", "دۇڭفېڭ يولى"), ("长江路", "چاڭجياڭ يولى"),
    ("黄河路", "خۇاڭخې يولى"), ("西虹路", "شىخۇڭ يولى"), ("南湖路", "نەنخۇ يولى"), ("天津路", "تيەنجىن يولى"),
    ("团结路", "ئىتتىپاق يولى"), ("友好路", "دوستلۇق يولى"), ("北京路", "بېيجىڭ يولى"),
)
CN_ORDINALS = "一二三四五六七八九十"


@dataclass
class CommunityPlan:
    index: int
    code: str
    name_zh: str
    name_ug: str
    households: int
    mix: tuple  # (group, weight) of naming styles among its households
    grid_indexes: list[int] = field(default_factory=list)
    front_desk: list[int] = field(default_factory=list)  # user ids
    workers: list[int] = field(default_factory=list)


@dataclass
class OrgPlan:
    subdistrict_zh: str
    district: str
    rows: dict[str, list[tuple]]  # table → rows
    communities: list[CommunityPlan]
    grid_ids: list[int]
    grid_community: list[int]  # grid index → community index
    addresses: list[tuple[int, int, str, str]]  # per household: (grid index, building id, unit, room)
    grid_workers: list[list[int]] = field(default_factory=list)  # grid index → user ids


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` into ``parts`` uneven shares (±30 %) that add up exactly."""
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    scale = total / sum(weights)
    shares = [int(w * scale) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % parts] += 1
    return shares


def _community_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    streets = list(STREETS)
    rng.shuffle(streets)
    names = []
    for i in range(count):
        zh, ug = streets[i % len(streets)]
        round_ = i // len(streets)
        if round_ == 0:
            names.append((f"{zh}社区", f"{ug} مەھەللىسى"))
        else:  # a street with several communities: 和平路二社区
            names.append((f"{zh}{CN_ORDINALS[round_]}社区", f"{ug} {round_ + 1}-مەھەللىسى"))
    return names


def plan_org(rng: random.Random, uid, households: int, ids, stamp: str) -> OrgPlan:
    """``ids(table)`` gives the next id for a table; ``stamp`` is the created/updated time of every row."""
    sub_zh, sub_ug, district = rng.choice(SUBDISTRICTS)
    rows: dict[str, list[tuple]] = {"subdistrict": [], "community": [], "grid": [], "building": []}
    sub_id = ids("subdistrict")
    rows["subdistrict"].append((sub_id, uid(), stamp, stamp, 1, "S01", sub_zh, sub_ug))
    n_comm = max(1, round(households / HOUSEHOLDS_PER_COMMUNITY))
    plan = OrgPlan(sub_zh, district, rows, [], [], [], [])
    for c, (size, (name_zh, name_ug)) in enumerate(zip(_split(rng, households, n_comm),
                                                       _community_names(rng, n_comm))):
        uyghur = rng.uniform(0.1, 0.5)
        mix = (("uyghur", uyghur), ("hui", 0.08), ("kazakh", 0.025), ("han", 0.895 - uyghur))
        code = f"C{c + 1:02d}"
        comm = CommunityPlan(c, code, name_zh, name_ug, size, mix)
        plan.communities.append(comm)
        comm_id = ids("community")
        rows["community"].append((comm_id, uid(), stamp, stamp, 1, sub_id, code, name_zh, name_ug))
        n_grids = min(10, max(4, round(size / 400) + rng.randint(-1, 1)))
        street_zh = name_zh[:-2]
        street_ug = name_ug.rsplit(" ", 1)[0]
        building_no = lane_no = 0
        for g, grid_size in enumerate(_split(rng, size, n_grids)):
            grid_code = f"{code}-G{g + 1:02d}"
            grid_id = ids("grid")
            rows["grid"].append((grid_id, uid(), stamp, stamp, 1, comm_id, grid_code, f"第{g + 1}网格",
                                 f"{g + 1}-تور"))
            grid_index = len(plan.grid_ids)
            plan.grid_ids.append(grid_id)
            plan.grid_community.append(c)
            comm.grid_indexes.append(grid_index)
            lane_share = rng.choice((0, 0, 0, 0.15, 0.3, 0.6))
            in_lanes = round(grid_size * lane_share)
            sort_key = 0
            left = grid_size - in_lanes
            while left > 0:  # 楼栋: units 1–6, floors, 2–4 flats a landing; 85–97 % occupied
                building_no += 1
                sort_key += 1
                units = rng.choice((1, 2, 3, 3, 4, 4, 5, 6))
                floors = rng.choice((5, 6, 6, 7, 7, 7, 11, 18, 24))
                per_floor = 2 if floors < 11 else rng.choice((2, 3, 4))
                flats = [(str(u), f"{f}{k:02d}") for u in range(1, units + 1) for f in range(1, floors + 1)
                         for k in range(1, per_floor + 1)]
                occupied = [flat for flat in flats if rng.random() < 0.92][:left] or flats[:1]
                b_id = ids("building")
                rows["building"].append((b_id, uid(), stamp, stamp, 1, grid_id, "building",
                                         f"{code}-B{building_no:03d}", f"{building_no}号楼",
                                         f"{building_no}-بىنا", sort_key))
                plan.addresses += [(grid_index, b_id, unit, room) for unit, room in occupied]
                left -= len(occupied)
            while in_lanes > 0:  # 巷道: single-storey houses, the room is the house number
                lane_no += 1
                sort_key += 1
                houses = min(in_lanes, rng.randint(12, 40))
                b_id = ids("building")
                rows["building"].append((b_id, uid(), stamp, stamp, 1, grid_id, "lane", f"{code}-L{lane_no:03d}",
                                         f"{street_zh}{lane_no}巷", f"{street_ug} {lane_no}-تار كوچا", sort_key))
                numbers = sorted(rng.sample(range(1, houses + 8), houses))
                plan.addresses += [(grid_index, b_id, "", str(n)) for n in numbers]
                in_lanes -= houses
    return plan


USER_COLUMNS = ("id", "uuid", "created_at", "updated_at", "version", "username", "display_name", "display_name_ug",
                "password_hash", "role", "job_category", "language", "active")


def plan_staff(rng: random.Random, uid, plan: OrgPlan, names: NameBook, password_hash: str, ids,
               stamp: str) -> tuple[list[tuple], list[tuple]]:
    """Users (one admin, then per community: cadres, community workers, public-welfare and contract staff, front
    desk, a viewer) and their grids. Fills plan.grid_workers and each community's workers/front_desk."""
    users: list[tuple] = []
    links: list[tuple] = []
    counters = {"worker": 0, "front_desk": 0, "viewer": 0}

    def add(username: str, role: str, job: str) -> int:
        group = "uyghur" if rng.random() < 0.3 else "han"
        name = names.person(rng, group, rng.choice("MF"))
        language = "ug" if group == "uyghur" and rng.random() < 0.6 else "zh"
        user_id = ids("user")
        users.append((user_id, uid(), stamp, stamp, 1, username, name.zh, name.ug, password_hash, role, job,
                      language, True))
        return user_id

    def numbered(role: str, job: str, prefix: str) -> int:
        counters[role] += 1
        return add(f"{prefix}{counters[role]:02d}", role, job)

    add("admin", "admin", "state_cadre")
    plan.grid_workers = [[] for _ in plan.grid_ids]
    for comm in plan.communities:
        size = comm.households
        staff = ([("state_cadre", 1)] * min(10, max(2, round(size / 300)))
                 + [("community_worker", 1)] * min(25, max(3, round(size / 130)))
                 + [("public_welfare", 1)] * min(4, max(1, size // 1000))
                 + [("contract", 1)] * min(3, size // 1500))
        comm.workers = [numbered("worker", job, "worker") for job, _ in staff]
        comm.front_desk = [numbered("front_desk", job, "desk") for job in ("community_worker", "public_welfare")]
        numbered("viewer", "state_cadre", "viewer")
        grids = comm.grid_indexes
        for k, worker in enumerate(comm.workers):  # every worker covers a grid; cadres lead a second one
            covered = {grids[k % len(grids)]}
            if k < len(grids) and len(grids) > 1 and rng.random() < 0.3:
                covered.add(grids[(k + 1) % len(grids)])
            for g in sorted(covered):
                plan.grid_workers[g].append(worker)
                links.append((ids("user_grid"), uid(), stamp, stamp, 1, worker, plan.grid_ids[g]))
    return users, links

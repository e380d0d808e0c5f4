"""Import budget (DESIGN.md): 10,000 rows validated and written in ≤ 3× python-calamine's bare parse of the same
file, measured in the same run, on the embedded SQLite (synchronous FULL, as the office PC runs it).

The sheet is what an office keeps: realistic Han and Uyghur names (demo name lists), valid ID numbers, mobiles and
landlines, 3 people per household over 42 buildings in 2 grids, relations and a few tags; shared strings as
Excel and WPS write them. Printed: the bare parse, the whole import (file checks + parse + validation + write in
one transaction), and its parts. `make bench` runs this; it is not part of `make test`.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import statistics
import time

import openpyxl
import pytest
import python_calamine

from app.db.database import close_database
from app.services import setup
from app.services.actor import Actor
from app.services.demo_names import IdNumbers, NameBook, phone_for
from app.services.resident_import import import_residents

pytestmark = pytest.mark.bench

ROWS = 10_000
ROUNDS = 5
RATIO_BUDGET = 3.0
ADMIN = Actor("bench", "admin")
RELATIONS = ("户主", "配偶", "子女")


def _sheet(path) -> None:
    rng = random.Random(11)
    names, ids = NameBook(), IdNumbers(random.Random(12), "650102")
    wb = openpyxl.Workbook()  # not write-only: shared strings, like Excel's own files
    ws = wb.active
    ws.append(["社区居民信息台账"])
    ws.append(["网格", "楼栋", "单元", "房号", "姓名", "维吾尔文姓名", "身份证号", "性别", "联系电话", "与户主关系",
               "标签", "备注"])
    today = dt.date(2026, 11, 1)
    for i in range(ROWS):
        group = "uyghur" if rng.random() < 0.45 else "han"
        sex = rng.choice("MF")
        name = names.person(rng, group, sex)
        age = rng.randint(0, 92)
        birth = today - dt.timedelta(days=int(age * 365.25) + rng.randrange(365))
        household = i // 3
        building = household // 80 + 1  # 42 buildings of 80 households, in two grids
        ws.append([f"第{building % 2 + 1}网格", f"{building}号楼", str(household % 4 + 1),
                   str(100 + household % 80), name.zh, name.ug, ids.make(ids.region(group, age), birth, sex),
                   "男" if sex == "M" else "女", phone_for(rng, age), RELATIONS[i % 3],
                   "独居" if rng.random() < 0.03 else "", ""])
    wb.save(path)


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    folder = tmp_path_factory.mktemp("import")
    path = folder / "residents-10k.xlsx"
    _sheet(path)
    template = folder / "empty.db"
    setup.open_and_migrate(str(template))
    setup.setup_community("红山街道", "幸福社区", "بەخت مەھەللىسى", "admin", "bench-pass-1", grids=2)
    close_database()
    return path, template


def _bare_parse(path) -> float:
    started = time.perf_counter()
    python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return time.perf_counter() - started


def test_import_10k_rows_within_3x_bare_parse(sheet, tmp_path):
    path, template = sheet
    parses, imports, parts = [], [], []
    for n in range(ROUNDS):
        parses.append(_bare_parse(path))
        target = tmp_path / f"run{n}.db"
        shutil.copy(template, target)
        setup.open_and_migrate(str(target))
        started = time.perf_counter()
        result = import_residents(ADMIN, path, commit=True)
        imports.append(time.perf_counter() - started)
        parts.append(result.seconds)
        assert result.committed and result.created == ROWS, result.errors[:3]
        close_database()
        parses.append(_bare_parse(path))
    parse, whole = statistics.median(parses), statistics.median(imports)
    part = {k: statistics.median(p[k] for p in parts) for k in parts[0]}
    print(f"\n  bare calamine parse {parse * 1000:.0f} ms; import of {ROWS} rows {whole * 1000:.0f} ms "
          f"= {whole / parse:.2f}× (budget {RATIO_BUDGET}×); parts: "
          + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in part.items()))
    assert whole <= RATIO_BUDGET * parse

"""Small registries for the residents tests: one subdistrict, one community, two grids, a few buildings."""

from __future__ import annotations

import datetime as dt

from app.db.models import Building, Community, Grid, Household, Subdistrict
from app.domain import idcard
from app.services.actor import Actor

ADMIN = Actor("t-admin", "admin", "Admin")
WORKER = Actor("t-worker", "worker", "Worker")
FRONT = Actor("t-front", "front_desk", "Front desk")
VIEWER = Actor("t-viewer", "viewer", "Viewer")
TODAY = dt.date(2026, 11, 20)


def number(birth: dt.date, sex: str = "M", seq: int = 1, region: str = "650102") -> str:
    return idcard.make(region, birth, seq, sex)


def registry() -> dict:
    """Org tree with two grids; returns uuids by name."""
    sub = Subdistrict.create(code="S01", name_zh="红山街道")
    com = Community.create(subdistrict=sub, code="C01", name_zh="幸福社区", name_ug="بەخت مەھەللىسى")
    g1 = Grid.create(community=com, code="C01-G01", name_zh="第1网格", name_ug="1-تور")
    g2 = Grid.create(community=com, code="C01-G02", name_zh="第2网格", name_ug="2-تور")
    b1 = Building.create(grid=g1, code="C01-G01-B001", name_zh="3号楼", name_ug="3-بىنا", sort_key=1)
    b2 = Building.create(grid=g1, code="C01-G01-B002", name_zh="13号楼", name_ug="13-بىنا", sort_key=2)
    b3 = Building.create(grid=g2, code="C01-G02-B001", kind="lane", name_zh="幸福巷", name_ug="بەخت كوچىسى")
    h1 = Household.create(building=b1, unit="2", room="301")
    h2 = Household.create(building=b2, unit="1", room="101")
    h3 = Household.create(building=b3, unit="", room="7")
    return {"grid1": str(g1.uuid), "grid2": str(g2.uuid), "b1": str(b1.uuid), "b2": str(b2.uuid),
            "b3": str(b3.uuid), "h1": str(h1.uuid), "h2": str(h2.uuid), "h3": str(h3.uuid)}

"""An office with work to do for the visits / demands / Today GUI tests (tests may use models; widgets may not).

On top of tests.work_helpers.make_office (two grids, walking-order rooms, workers, a front desk): residents
findable by name (search keys), a few visits, an overdue demand and an open one for worker A, and the handbook
item TST-01 (2 working days).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.db.models import Resident
from app.domain.search_forms import search_key
from app.services.demands import DemandDraft, create_demand
from app.services.demands_list import DemandRow
from tests.work_helpers import ITEM_CODE, TODAY, Office, handbook_item, make_office, visit


@dataclass
class Work:
    office: Office
    overdue: DemandRow  # worker A's, accepted 30 days ago
    open: DemandRow  # worker A's, accepted today


def with_search_keys() -> None:
    for r in Resident.select():
        r.search_key = search_key(r.name_zh, r.name_ug)
        r.save()


def make_work() -> Work:
    office = make_office()
    handbook_item(2)
    with_search_keys()
    visit(office, "a502", 2)
    visit(office, "a101", 200)
    visit(office, "b301", 5, worker=office.worker_b)
    a = office.households
    overdue = create_demand(office.worker_a, str(a["a1101"].uuid),
                            DemandDraft("楼道灯坏了，请求维修", item_code=ITEM_CODE, channel="phone"),
                            accepted_on=TODAY - dt.timedelta(days=30))
    head = str(office.heads["a502"].uuid)
    fresh = create_demand(office.worker_a, str(a["a502"].uuid),
                          DemandDraft("申请低保", item_code=ITEM_CODE, resident_uuid=head))
    return Work(office, overdue, fresh)

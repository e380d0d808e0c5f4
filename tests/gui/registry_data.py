"""A demo registry for the residents GUI tests: a few hundred residents from app.services.demo, built once a
session and copied for each test, and the actors of every role."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from app.services.actor import Actor

DEMO_TODAY = dt.date.today()
ADMIN = Actor("admin", "admin", "管理员")
WORKER = Actor("t-worker", "worker", "网格员")
FRONT = Actor("t-front", "front_desk", "前台")
VIEWER = Actor("t-viewer", "viewer", "查看")


@pytest.fixture(scope="session")
def registry_template(sqlite_template, tmp_path_factory):
    from app.db.database import close_database
    from app.services import demo, setup

    path = tmp_path_factory.mktemp("registry") / "registry.db"
    shutil.copy(sqlite_template, path)
    setup.open_and_migrate(str(path))
    demo.generate(120, seed=4, today=DEMO_TODAY)  # ≈ 350 residents, visits and demands
    close_database()
    return path


@pytest.fixture
def registry(registry_template, tmp_path, baijia_app):
    """A copy of the demo registry, open."""
    from app.db.database import close_database
    from app.services import setup

    path = tmp_path / "registry.db"
    shutil.copy(registry_template, path)
    yield setup.open_and_migrate(str(path))
    close_database()


_pages: list = []


@pytest.fixture(autouse=True)
def _delete_pages():
    """Pages and their dialogs are deleted after each test: a later language switch must not reach widgets
    whose database is gone."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    while _pages:
        page = _pages.pop()
        page.close()
        page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def page_for(qtbot, actor: Actor):
    from ui.pages.residents_page import ResidentsPage

    page = ResidentsPage(actor)
    qtbot.addWidget(page)
    _pages.append(page)
    page.resize(1200, 700)
    return page


def households_of(actor: Actor = ADMIN, n: int = 2) -> list[str]:
    """Uuids of the first ``n`` households of the first grid's first building."""
    from app.services import households

    grid = households.list_grids(actor)[0]
    building = households.list_buildings(actor, grid.uuid)[0]
    return [h.uuid for h in households.list_households(actor, building.uuid)[:n]]


ABDULLA = {"name_zh": "阿不都拉·艾合买提", "name_ug": "ئابدۇللا ئەخمەت", "phone": "13812341234",
           "relation": "other"}
ABDULLA_ID = "650102194006017717"  # idcard.make("650102", 1940-06-01, 77, "M"), checked below


def add_abdulla(household_uuid: str, actor: Actor = ADMIN):
    """A resident with known names in both scripts, a valid ID number and a phone."""
    from app.domain import idcard
    from app.services import residents

    assert idcard.make("650102", dt.date(1940, 6, 1), 77, "M") == ABDULLA_ID
    fields = dict(ABDULLA, id_number=ABDULLA_ID)
    return residents.add_resident(actor, household_uuid, fields)

"""GUI fixtures: an offscreen QApplication set up like Baijia's, a community with an admin, pseudo catalogs.

tests/conftest.py (the lead's) already sets QT_QPA_PLATFORM=offscreen, a private BAIJIA_HOME and the
`sqlite_db` fixture, and resets the language to Chinese around every test.
"""

from __future__ import annotations

import datetime as dt
import gettext
import shutil
import tempfile

import pytest
from PySide6.QtCore import QSettings

from app import i18n

# QSettings (the saved language) goes to a private folder, never the developer's own.
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="baijia-qsettings-"))

ADMIN, PASSWORD = "admin", "secret123"
COMMUNITY_ZH, COMMUNITY_UG = "和平社区", "تىنچلىق مەھەللىسى"


@pytest.fixture(scope="session")
def baijia_app(qapp):
    """pytest-qt's QApplication, given Baijia's fonts, language manager and translators."""
    from ui.application import create_application

    return create_application()


@pytest.fixture
def empty_db(sqlite_db, baijia_app):
    """A migrated, empty SQLite database; yields open_and_migrate's InitResult."""
    from app.services import setup

    return setup.open_and_migrate(sqlite_db)


@pytest.fixture(scope="session")
def community_template(sqlite_template, tmp_path_factory):
    """A database with one community and its admin, set up once (argon2 hashing is slow on purpose)."""
    from app.db.database import close_database
    from app.services import setup

    path = tmp_path_factory.mktemp("community") / "community.db"
    shutil.copy(sqlite_template, path)
    setup.open_and_migrate(str(path))
    setup.setup_community("红山街道", COMMUNITY_ZH, COMMUNITY_UG, ADMIN, PASSWORD, admin_name="古丽",
                          subdistrict_ug="قىزىلتاغ كوچىسى")
    close_database()
    return path


@pytest.fixture
def community(community_template, tmp_path, baijia_app):
    """A copy of the community database, open; yields open_and_migrate's InitResult."""
    from app.db.database import close_database
    from app.services import setup

    path = tmp_path / "baijia.db"
    shutil.copy(community_template, path)
    yield setup.open_and_migrate(str(path))
    close_database()


@pytest.fixture
def actor(community):
    """The administrator, as log-in would return it (tests of log-in itself call users.authenticate)."""
    from app.services import users

    return users.actor_for(ADMIN)


def add_resident(name_zh: str, name_ug: str, id_number: str | None = None, phone: str = "",
                 birth: dt.date | None = None):
    """Tests may use models (widgets may not): there is no resident-editing service yet (issue #5)."""
    from app.db.models import Building, Grid, Household, Resident
    from app.domain.search_forms import search_key

    grid = Grid.select().first()
    building, _created = Building.get_or_create(code="B-T1", defaults={"grid": grid, "name_zh": "3号楼",
                                                                        "name_ug": "3-بىنا"})
    household = Household.create(building=building, unit="2", room="502")
    return Resident.create(household=household, name_zh=name_zh, name_ug=name_ug, id_number=id_number, phone=phone,
                           birth_date=birth, search_key=search_key(name_zh, name_ug))


@pytest.fixture
def main_window(qtbot, actor, community):
    from ui.main_window import MainWindow

    window = MainWindow(actor, community)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


# --- pseudo catalogs: the real ones are not translated yet, so tests see a marker per language ---

MARK = {"zh": "〔中〕", "ug": "〔ئۇ〕"}


class PseudoCatalog(gettext.NullTranslations):
    def __init__(self, lang: str):
        super().__init__()
        self.mark = MARK[lang]

    def gettext(self, message):
        return self.mark + message

    def ngettext(self, singular, plural, n):
        return self.mark + (singular if n == 1 else plural)

    def pgettext(self, context, message):
        return self.mark + message


def pseudo(lang: str, msgid: str) -> str:
    """What the pseudo catalog makes of a msgid in `lang` (English: the msgid itself)."""
    return MARK[lang] + msgid if lang in MARK else msgid


@pytest.fixture
def pseudo_catalogs(baijia_app):
    from ui.language import language_manager

    i18n._translations["zh"] = PseudoCatalog("zh")
    i18n._translations["ug"] = PseudoCatalog("ug")
    language_manager().apply_current()  # windows already open retranslate, as after a catalog reload
    yield pseudo
    i18n.reload_catalogs()
    language_manager().apply_current()

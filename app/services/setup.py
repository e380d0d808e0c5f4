"""Open and prepare the database: migrations, shipped data, the first community and administrator."""

from __future__ import annotations

from dataclasses import dataclass

from app.db.database import DbTarget, database, open_database
from app.db.migrations import current_version, latest_version, migrate
from app.db.models import Building, Community, Grid, Household, Resident, Subdistrict, User
from app.i18n import _
from app.services import handbook_loader, settings, users
from app.errors import BaijiaError


@dataclass(frozen=True)
class InitResult:
    target: DbTarget
    schema_before: int
    schema_after: int
    migrations_applied: tuple[str, ...]
    handbook: "handbook_loader.SyncReport"


class SetupError(BaijiaError, ValueError):
    pass


def open_and_migrate(target: str | None = None) -> InitResult:
    """Open the chosen database and bring it to the newest schema (idempotent: `baijia init`)."""
    info = open_database(target)
    db = database.obj
    before = current_version(db)
    applied = migrate(db)
    report = handbook_loader.sync_shipped()
    return InitResult(info, before, current_version(db), tuple(m.name for m in applied), report)


def needs_schema_upgrade() -> bool:
    return current_version(database.obj) < latest_version()


def is_empty() -> bool:
    """No community and no user yet: the first-run choice (set up, or explore demo data) is offered."""
    return not Community.select().exists() and not User.select().exists()


def setup_community(subdistrict_zh: str, community_zh: str, community_ug: str, admin_username: str,
                    admin_password: str, admin_name: str = "", grids: int = 1, subdistrict_ug: str = "") -> None:
    """First run: the office's own community, its grids and the administrator account, in one transaction."""
    if not is_empty():
        raise SetupError(_("This database is already set up."))
    if not community_zh.strip():
        raise SetupError(_("Enter the community's Chinese name."))
    if not admin_password or len(admin_password) < users.MIN_PASSWORD:
        raise SetupError(_("A password has at least {n} characters.").format(n=users.MIN_PASSWORD))
    with database.atomic():
        sub = Subdistrict.create(code="S01", name_zh=subdistrict_zh.strip() or community_zh.strip(),
                                 name_ug=subdistrict_ug.strip())
        community = Community.create(subdistrict=sub, code="C01", name_zh=community_zh.strip(),
                                     name_ug=community_ug.strip())
        for n in range(1, max(1, grids) + 1):
            Grid.create(community=community, code=f"C01-G{n:02d}", name_zh=f"第{n}网格",
                        name_ug=f"{n}-تور")
        users.add_user(None, admin_username, admin_name or admin_username, "admin", admin_password)
        settings.put(None, "community_name_zh", community_zh.strip())
        settings.put(None, "community_name_ug", community_ug.strip())


@dataclass(frozen=True)
class Counts:
    communities: int
    grids: int
    buildings: int
    households: int
    residents: int
    users: int


def counts() -> Counts:
    return Counts(Community.select().count(), Grid.select().count(), Building.select().count(),
                  Household.select().count(), Resident.select().count(), User.select().count())

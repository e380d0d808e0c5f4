"""The acting user and what each role may do."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.errors import BaijiaError
from app.i18n import N_, _

ROLE_LABELS = {
    "admin": N_("Administrator"),
    "worker": N_("Community worker"),
    "front_desk": N_("Front desk"),
    "viewer": N_("Viewer"),
}
JOB_LABELS = {
    "state_cadre": N_("State cadre"),
    "community_worker": N_("Community worker"),
    "public_welfare": N_("Public-welfare post"),
    "contract": N_("Contract staff"),
}

# permission → roles that have it
PERMISSIONS: dict[str, frozenset[str]] = {
    "residents.read": frozenset({"admin", "worker", "front_desk", "viewer"}),
    "residents.edit": frozenset({"admin", "worker", "front_desk"}),
    "residents.reveal": frozenset({"admin", "worker"}),  # show an ID number or phone whole (audited)
    "residents.sensitive": frozenset({"admin", "worker"}),  # health, disability, minors' details
    "residents.import": frozenset({"admin"}),
    "residents.export": frozenset({"admin", "worker"}),
    "visits.edit": frozenset({"admin", "worker", "front_desk"}),
    "demands.edit": frozenset({"admin", "worker", "front_desk"}),
    "handbook.edit": frozenset({"admin"}),
    "reports.print": frozenset({"admin", "worker", "front_desk", "viewer"}),
    "users.manage": frozenset({"admin"}),
    "settings.edit": frozenset({"admin"}),
    "database.admin": frozenset({"admin"}),
}


class PermissionDenied(BaijiaError):
    def __init__(self, permission: str):
        super().__init__(_("Your role may not do this ({permission}).").format(permission=permission))
        self.permission = permission


@dataclass(frozen=True)
class Actor:
    username: str
    role: str
    display_name: str = ""
    user_id: int | None = None
    grid_ids: tuple[int, ...] = field(default_factory=tuple)

    def can(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise PermissionDenied(permission)


def console_actor() -> Actor:
    """Who the command line acts as: the person at this PC's shell, with the office head's rights.
    Output is masked all the same; revealing stays a deliberate, audited act."""
    import getpass

    try:
        name = getpass.getuser()
    except Exception:  # no login name on some service accounts
        name = "console"
    return Actor(username=f"cli:{name}", role="admin", display_name=name)

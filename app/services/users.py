"""Users: accounts with argon2 password hashes, roles, grids; log-in returns the Actor."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.db.database import database
from app.db.models import User, UserGrid
from app.db.models.staff import JOB_CATEGORIES, ROLES
from app.i18n import _
from app.services import audit
from app.services.actor import Actor
from app.errors import BaijiaError

_hasher = PasswordHasher()
MIN_PASSWORD = 6


class UserError(BaijiaError, ValueError):
    pass


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: str
    job_category: str
    active: bool


def _actor_of(user: User) -> Actor:
    grids = tuple(link.grid_id for link in UserGrid.select(UserGrid.grid).where(UserGrid.user == user))
    return Actor(user.username, user.role, user.display_name, user.id, grids)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def add_user(actor: Actor | None, username: str, display_name: str, role: str, password: str = "",
             job_category: str = "community_worker") -> UserInfo:
    """Create an account; ``actor`` None only while setting up an empty database."""
    if actor is not None:
        actor.require("users.manage")
    username = username.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise UserError(_("A user name is 1–64 characters without spaces."))
    if role not in ROLES:
        raise UserError(_("Unknown role {role}; choose one of {roles}.").format(role=role, roles=", ".join(ROLES)))
    if job_category not in JOB_CATEGORIES:
        raise UserError(_("Unknown job category {job}.").format(job=job_category))
    if password and len(password) < MIN_PASSWORD:
        raise UserError(_("A password has at least {n} characters.").format(n=MIN_PASSWORD))
    if User.select().where(User.username == username).exists():
        raise UserError(_("The user name {name} is taken.").format(name=username))
    with database.atomic():
        user = User.create(username=username, display_name=display_name.strip() or username, role=role,
                           job_category=job_category, password_hash=hash_password(password) if password else "")
        if actor is not None:
            audit.record(actor, "user.add", "user", user.uuid, username=username, role=role)
    return UserInfo(user.id, user.username, user.display_name, user.role, user.job_category, user.active)


def authenticate(username: str, password: str) -> Actor | None:
    user = User.get_or_none((User.username == username.strip()) & (User.active == True))  # noqa: E712
    if user is None or not user.password_hash:
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    actor = _actor_of(user)
    audit.record(actor, "user.login", "user", user.uuid)
    return actor


def actor_for(username: str) -> Actor | None:
    user = User.get_or_none(User.username == username)
    return _actor_of(user) if user else None


def list_users(actor: Actor) -> list[UserInfo]:
    actor.require("users.manage")
    return [UserInfo(u.id, u.username, u.display_name, u.role, u.job_category, u.active)
            for u in User.select().order_by(User.username)]


def count_users() -> int:
    return User.select().count()

"""Residents' demands (诉求): intake, the lifecycle with its transition table, deadlines in working days, edits.

受理 accepted → 办理 in_progress → 反馈 answered → 回访 follow_up → 办结 closed, plus 转办 referred (to whom) and
不予受理 declined (why). Every change writes a DemandStep (who, when, note) in the same transaction and the audit
log. Two people changing one demand: the caller passes the version it read; when someone saved in between,
``DemandConflict`` says who changed it, when, to what, with their note — nothing is overwritten.
Lists and the row shape live in ``demands_list``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from app.db.base import StaleEditError, utcnow
from app.db.database import database
from app.db.models import Demand, DemandStep, HandbookItem, Household, Resident, User, UserGrid
from app.db.models.demands import CHANNELS, STATUSES
from app.i18n import N_, _
from app.services import audit, settings
from app.services.actor import Actor
from app.services.resident_validation import FieldError
from app.services.work_calendar import office_calendar
from app.services.work_common import MAX_TEXT, WorkNotFound, WorkValidationError, household_of, today, user_names
from app.errors import BaijiaError

STATUS_LABELS = {
    "accepted": N_("Accepted"),
    "in_progress": N_("In progress"),
    "answered": N_("Answered"),
    "follow_up": N_("Follow-up visit"),
    "closed": N_("Closed"),
    "referred": N_("Referred"),
    "declined": N_("Declined"),
}
CHANNEL_LABELS = {
    "visit": N_("Visit"),
    "front_desk": N_("Front desk"),
    "phone": N_("Phone"),
    "other": N_("Other"),
}
# status → the statuses it may move to. closed and declined are final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "accepted": ("in_progress", "referred", "declined"),
    "in_progress": ("answered", "referred", "declined"),
    "answered": ("follow_up", "in_progress"),  # back to work when the answer did not settle it
    "follow_up": ("closed", "in_progress"),  # the resident is not satisfied: handle it again
    "referred": ("answered", "in_progress"),  # the other office answered, or it came back to us
    "closed": (),
    "declined": (),
}
DEFAULT_DAYS = 10  # working days when a demand has no handbook item (setting demand_default_days)
EDITABLE = ("description", "assignee_id", "item_code", "category_code", "channel")


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def channel_label(channel: str) -> str:
    return _(CHANNEL_LABELS.get(channel, channel))


class IllegalTransition(BaijiaError, ValueError):
    def __init__(self, current: str, target: str):
        super().__init__(_("A demand that is “{current}” cannot become “{target}”.")
                         .format(current=status_label(current), target=status_label(target)))
        self.current, self.target = current, target


@dataclass(frozen=True)
class ChangeInfo:
    """The other person's change, for the conflict dialog."""

    who: str
    at: dt.datetime | None  # UTC
    from_status: str
    to_status: str
    status_label: str
    note: str
    version: int


class DemandConflict(StaleEditError):
    """Someone saved this demand since you read it; ``change`` says who, when and what; nothing of yours is saved."""

    def __init__(self, row: Demand):
        step = (DemandStep.select().where(DemandStep.demand == row.id)
                .order_by(DemandStep.at.desc(), DemandStep.id.desc()).first())
        if step is not None and row.updated_at and step.at < row.updated_at - dt.timedelta(seconds=5):
            step = None  # changed without a step (a new holiday schedule moved the deadline)
        who = user_names([step.user_id]).get(step.user_id, "") if step else ""
        self.change = ChangeInfo(who, step.at if step else row.updated_at, step.from_status if step else "",
                                 row.status, status_label(row.status), step.note if step else "", row.version)
        self.model = row
        when = local_time(self.change.at)
        message = _("Not saved: {who} changed this demand at {time}; it is now “{status}”.").format(
            who=who or _("someone else"), time=when, status=self.change.status_label)
        if self.change.note:
            message += " " + _("Their note: {note}").format(note=self.change.note)
        Exception.__init__(self, message + " " + _("Look at it again and repeat your change if it is still needed."))


def local_time(at: dt.datetime | None) -> str:
    if at is None:
        return ""
    if isinstance(at, str):
        at = dt.datetime.fromisoformat(at)
    return at.replace(tzinfo=dt.timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class DemandDraft:
    """A demand as entered, e.g. from a need found on a visit."""

    description: str
    item_code: str | None = None  # handbook item: category and time limit come from it
    category_code: str = ""
    resident_uuid: str | None = None
    channel: str = "visit"
    assignee_id: int | None = None
    time_limit_days: int | None = None  # only without an item; default: setting demand_default_days
    note: str = ""


def _text(field: str, value: Any, errors: list, required: bool = False) -> str:
    text = str(value or "").strip()
    if required and not text:
        errors.append(FieldError(field, _("This field is required.")))
    elif len(text) > MAX_TEXT:
        errors.append(FieldError(field, _("At most {n} characters.").format(n=MAX_TEXT)))
    return text


def _item(code: str | None, errors: list) -> HandbookItem | None:
    if not code:
        return None
    item = HandbookItem.select().where(HandbookItem.code == code.strip()).first()
    if item is None:
        errors.append(FieldError("item_code", _("No handbook item {code}.").format(code=code)))
    return item


def _check_user(user_id: int | None, errors: list) -> None:
    active = User.select().where((User.id == user_id) & (User.active == True))  # noqa: E712
    if user_id is not None and not active.exists():
        errors.append(FieldError("assignee_id", _("No such active user.")))


def deadline_for(accepted_on: dt.date, item: HandbookItem | None, days: int | None = None) -> tuple[dt.date, bool]:
    """(deadline, estimated) in Chinese working days from the item's time limit (or ``days`` / the default)."""
    if item is not None:
        days = item.time_limit_days
    if days is None:
        days = int(settings.get("demand_default_days", DEFAULT_DAYS))
    result = office_calendar().add_workdays(accepted_on, max(0, int(days)))
    return result.due, result.estimated


def _default_assignee(actor: Actor, household: Household) -> int | None:
    """A worker takes what they accept; the front desk hands it to a worker of the household's grid."""
    if actor.role == "worker" and actor.user_id:
        return actor.user_id
    worker = (UserGrid.select(UserGrid.user).join(User)
              .where((UserGrid.grid == household.building.grid_id) & (User.active == True)  # noqa: E712
                     & (User.role == "worker")).order_by(User.id).first())
    return worker.user_id if worker else actor.user_id


def insert_demand(actor: Actor, household: Household, draft: DemandDraft, accepted_on: dt.date,
                  visit_id: int | None = None) -> Demand:
    """Validate and write one demand with its first step; the caller holds the transaction."""
    errors: list[FieldError] = []
    description = _text("description", draft.description, errors, required=True)
    if draft.channel not in CHANNELS:
        errors.append(FieldError("channel", _("Unknown channel {value}.").format(value=draft.channel)))
    item = _item(draft.item_code, errors)
    resident_id = None
    if draft.resident_uuid:
        resident = Resident.get_or_none(Resident.uuid == draft.resident_uuid)
        if resident is None or resident.household_id != household.id:
            errors.append(FieldError("resident_uuid", _("This person does not live in this household.")))
        else:
            resident_id = resident.id
    _check_user(draft.assignee_id, errors)
    if draft.time_limit_days is not None and not 0 <= int(draft.time_limit_days) <= 365:
        errors.append(FieldError("time_limit_days", _("A time limit is 0–365 working days.")))
    if accepted_on > today():
        errors.append(FieldError("accepted_on", _("The date lies in the future.")))
    if errors:
        raise WorkValidationError(errors)
    due, estimated = deadline_for(accepted_on, item, draft.time_limit_days)
    category = item.category.code if item is not None else draft.category_code.strip()[:8]
    row = Demand.create(resident=resident_id, household=household.id, item=item.id if item else None,
                        category_code=category, visit=visit_id, description=description, channel=draft.channel,
                        status="accepted", accepted_on=accepted_on, deadline=due, deadline_estimated=int(estimated),
                        assignee=draft.assignee_id or _default_assignee(actor, household))
    DemandStep.create(demand=row.id, from_status="", to_status="accepted", user=actor.user_id,
                      note=str(draft.note or "").strip()[:MAX_TEXT])
    audit.record(actor, "demand.add", "demand", row.uuid, household=str(household.uuid), channel=draft.channel,
                 item=draft.item_code or "", deadline=due, estimated=estimated)
    return row


def _need_user(actor: Actor) -> None:
    actor.require("demands.edit")
    if not actor.user_id:
        raise WorkValidationError([FieldError("user", _("Log in as a user of this office to change demands."))])


def create_demand(actor: Actor, household: str | int, draft: DemandDraft, accepted_on: dt.date | None = None,
                  visit_id: int | None = None):
    """A demand taken at the front desk, by phone or on a visit. Returns the DemandRow (demands_list)."""
    from app.services.demands_list import get_demand

    _need_user(actor)
    hh = household_of(household)
    if hh.archived:
        raise WorkValidationError([FieldError("household", _("This household is archived."))])
    with database.atomic():
        row = insert_demand(actor, hh, draft, accepted_on or today(), visit_id)
    return get_demand(actor, str(row.uuid))


def _load(demand_uuid: str) -> Demand:
    try:
        return Demand.get(Demand.uuid == demand_uuid)
    except (Demand.DoesNotExist, ValueError):
        raise WorkNotFound(str(demand_uuid)) from None


def _save(row: Demand) -> None:
    try:
        row.save()
    except StaleEditError:
        raise DemandConflict(_load(str(row.uuid))) from None


def transition(actor: Actor, demand_uuid: str, to_status: str, expected_version: int, note: str = "",
               referred_to: str = "", decline_reason: str = "", satisfaction: int | None = None):
    """Move a demand on. ``expected_version`` is the version the user saw: if it changed, DemandConflict.
    referred needs ``referred_to``; declined needs ``decline_reason``; satisfaction 1–5 is taken at the follow-up
    visit (or at closing, when not yet recorded) and closing needs it."""
    from app.services.demands_list import get_demand

    _need_user(actor)
    if to_status not in STATUSES:
        raise WorkValidationError([FieldError("status", _("Unknown status {value}.").format(value=to_status))])
    with database.atomic():
        row = _load(demand_uuid)
        if row.version != expected_version:
            raise DemandConflict(row)
        if to_status not in TRANSITIONS[row.status]:
            raise IllegalTransition(row.status, to_status)
        errors: list[FieldError] = []
        note = _text("note", note, errors)
        if to_status == "referred":
            row.referred_to = _text("referred_to", referred_to, errors, required=True)[:200]
        if to_status == "declined":
            row.decline_reason = _text("decline_reason", decline_reason, errors, required=True)
        if satisfaction is not None:
            if to_status not in ("follow_up", "closed"):
                errors.append(FieldError("satisfaction", _("Satisfaction is recorded at the follow-up visit.")))
            elif not (isinstance(satisfaction, int) and 1 <= satisfaction <= 5):
                errors.append(FieldError("satisfaction", _("Satisfaction is a number from 1 to 5.")))
            else:
                row.satisfaction = satisfaction
        if to_status == "closed" and row.satisfaction is None:
            errors.append(FieldError("satisfaction", _("Record the resident's satisfaction (1–5) before closing.")))
        if errors:
            raise WorkValidationError(errors)
        before = row.status
        row.status = to_status
        row.closed_at = utcnow() if to_status == "closed" else None
        _save(row)
        default_note = {"declined": row.decline_reason, "referred": row.referred_to}.get(to_status, "")
        DemandStep.create(demand=row.id, from_status=before, to_status=to_status, user=actor.user_id,
                          note=note or default_note)
        audit.record(actor, "demand.status", "demand", row.uuid, from_status=before, to_status=to_status,
                     satisfaction=row.satisfaction if to_status in ("follow_up", "closed") else None)
    return get_demand(actor, demand_uuid)


def edit_demand(actor: Actor, demand_uuid: str, changes: Mapping[str, Any], expected_version: int,
                note: str = ""):
    """Change description, assignee, handbook item/category or channel (not the status: see transition).
    A new item recomputes the deadline. Recorded as a step that keeps the status."""
    from app.services.demands_list import get_demand

    _need_user(actor)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise WorkValidationError([FieldError(f, _("This field cannot be changed here.")) for f in sorted(unknown)])
    with database.atomic():
        row = _load(demand_uuid)
        if row.version != expected_version:
            raise DemandConflict(row)
        errors: list[FieldError] = []
        changed = []
        if "description" in changes:
            row.description = _text("description", changes["description"], errors, required=True)
            changed.append("description")
        if "assignee_id" in changes:
            _check_user(changes["assignee_id"], errors)
            row.assignee = changes["assignee_id"]
            changed.append("assignee")
        if "channel" in changes:
            if changes["channel"] not in CHANNELS:
                errors.append(FieldError("channel", _("Unknown channel {value}.").format(value=changes["channel"])))
            row.channel = changes["channel"]
            changed.append("channel")
        if "item_code" in changes:
            item = _item(changes["item_code"], errors)
            row.item = item.id if item else None
            if item is not None:
                row.category_code = item.category.code
                row.deadline, estimated = deadline_for(row.accepted_on, item)
                row.deadline_estimated = int(estimated)
            changed.append("item")
        if "category_code" in changes and "item_code" not in changes:
            row.category_code = str(changes["category_code"] or "").strip()[:8]
            changed.append("category")
        note = _text("note", note, errors)
        if errors:
            raise WorkValidationError(errors)
        if not changed:
            return get_demand(actor, demand_uuid)
        _save(row)
        DemandStep.create(demand=row.id, from_status=row.status, to_status=row.status, user=actor.user_id,
                          note=note)
        audit.record(actor, "demand.edit", "demand", row.uuid, changed=changed)
    return get_demand(actor, demand_uuid)

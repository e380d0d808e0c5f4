"""Load the shipped handbook into the database, and upgrade it without losing the office's edits.

`sync_shipped()` runs at every `baijia init` / start-up, in one transaction:
- an item not in the database is inserted;
- an item whose stored `shipped_hash` equals the shipped one is left alone (no row is written);
- an item the office has not edited whose shipped content changed is updated to the new content;
- an item the office has edited whose shipped content changed is kept as it is and recorded as a conflict
  (setting ``handbook.conflicts``: code → pending shipped hash, "" when the shipped data withdrew the item),
  until an administrator resolves it (`resolve_conflict`: take the shipped version or keep the office's);
- an item the shipped data retires (``retired = true``) or withdraws is retired, never deleted (one the
  office has edited is reported as a conflict instead).
The office's own retire/restore choice survives upgrades; only a shipped retirement changes it.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.db.base import utcnow
from app.db.database import database
from app.db.models import HandbookCategory, HandbookCentre, HandbookItem, HandbookText
from app.i18n import _
from app.services import audit, handbook_data, settings
from app.services.actor import Actor
from app.services.handbook import CONFLICTS_KEY, HandbookError
from app.services.handbook_data import LIST_FIELDS, ShippedData, ShippedItem

VERSION_KEY = "handbook.shipped_version"
LAST_SYNC_KEY = "handbook.last_sync"
FINGERPRINT_KEY = "handbook.shipped_fingerprint"
LOADER_REVISION = 1  # raise when what the loader writes changes, so every database is compared again once


@dataclass
class SyncReport:
    version: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # edited by the office, shipped version differs
    retired: list[str] = field(default_factory=list)  # retired or withdrawn by this shipped version
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.retired)


@dataclass(frozen=True)
class Conflict:
    code: str
    shipped: ShippedItem | None  # None: the shipped data no longer has this item


class HandbookConflictError(HandbookError):
    """No such pending conflict, or the shipped data changed under it."""


def _text_values(text) -> dict:
    values = {f: getattr(text, f) for f in handbook_data.STRING_FIELDS}
    values.update({f: json.dumps(list(getattr(text, f)), ensure_ascii=False) for f in LIST_FIELDS})
    values["status"] = text.status
    return values


def _sync_named(model, shipped: list, extra) -> dict[str, int]:
    """Centres and categories: insert new, update changed names/order; returns code → id."""
    existing = {row.code: row for row in model.select()}
    ids = {}
    for rec in shipped:
        values = {"name_zh": rec.zh, "name_ug": rec.ug, "name_en": rec.en, "sort_order": rec.order, **extra(rec)}
        row = existing.get(rec.code)
        if row is None:
            ids[rec.code] = model.insert(code=rec.code, **values).execute()
            continue
        ids[rec.code] = row.id
        if any(getattr(row, k if k != "centre" else "centre_id") != v for k, v in values.items()):
            model.update(**values, version=model.version + 1, updated_at=utcnow()).where(model.id == row.id).execute()
    return ids


def _write_texts(item_id: int, item: ShippedItem, insert_only: bool) -> None:
    rows = []
    for lang, text in item.texts.items():
        values = _text_values(text)
        if not insert_only:
            n = (HandbookText.update(**values, version=HandbookText.version + 1, updated_at=utcnow())
                 .where((HandbookText.item == item_id) & (HandbookText.lang == lang)).execute())
            if n:
                continue
        rows.append({"item": item_id, "lang": lang, **values})
    if rows:
        HandbookText.insert_many(rows).execute()
    if not insert_only:
        HandbookText.delete().where((HandbookText.item == item_id)
                                    & HandbookText.lang.not_in(list(item.texts))).execute()


def _apply(row_id: int, item: ShippedItem, ids: dict, keep_retired: bool | None) -> None:
    """Overwrite an item with its shipped content (retired: the shipped flag, or the office's if it retired it)."""
    values = {"category": ids["cat"][item.category], "centre": ids["centre"][item.centre],
              "time_limit_days": item.time_limit_days, "shipped_hash": item.hash, "edited": False,
              "retired": item.retired or bool(keep_retired)}
    HandbookItem.update(**values, version=HandbookItem.version + 1, updated_at=utcnow()).where(
        HandbookItem.id == row_id).execute()
    _write_texts(row_id, item, insert_only=False)


def _already_synced(fingerprint: str) -> SyncReport | None:
    """The database was synced to exactly these files (by this loader revision): nothing to read or write."""
    if settings.get(FINGERPRINT_KEY, "") != fingerprint:
        return None
    conflicts = settings.get(CONFLICTS_KEY, {})
    shipped = [code for (code,) in HandbookItem.select(HandbookItem.code)
               .where(HandbookItem.shipped_hash != "").tuples() if code not in conflicts]
    return SyncReport(settings.get(VERSION_KEY, ""), unchanged=sorted(shipped, key=handbook_data.natural_key),
                      conflicts=sorted(conflicts, key=handbook_data.natural_key))


def sync_shipped(source: Path | str | None = None, force: bool = False) -> SyncReport:
    """Bring the database's handbook up to the shipped files in `source` (default: resources/handbook).

    When the files are byte for byte those of the last sync (their fingerprint is stored with the data),
    nothing is parsed or compared: the every-start case costs a few milliseconds. `force` compares anyway."""
    started = time.perf_counter()
    fingerprint = handbook_data.fingerprint(source) + f"/{LOADER_REVISION}"
    quick = None if force else _already_synced(fingerprint)
    if quick is not None:
        quick.seconds = time.perf_counter() - started
        return quick
    data: ShippedData = handbook_data.load(source)
    report = SyncReport(data.version)
    with database.atomic():
        ids = {"centre": _sync_named(HandbookCentre, list(data.centres), lambda c: {})}
        ids["cat"] = _sync_named(HandbookCategory, list(data.categories),
                                 lambda c: {"centre": ids["centre"][c.centre]})
        rows = {code: (row_id, shipped_hash, edited, retired) for code, row_id, shipped_hash, edited, retired in
                HandbookItem.select(HandbookItem.code, HandbookItem.id, HandbookItem.shipped_hash,
                                    HandbookItem.edited, HandbookItem.retired).tuples()}
        conflicts: dict[str, str] = {}
        for item in data.items:
            row = rows.get(item.code)
            if row is None:
                now = utcnow()
                row_id = HandbookItem.insert(
                    code=item.code, category=ids["cat"][item.category], centre=ids["centre"][item.centre],
                    time_limit_days=item.time_limit_days, retired=item.retired, shipped_hash=item.hash,
                    edited=False, created_at=now, updated_at=now).execute()
                _write_texts(row_id, item, insert_only=True)
                report.added.append(item.code)
            elif row[1] == item.hash:
                report.unchanged.append(item.code)
            elif row[2]:
                conflicts[item.code] = item.hash
            else:
                _apply(row[0], item, ids, keep_retired=row[3])
                report.updated.append(item.code)
                if item.retired and not row[3]:
                    report.retired.append(item.code)
        shipped_codes = {i.code for i in data.items}
        for code, (row_id, shipped_hash, edited, retired) in rows.items():
            if code in shipped_codes or not shipped_hash:
                continue  # still shipped, or the office's own item
            if edited:
                conflicts[code] = ""
                continue
            HandbookItem.update(retired=True, shipped_hash="", version=HandbookItem.version + 1,
                                updated_at=utcnow()).where(HandbookItem.id == row_id).execute()
            report.retired.append(code)
        report.conflicts = sorted(conflicts, key=handbook_data.natural_key)
        if settings.get(CONFLICTS_KEY, {}) != conflicts:
            settings.put(None, CONFLICTS_KEY, conflicts)
        if settings.get(VERSION_KEY, "") != data.version:
            settings.put(None, VERSION_KEY, data.version)
        if settings.get(FINGERPRINT_KEY, "") != fingerprint:
            settings.put(None, FINGERPRINT_KEY, fingerprint)
        if report.changed:
            settings.put(None, LAST_SYNC_KEY, {
                "version": data.version, "at": utcnow().isoformat(), "added": len(report.added),
                "updated": len(report.updated), "retired": report.retired, "conflicts": report.conflicts})
    if report.changed:
        _invalidate()
    report.seconds = time.perf_counter() - started
    return report


def _invalidate() -> None:
    from app.services import handbook_search

    handbook_search.invalidate()


def shipped_version() -> str:
    return settings.get(VERSION_KEY, "")


def pending_conflicts(source: Path | str | None = None) -> list[Conflict]:
    """Items the office edited whose shipped version has changed since, with that shipped version."""
    stored = settings.get(CONFLICTS_KEY, {})
    if not stored:
        return []
    data = handbook_data.load(source)
    return [Conflict(code, data.item(code) if pending else None)
            for code, pending in sorted(stored.items(), key=lambda kv: handbook_data.natural_key(kv[0]))]


def resolve_conflict(actor: Actor, code: str, take_shipped: bool, source: Path | str | None = None) -> None:
    """Take the shipped version (the office's edit of this item is replaced) or keep the office's version
    (the shipped change is acknowledged and not offered again)."""
    actor.require("handbook.edit")
    with database.atomic():
        stored = dict(settings.get(CONFLICTS_KEY, {}))
        if code not in stored:
            raise HandbookConflictError(_("Handbook item {code} has no pending shipped change.").format(code=code))
        row = HandbookItem.get(HandbookItem.code == code)
        shipped = handbook_data.load(source).item(code) if stored[code] else None
        if stored[code] and (shipped is None or shipped.hash != stored[code]):
            raise HandbookConflictError(_("The shipped handbook changed again; restart Baijia and try again."))
        if take_shipped and shipped is not None:
            ids = {"centre": {c.code: c.id for c in HandbookCentre.select()},
                   "cat": {c.code: c.id for c in HandbookCategory.select()}}
            _apply(row.id, shipped, ids, keep_retired=row.retired)
        else:
            row.shipped_hash = shipped.hash if shipped is not None else ""
            row.retired = row.retired or (take_shipped and shipped is None)
            row.save()
        del stored[code]
        settings.put(None, CONFLICTS_KEY, stored)
        audit.record(actor, "handbook.resolve_conflict", "handbook_item", row.uuid, code=code,
                     took="shipped" if take_shipped else "office")
    _invalidate()

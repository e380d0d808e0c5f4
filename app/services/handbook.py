"""The service handbook as the office sees it: the tree, one item in both languages, search, counts, and
the administrator's edits (every edit audited, optimistic locking on the item's version).

Reads need no actor (the handbook holds no personal data); every change takes the acting user and needs
the "handbook.edit" permission. Results are plain frozen dataclasses. Search is in `handbook_search`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from app.db.base import StaleEditError
from app.db.database import database
from app.db.models import HandbookCategory, HandbookCentre, HandbookItem, HandbookText
from app.db.models.handbook import TEXT_STATUSES
from app.domain.text_clean import clean_text
from app.i18n import _
from app.services import audit, settings
from app.services.actor import Actor
from app.services.handbook_data import LIST_FIELDS, MAX_LENGTH, TEXT_FIELDS, ShippedText, natural_key
from app.errors import BaijiaError

LANGS = ("zh", "ug", "en")
CONFLICTS_KEY = "handbook.conflicts"  # setting: code → shipped hash the office has not seen yet ("" = withdrawn)
MULTILINE = frozenset({"target", "note"})
MAX_DAYS = 365


class HandbookError(BaijiaError, ValueError):
    """A refused handbook change or an unknown item, explained in the user's language."""


@dataclass(frozen=True)
class Names:
    zh: str
    ug: str
    en: str

    def get(self, lang: str) -> str:
        return getattr(self, lang, "") or self.zh


@dataclass(frozen=True)
class ItemSummary:
    code: str
    category: str
    centre: str
    title_zh: str
    title_ug: str
    title_en: str
    status_zh: str
    status_ug: str
    retired: bool
    edited: bool
    time_limit_days: int

    def title(self, lang: str) -> str:
        """The title in `lang`; Chinese where that language has none yet."""
        return getattr(self, f"title_{lang}", "") or self.title_zh


@dataclass(frozen=True)
class CategoryNode:
    code: str
    centre: str
    names: Names
    items: tuple[ItemSummary, ...]
    active: int  # items not retired
    retired: int


@dataclass(frozen=True)
class CentreNode:
    code: str
    names: Names
    categories: tuple[CategoryNode, ...]
    active: int
    retired: int


# One language's text of an item: the same shape whether it comes from the shipped files or the database.
ItemText = ShippedText


@dataclass(frozen=True)
class ItemRecord:
    code: str
    uuid: str
    category: str
    category_names: Names
    centre: str
    centre_names: Names
    time_limit_days: int
    retired: bool
    edited: bool
    version: int  # pass back to update_item as expected_version
    updated_at: dt.datetime
    texts: dict  # lang → ItemText (zh and ug always, en when written)
    shipped_change_pending: bool  # edited here, and a newer shipped version waits (handbook_loader.resolve_conflict)

    def text(self, lang: str) -> ItemText:
        return self.texts.get(lang) or self.texts["zh"]


@dataclass(frozen=True)
class HandbookCounts:
    centres: int
    categories: int
    items: int  # active (not retired) items: what the booklet prints
    retired: int
    by_category: dict  # category code → active items
    draft: dict  # lang → active items whose translation in that language is still a draft


def _names(row) -> Names:
    return Names(row.name_zh, row.name_ug, row.name_en)


def _text_of(row: HandbookText) -> ItemText:
    return ItemText(row.lang, row.title, row.target, *(tuple(json.loads(getattr(row, f) or "[]")) for f in LIST_FIELDS),
                    row.time_limit, row.place, row.note, row.status)


def summaries() -> list[ItemSummary]:
    """Every item (retired too), in booklet order: category order, then code."""
    cats = {c.id: c for c in HandbookCategory.select(HandbookCategory, HandbookCentre).join(HandbookCentre)}
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    for item_id, lang, title, status in HandbookText.select(
            HandbookText.item, HandbookText.lang, HandbookText.title, HandbookText.status).tuples():
        texts.setdefault(item_id, {})[lang] = (title, status)
    out = []
    for row in HandbookItem.select().order_by(HandbookItem.id):
        cat = cats[row.category_id]
        t = texts.get(row.id, {})
        out.append((
            (cat.sort_order, cat.code, natural_key(row.code)),
            ItemSummary(row.code, cat.code, cat.centre.code, t.get("zh", ("", ""))[0], t.get("ug", ("", ""))[0],
                        t.get("en", ("", ""))[0], t.get("zh", ("", "draft"))[1], t.get("ug", ("", "draft"))[1],
                        row.retired, row.edited, row.time_limit_days)))
    out.sort(key=lambda pair: pair[0])
    return [s for _key, s in out]


def tree() -> list[CentreNode]:
    """Centres → categories → items (retired items included, flagged), with active/retired counts."""
    items = summaries()
    nodes = []
    for centre in HandbookCentre.select().order_by(HandbookCentre.sort_order, HandbookCentre.code):
        cats = []
        for cat in (HandbookCategory.select().where(HandbookCategory.centre == centre)
                    .order_by(HandbookCategory.sort_order, HandbookCategory.code)):
            mine = tuple(i for i in items if i.category == cat.code)
            active = sum(1 for i in mine if not i.retired)
            cats.append(CategoryNode(cat.code, centre.code, _names(cat), mine, active, len(mine) - active))
        nodes.append(CentreNode(centre.code, _names(centre), tuple(cats), sum(c.active for c in cats),
                                sum(c.retired for c in cats)))
    return nodes


def _get(code: str) -> HandbookItem:
    row = HandbookItem.get_or_none(HandbookItem.code == code)
    if row is None:
        raise HandbookError(_("There is no handbook item {code}.").format(code=code))
    return row


def item(code: str) -> ItemRecord:
    """One item with every language's full text."""
    row = _get(code)
    cat = HandbookCategory.get_by_id(row.category_id)
    centre = HandbookCentre.get_by_id(row.centre_id)
    texts = {t.lang: _text_of(t) for t in HandbookText.select().where(HandbookText.item == row.id)}
    pending = row.edited and code in settings.get(CONFLICTS_KEY, {})
    return ItemRecord(row.code, str(row.uuid), cat.code, _names(cat), centre.code, _names(centre),
                      row.time_limit_days, row.retired, row.edited, row.version, row.updated_at, texts, pending)


def counts() -> HandbookCounts:
    items = summaries()
    active = [i for i in items if not i.retired]
    by_category = {c.code: 0 for c in HandbookCategory.select().order_by(HandbookCategory.sort_order)}
    for i in active:
        by_category[i.category] = by_category.get(i.category, 0) + 1
    return HandbookCounts(
        centres=HandbookCentre.select().count(), categories=len(by_category), items=len(active),
        retired=len(items) - len(active), by_category=by_category,
        draft={"zh": sum(i.status_zh == "draft" for i in active), "ug": sum(i.status_ug == "draft" for i in active)})


def search(text: str, limit: int = 50, include_retired: bool = False):
    """Items matching `text` in any language or script; see handbook_search.search."""
    from app.services import handbook_search

    return handbook_search.search(text, limit=limit, include_retired=include_retired)


# ---- changes (administrators) -------------------------------------------------------------------------


def _check_lang(lang: str, allowed=LANGS) -> None:
    if lang not in allowed:
        raise HandbookError(_("Unknown language {lang}.").format(lang=lang))


def _clean_fields(fields: dict) -> dict:
    unknown = set(fields) - set(TEXT_FIELDS) - {"time_limit_days"}
    if unknown:
        raise HandbookError(_("Unknown handbook fields: {fields}.").format(fields=", ".join(sorted(unknown))))
    clean: dict = {}
    for name, value in fields.items():
        if name == "time_limit_days":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DAYS:
                raise HandbookError(_("The time limit is a whole number of working days, 0 to {n}.").format(n=MAX_DAYS))
            clean[name] = value
        elif name in LIST_FIELDS:
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                raise HandbookError(_("{field} is a list of texts.").format(field=name))
            clean[name] = [v for v in (clean_text(v) for v in value) if v]
        else:
            if not isinstance(value, str):
                raise HandbookError(_("{field} is a text.").format(field=name))
            clean[name] = clean_text(value, multiline=name in MULTILINE)
            if name in MAX_LENGTH and len(clean[name]) > MAX_LENGTH[name]:
                raise HandbookError(_("{field} is longer than {n} characters.").format(field=name, n=MAX_LENGTH[name]))
    if "title" in clean and not clean["title"]:
        raise HandbookError(_("The title cannot be empty."))
    return clean


def _stored(text: HandbookText | None, name: str):
    if text is None:
        return [] if name in LIST_FIELDS else ""
    value = getattr(text, name)
    return json.loads(value or "[]") if name in LIST_FIELDS else value


def _locked(code: str, expected_version: int | None) -> HandbookItem:
    row = _get(code)
    if expected_version is not None and row.version != expected_version:
        raise StaleEditError(row)
    return row


def _done() -> None:
    from app.services import handbook_search

    handbook_search.invalidate()


def update_item(actor: Actor, code: str, lang: str, fields: dict, expected_version: int) -> ItemRecord:
    """Change text fields of one language (and/or `time_limit_days`) of an item. The item counts as edited
    by the office from then on: a later shipped version never overwrites it silently.
    `expected_version` is the `version` of the ItemRecord the user edited; someone else's save since then
    raises StaleEditError."""
    actor.require("handbook.edit")
    _check_lang(lang)
    clean = _clean_fields(fields)
    with database.atomic():
        row = _locked(code, expected_version)
        text = HandbookText.get_or_none((HandbookText.item == row.id) & (HandbookText.lang == lang))
        before, after = {}, {}
        for name, value in clean.items():
            old = row.time_limit_days if name == "time_limit_days" else _stored(text, name)
            if old != value:
                before[name], after[name] = old, value
        if not after:
            return item(code)
        text_changes = {k: v for k, v in after.items() if k != "time_limit_days"}
        if text_changes:
            if text is None:
                if not text_changes.get("title"):
                    raise HandbookError(_("The title cannot be empty."))
                text = HandbookText(item=row.id, lang=lang, title="")
            for name, value in text_changes.items():
                setattr(text, name, json.dumps(value, ensure_ascii=False) if name in LIST_FIELDS else value)
            text.save()
        if "time_limit_days" in after:
            row.time_limit_days = after["time_limit_days"]
        row.edited = True
        row.save()  # version check: StaleEditError if someone saved since it was read
        audit.record(actor, "handbook.edit", "handbook_item", row.uuid, code=code, lang=lang,
                     fields=sorted(after), before=before, after=after)
    _done()
    return item(code)


def set_status(actor: Actor, code: str, lang: str, status: str, expected_version: int | None = None) -> ItemRecord:
    """Mark one language of an item draft or reviewed (counts as an office edit)."""
    actor.require("handbook.edit")
    _check_lang(lang)
    if status not in TEXT_STATUSES:
        raise HandbookError(_("Unknown translation status {status}.").format(status=status))
    with database.atomic():
        row = _locked(code, expected_version)
        text = HandbookText.get_or_none((HandbookText.item == row.id) & (HandbookText.lang == lang))
        if text is None:
            raise HandbookError(_("Handbook item {code} has no {lang} text yet.").format(code=code, lang=lang))
        if text.status == status:
            return item(code)
        old, text.status = text.status, status
        text.save()
        row.edited = True
        row.save()
        audit.record(actor, "handbook.status", "handbook_item", row.uuid, code=code, lang=lang, before=old,
                     after=status)
    _done()
    return item(code)


def add_item(actor: Actor, category: str, title_zh: str, title_ug: str = "", time_limit_days: int = 0,
             code: str | None = None) -> ItemRecord:
    """A new item of the office's own (code `<category>-L01`, … unless given); fill it in with update_item."""
    actor.require("handbook.edit")
    clean = _clean_fields({"title": title_zh or title_ug, "time_limit_days": time_limit_days})
    title_zh, title_ug = clean_text(title_zh), clean_text(title_ug)
    cat = HandbookCategory.get_or_none(HandbookCategory.code == category)
    if cat is None:
        raise HandbookError(_("There is no handbook category {code}.").format(code=category))
    with database.atomic():
        if code is None:
            taken = {c for (c,) in HandbookItem.select(HandbookItem.code).tuples()}
            code = next(f"{cat.code}-L{n:02d}" for n in range(1, 10000) if f"{cat.code}-L{n:02d}" not in taken)
        code = clean_text(code)
        if not code or len(code) > MAX_LENGTH["code"]:
            raise HandbookError(_("An item code has 1 to {n} characters.").format(n=MAX_LENGTH["code"]))
        if HandbookItem.select().where(HandbookItem.code == code).exists():
            raise HandbookError(_("Handbook item {code} already exists.").format(code=code))
        row = HandbookItem.create(code=code, category=cat.id, centre=cat.centre_id, time_limit_days=time_limit_days,
                                  shipped_hash="", edited=True)
        for lang, title in (("zh", title_zh), ("ug", title_ug)):
            HandbookText.create(item=row.id, lang=lang, title=title[:MAX_LENGTH["title"]], status="draft")
        audit.record(actor, "handbook.add", "handbook_item", row.uuid, code=code, category=cat.code,
                     title_zh=title_zh, title_ug=title_ug)
    _done()
    return item(code)


def _set_retired(actor: Actor, code: str, retired: bool) -> ItemRecord:
    actor.require("handbook.edit")
    with database.atomic():
        row = _get(code)
        if row.retired == retired:
            return item(code)
        row.retired = retired
        row.save()
        audit.record(actor, "handbook.retire" if retired else "handbook.restore", "handbook_item", row.uuid,
                     code=code)
    _done()
    return item(code)


def retire_item(actor: Actor, code: str) -> ItemRecord:
    """Take an item out of the lookup, the booklet and the counts (kept, never deleted; demands may refer to it)."""
    return _set_retired(actor, code, True)


def restore_item(actor: Actor, code: str) -> ItemRecord:
    return _set_retired(actor, code, False)

"""The shipped handbook files (resources/handbook/*.toml): read, validate, and hash each item.

`centres.toml` holds the three centres and a `[handbook]` table (version, expected item and category
counts); `part_*.toml` hold `[[category]]` and `[[item]]` records, zh and ug side by side. Validation
collects every problem, each naming its file and item, and raises one `HandbookDataError`.
Each item gets a stable content hash: sha256 of the canonical JSON of its normalised record (the file it
sits in and the order of keys do not count), so the loader can tell what changed between versions.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from app.db.models.handbook import TEXT_STATUSES
from app.i18n import _
from app.paths import resources_dir
from app.errors import BaijiaError

CENTRE_CODES = ("party_mass", "governance", "civilisation")
REQUIRED_LANGS = ("zh", "ug")
OPTIONAL_LANGS = ("en",)
LIST_FIELDS = ("policy_basis", "workflow", "materials")
STRING_FIELDS = ("title", "target", "time_limit", "place", "note")
TEXT_FIELDS = ("title", "target", "policy_basis", "workflow", "materials", "time_limit", "place", "note")
MAX_LENGTH = {"code": 16, "title": 300}  # the database's VARCHAR sizes (PostgreSQL enforces them)
ITEM_KEYS = {"code", "category", "centre", "time_limit_days", "retired", "zh", "ug", "en",
             "zh_status", "ug_status", "en_status"}
CATEGORY_KEYS = {"code", "order", "centre", "zh", "ug", "en"}
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


class HandbookDataError(BaijiaError, ValueError):
    """The shipped handbook files are broken; `problems` lists each one with its file and item."""

    def __init__(self, problems: list[str]):
        shown = problems[:12] + ([_("… and {n} more").format(n=len(problems) - 12)] if len(problems) > 12 else [])
        super().__init__(_("The shipped handbook data is invalid:") + "\n" + "\n".join(shown))
        self.problems = problems


@dataclass(frozen=True)
class ShippedCentre:
    code: str
    order: int
    zh: str
    ug: str
    en: str


@dataclass(frozen=True)
class ShippedCategory:
    code: str
    order: int
    centre: str
    zh: str
    ug: str
    en: str
    file: str


@dataclass(frozen=True)
class ShippedText:
    lang: str
    title: str
    target: str
    policy_basis: tuple[str, ...]
    workflow: tuple[str, ...]
    materials: tuple[str, ...]
    time_limit: str
    place: str
    note: str
    status: str


@dataclass(frozen=True)
class ShippedItem:
    code: str
    category: str
    centre: str
    time_limit_days: int
    retired: bool
    texts: dict  # lang → ShippedText
    hash: str
    file: str


@dataclass(frozen=True)
class ShippedData:
    version: str
    centres: tuple[ShippedCentre, ...]
    categories: tuple[ShippedCategory, ...]
    items: tuple[ShippedItem, ...]
    source: Path

    def item(self, code: str) -> ShippedItem | None:
        return next((i for i in self.items if i.code == code), None)


def default_source() -> Path:
    return resources_dir() / "handbook"


def natural_key(code: str) -> tuple:
    """'DQ-2' before 'DQ-10'."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code))


def canonical_hash(record: dict) -> str:
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(source: Path | str | None = None) -> str:
    """sha256 over the handbook files' names and bytes: cheap (no parsing), changes with any edit."""
    source = Path(source) if source is not None else default_source()
    digest = hashlib.sha256()
    for path in sorted(source.glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


_cache: dict[Path, tuple[tuple, ShippedData]] = {}


def _stamp(source: Path) -> tuple:
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(source.glob("*.toml")))


def load(source: Path | str | None = None) -> ShippedData:
    """Read and validate the handbook files in `source` (default: the shipped folder).
    Parsed once per process while the files stay the same (`baijia init` and every test open call this)."""
    source = Path(source) if source is not None else default_source()
    stamp = _stamp(source) if source.is_dir() else ()
    hit = _cache.get(source)
    if hit and hit[0] == stamp:
        return hit[1]
    data = _read(source)
    _cache[source] = (stamp, data)
    return data


def _read(source: Path) -> ShippedData:
    problems: list[str] = []
    centres_file = source / "centres.toml"
    parts = sorted(source.glob("part_*.toml"))
    if not centres_file.is_file():
        raise HandbookDataError([_("{file}: missing").format(file=centres_file)])
    if not parts:
        raise HandbookDataError([_("{folder}: no part_*.toml handbook files").format(folder=source)])
    docs = {}
    for path in [centres_file, *parts]:
        try:
            with path.open("rb") as fh:
                docs[path.name] = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            problems.append(_("{file}: cannot be read: {error}").format(file=path.name, error=exc))
    if problems:
        raise HandbookDataError(problems)

    head = docs["centres.toml"].get("handbook", {})
    centres = _centres(docs["centres.toml"], problems)
    categories: dict[str, ShippedCategory] = {}
    raw_items: list[tuple[str, dict]] = []
    for name, doc in docs.items():
        if name == "centres.toml":
            continue
        for raw in doc.get("category", []):
            _category(name, raw, categories, problems)
        raw_items += [(name, raw) for raw in doc.get("item", [])]
    items: dict[str, ShippedItem] = {}
    for name, raw in raw_items:
        item = _item(name, raw, categories, problems)
        if item is None:
            continue
        if item.code in items:
            problems.append(_("{file}: item {code}: the code is used twice (also in {other})").format(
                file=name, code=item.code, other=items[item.code].file))
            continue
        items[item.code] = item
    for key, found in (("items", len(items)), ("categories", len(categories))):
        expected = head.get(key)
        if expected is not None and expected != found:
            problems.append(_("centres.toml: [handbook] {key} = {expected}, but the files have {found}").format(
                key=key, expected=expected, found=found))
    version = str(head.get("version", "")).strip()
    if not version:
        problems.append(_("centres.toml: [handbook] version is missing"))
    if problems:
        raise HandbookDataError(problems)
    order = {c.code: (c.order, c.code) for c in categories.values()}
    return ShippedData(
        version=version,
        centres=tuple(sorted(centres, key=lambda c: c.order)),
        categories=tuple(sorted(categories.values(), key=lambda c: order[c.code])),
        items=tuple(sorted(items.values(), key=lambda i: (order[i.category], natural_key(i.code)))),
        source=source,
    )


def _names_ok(where: str, raw: dict, problems: list[str]) -> bool:
    ok = True
    for lang in ("zh", "ug", "en"):
        if not isinstance(raw.get(lang), str) or not raw[lang].strip():
            problems.append(_("{where}: the {lang} name is missing").format(where=where, lang=lang))
            ok = False
    if ok:
        _check_ug(where, "ug", raw["ug"], problems, no_han=True)
    return ok


def _centres(doc: dict, problems: list[str]) -> list[ShippedCentre]:
    found = []
    for raw in doc.get("centre", []):
        code = raw.get("code")
        where = f"centres.toml: centre {code}"
        if code not in CENTRE_CODES:
            problems.append(_("{where}: unknown centre code (one of {codes})").format(
                where=where, codes=", ".join(CENTRE_CODES)))
            continue
        if _names_ok(where, raw, problems):
            found.append(ShippedCentre(code, int(raw.get("order", 0)), raw["zh"].strip(), raw["ug"].strip(),
                                       raw["en"].strip()))
    if sorted(c.code for c in found) != sorted(CENTRE_CODES):
        problems.append(_("centres.toml: the centres must be exactly {codes}").format(codes=", ".join(CENTRE_CODES)))
    return found


def _category(file: str, raw: dict, categories: dict, problems: list[str]) -> None:
    code = raw.get("code")
    where = f"{file}: category {code}"
    unknown = set(raw) - CATEGORY_KEYS
    if unknown:
        problems.append(_("{where}: unknown keys {keys}").format(where=where, keys=", ".join(sorted(unknown))))
    if not isinstance(code, str) or not code.strip() or len(code) > 8:
        problems.append(_("{where}: the code must be 1–8 characters").format(where=where))
        return
    if code in categories:
        problems.append(_("{where}: the code is used twice (also in {other})").format(
            where=where, other=categories[code].file))
        return
    if raw.get("centre") not in CENTRE_CODES:
        problems.append(_("{where}: unknown centre {centre}").format(where=where, centre=raw.get("centre")))
        return
    if not isinstance(raw.get("order", 0), int):
        problems.append(_("{where}: order must be a whole number").format(where=where))
        return
    if _names_ok(where, raw, problems):
        categories[code] = ShippedCategory(code, raw.get("order", 0), raw["centre"], raw["zh"].strip(),
                                           raw["ug"].strip(), raw["en"].strip(), file)


def _check_ug(where: str, field: str, text: str, problems: list[str], no_han: bool = False) -> None:
    if PRESENTATION_FORMS.search(text):
        problems.append(_("{where}: {field} has Arabic presentation forms; write the base letters").format(
            where=where, field=field))
    if no_han and HAN.search(text):
        problems.append(_("{where}: {field} has Chinese characters").format(where=where, field=field))


def _text(where: str, lang: str, raw, status, problems: list[str]) -> ShippedText | None:
    if not isinstance(raw, dict):
        problems.append(_("{where}: the [item.{lang}] table is missing").format(where=where, lang=lang))
        return None
    before = len(problems)
    unknown = set(raw) - set(TEXT_FIELDS)
    if unknown:
        problems.append(_("{where}: {lang}: unknown keys {keys}").format(
            where=where, lang=lang, keys=", ".join(sorted(unknown))))
    values: dict = {}
    for field in STRING_FIELDS:
        value = raw.get(field, "")
        if not isinstance(value, str):
            problems.append(_("{where}: {lang}.{field} must be text").format(where=where, lang=lang, field=field))
            continue
        values[field] = value.strip()
        if field in MAX_LENGTH and len(values[field]) > MAX_LENGTH[field]:
            problems.append(_("{where}: {lang}.{field} is longer than {n} characters").format(
                where=where, lang=lang, field=field, n=MAX_LENGTH[field]))
    for field in LIST_FIELDS:
        value = raw.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(_("{where}: {lang}.{field} must be a list of non-empty texts").format(
                where=where, lang=lang, field=field))
            continue
        values[field] = tuple(v.strip() for v in value)
    if not values.get("title"):
        problems.append(_("{where}: {lang}.title is missing").format(where=where, lang=lang))
    if status not in TEXT_STATUSES:
        problems.append(_("{where}: {lang}_status must be one of {statuses}").format(
            where=where, lang=lang, statuses=", ".join(TEXT_STATUSES)))
    if lang == "ug" and len(problems) == before:
        for field in TEXT_FIELDS:
            value = values[field]
            _check_ug(where, f"ug.{field}", "\n".join(value) if isinstance(value, tuple) else value, problems,
                      no_han=field == "title")
    if len(problems) > before:
        return None
    return ShippedText(lang=lang, status=status, **values)


def _item(file: str, raw: dict, categories: dict, problems: list[str]) -> ShippedItem | None:
    code = raw.get("code")
    where = f"{file}: item {code}"
    before = len(problems)
    unknown = set(raw) - ITEM_KEYS
    if unknown:
        problems.append(_("{where}: unknown keys {keys}").format(where=where, keys=", ".join(sorted(unknown))))
    if not isinstance(code, str) or not code.strip() or len(code) > MAX_LENGTH["code"]:
        problems.append(_("{where}: the code must be 1–{n} characters").format(where=where, n=MAX_LENGTH["code"]))
    if raw.get("category") not in categories:
        problems.append(_("{where}: unknown category {category}").format(where=where, category=raw.get("category")))
    if raw.get("centre") not in CENTRE_CODES:
        problems.append(_("{where}: unknown centre {centre}").format(where=where, centre=raw.get("centre")))
    days = raw.get("time_limit_days", 0)
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        problems.append(_("{where}: time_limit_days must be a whole number, 0 or more").format(where=where))
    retired = raw.get("retired", False)
    if not isinstance(retired, bool):
        problems.append(_("{where}: retired must be true or false").format(where=where))
    texts = {}
    for lang in REQUIRED_LANGS + OPTIONAL_LANGS:
        if lang in OPTIONAL_LANGS and lang not in raw:
            continue
        text = _text(where, lang, raw.get(lang), raw.get(f"{lang}_status", "draft"), problems)
        if text is not None:
            texts[lang] = text
    if "zh" in texts and "ug" in texts:
        for field in LIST_FIELDS:
            zh, ug = getattr(texts["zh"], field), getattr(texts["ug"], field)
            if len(zh) != len(ug):
                problems.append(_("{where}: {field} has {zh} entries in zh but {ug} in ug").format(
                    where=where, field=field, zh=len(zh), ug=len(ug)))
    if len(problems) > before:
        return None
    code = code.strip()
    record = {
        "code": code, "category": raw["category"], "centre": raw["centre"], "time_limit_days": days,
        "retired": retired,
        "texts": {lang: {f: list(v) if isinstance(v, tuple) else v for f, v in vars(t).items()}
                  for lang, t in texts.items()},
    }
    return ShippedItem(code, raw["category"], raw["centre"], days, retired, texts, canonical_hash(record), file)

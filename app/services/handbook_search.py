"""Front-desk search over the handbook: every item, in both languages whatever the UI language.

A query matches titles, target groups, materials, workflow (and policy basis, place, note) in Chinese,
Uyghur and English text, the pinyin of the Chinese title (full, "dibao", and initials, "dbsq"), and Uyghur
typed in Latin script (ULY, with or without é ö ü: the query is converted to Arabic script and compared with
the text, and with a copy of it that drops those distinctions; titles are also held in ULY).

Ranked: code or title exact > title prefix > title contains > pinyin abbreviation of the title (syllables in
order, gaps allowed: "dibao" and "dbsq" find 最低生活保障申请, as residents say 低保) > other fields > every
word somewhere; then booklet order. With under a hundred items an in-memory index is the fastest path: built
once, rebuilt after an edit here or when the items' versions show an edit from another PC.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass

from peewee import fn

from app.db.database import database
from app.db.models import HandbookItem, HandbookText
from app.domain.search_forms import query_form
from app.domain.text_clean import base_letters
from app.services.handbook import ItemSummary, summaries
from app.services.handbook_data import LIST_FIELDS

SEP = "\n"
OTHER_FIELDS = ("target", "materials", "workflow", "policy_basis", "place", "note", "time_limit")
RANK_EXACT, RANK_TITLE_PREFIX, RANK_TITLE, RANK_ABBREVIATION, RANK_FIELD, RANK_WORDS = range(6)
_LATIN_QUERY = re.compile(r"^[a-zA-Z'’éöüÉÖÜ\s-]+$")
_PLAIN = str.maketrans({"é": "e", "ö": "o", "ü": "u", "'": None})
# the same in Arabic script: ې→ە ۆ→و ۈ→ۇ, no hamza carrier ئ
_PLAIN_ARABIC = str.maketrans({"\u06d0": "\u06d5", "\u06c6": "\u0648", "\u06c8": "\u06c7", "\u0626": None})
_PINYIN_QUERY = re.compile(r"^[a-z]{2,}$")


@dataclass(frozen=True)
class SearchHit:
    item: ItemSummary
    rank: int  # 0 exact code/title, 1 title prefix, 2 title contains, 3 pinyin abbreviation of the title,
    #            4 another field, 5 every word somewhere
    field: str  # where it matched: "code", "title", "target", "materials", "workflow", …, "words"


@dataclass
class _Entry:
    summary: ItemSummary
    exact: frozenset
    titles: tuple[str, ...]
    title_blob: str
    syllables: tuple[str, ...]  # pinyin of the Chinese title


def fold(text: str) -> str:
    """The form text and queries are compared in: base Arabic letters, ە for a typed ه, lower case."""
    return query_form(base_letters(text).replace("\u0647", "\u06d5").replace("’", "'"))


def plain(latin: str) -> str:
    """ULY as typed on a keyboard without é ö ü and apostrophes."""
    return latin.translate(_PLAIN)


def plain_arabic(text: str) -> str:
    """Uyghur as it reads when typed in Latin without é ö ü and apostrophes."""
    return text.translate(_PLAIN_ARABIC)


def _syllables(title_zh: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    han = "".join(ch for ch in title_zh if "\u3400" <= ch <= "\u9fff")
    return tuple(s.lower() for s in lazy_pinyin(han, style=Style.NORMAL, errors="ignore") if s)


def abbreviates(query: str, syllables: tuple[str, ...]) -> bool:
    """`query` is a run of syllable beginnings of `syllables`, in order, gaps allowed: 'dibao' and 'dbsq'
    abbreviate zui-di-sheng-huo-bao-zhang-shen-qing."""
    memo: dict[tuple[int, int], bool] = {}

    def match(qi: int, si: int) -> bool:
        if qi == len(query):
            return True
        key = (qi, si)
        if key not in memo:
            memo[key] = any(
                query.startswith(syllables[j][:k], qi) and match(qi + k, j + 1)
                for j in range(si, len(syllables)) if syllables[j][0] == query[qi]
                for k in range(min(len(syllables[j]), len(query) - qi), 0, -1))
        return memo[key]

    return match(0, 0)


def _latin(text_ug: str) -> tuple[str, ...]:
    from app.domain.translit import to_latin

    if not text_ug:
        return ()
    latin = fold(to_latin(text_ug))
    return (latin, latin.replace("'", ""), plain(latin))


def _field_text(texts: tuple[dict, dict, dict], name: str) -> str:
    parts = []
    for lang_texts in texts:
        value = lang_texts.get(name, "")
        value = SEP.join(value) if isinstance(value, list) else value
        if value:
            parts.append(fold(value))
            if lang_texts is texts[1]:  # Uyghur: also as a Latin query without é ö ü reads back
                parts.append(plain_arabic(parts[-1]))
    return SEP.join(parts)


def _entry(summary: ItemSummary, zh: dict, ug: dict, en: dict) -> _Entry:
    syllables = _syllables(zh.get("title", ""))
    full, initials = "".join(syllables), "".join(s[0] for s in syllables)
    ug_title = fold(ug.get("title", ""))
    titles = tuple(t for t in (fold(zh.get("title", "")), ug_title, plain_arabic(ug_title),
                               *_latin(ug.get("title", "")), full, initials, fold(en.get("title", ""))) if t)
    return _Entry(summary, frozenset(titles) | {summary.code.lower()}, titles, SEP.join(titles), syllables)


class _Index:
    """Titles per entry (few, short); every other field of every item in one string, scanned at C speed,
    with the offsets that say which item and field a position belongs to."""

    def __init__(self, db, token):
        self.db, self.token = db, token
        texts: dict[str, dict[str, dict]] = {}
        for row in HandbookText.select(HandbookText, HandbookItem.code).join(HandbookItem).dicts():
            values = {f: (json.loads(row[f] or "[]") if f in LIST_FIELDS else row[f])
                      for f in ("title", *OTHER_FIELDS)}
            texts.setdefault(row["code"], {})[row["lang"]] = values
        self.entries: list[_Entry] = []
        self.starts: list[int] = []  # segment start offsets in self.blob
        self.owners: list[tuple[int, str]] = []  # segment → (entry index, field)
        self.entry_end: list[int] = []
        parts, offset = [], 0
        for n, summary in enumerate(summaries()):
            langs = tuple(texts.get(summary.code, {}).get(lang, {}) for lang in ("zh", "ug", "en"))
            self.entries.append(_entry(summary, *langs))
            for name in OTHER_FIELDS:
                text = _field_text(langs, name) + SEP
                self.starts.append(offset)
                self.owners.append((n, name))
                parts.append(text)
                offset += len(text)
            self.entry_end.append(offset)
        self.blob = "".join(parts)

    def fields_matching(self, v: str) -> dict[int, str]:
        """entry index → the first field (in OTHER_FIELDS order) that contains `v`."""
        found: dict[int, str] = {}
        at = self.blob.find(v)
        while at != -1:
            n, name = self.owners[bisect_right(self.starts, at) - 1]
            found[n] = name
            at = self.blob.find(v, self.entry_end[n])
        return found


_index: _Index | None = None


def _token() -> tuple:
    """Changes with every saved item: each edit bumps the item's version (the text's too)."""
    return tuple(HandbookItem.select(fn.COUNT(HandbookItem.id), fn.SUM(HandbookItem.version),
                                     fn.MAX(HandbookItem.updated_at)).tuples().get())


def invalidate() -> None:
    global _index
    _index = None


def _current() -> _Index:
    global _index
    token = _token()
    if _index is None or _index.db is not database.obj or _index.token != token:
        _index = _Index(database.obj, token)
    return _index


def warm() -> None:
    """Build the index now (a GUI calls this in the background at start: the first build imports pypinyin)."""
    _current()


def _variants(q: str) -> list[str]:
    out = [q, q.replace(" ", "")]
    if _LATIN_QUERY.match(q):  # ULY typed loosely ("maarip", "Ë"): its canonical spelling too
        from app.domain.translit import to_arabic, to_latin

        arabic = fold(to_arabic(q))
        canon = fold(to_latin(arabic))
        out += [canon, canon.replace("'", ""), plain(q), arabic, plain_arabic(arabic)]
    return list(dict.fromkeys(v for v in out if v))


def _title_rank(entry: _Entry, variants: list[str]) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for v in variants:
        if v in entry.exact:
            return RANK_EXACT, "code" if v == entry.summary.code.lower() else "title"
        if any(t.startswith(v) for t in entry.titles):
            best = (RANK_TITLE_PREFIX, "title")
        elif v in entry.title_blob and (best is None or best[0] > RANK_TITLE):
            best = (RANK_TITLE, "title")
        elif (best is None and entry.syllables and _PINYIN_QUERY.match(v)
              and abbreviates(v, entry.syllables)):
            best = (RANK_ABBREVIATION, "title")
    return best


def search(text: str, limit: int = 50, include_retired: bool = False) -> list[SearchHit]:
    """Items matching `text`, best first (then in booklet order)."""
    q = fold(text)
    if not q:
        return []
    index = _current()
    variants = _variants(q)
    ranked: dict[int, tuple[int, str]] = {}
    for v in reversed(variants):  # the query as typed wins when two spellings name different fields
        for n, name in index.fields_matching(v).items():
            ranked[n] = (RANK_FIELD, name)
    for n, entry in enumerate(index.entries):
        found = _title_rank(entry, variants)
        if found is not None:
            ranked[n] = found
    words = q.split()
    if len(words) > 1:
        every = None
        for word in words:
            has = set(index.fields_matching(word)) | {n for n, e in enumerate(index.entries)
                                                      if word in e.title_blob or word == e.summary.code.lower()}
            every = has if every is None else every & has
        for n in every or ():
            ranked.setdefault(n, (RANK_WORDS, "words"))
    hits = sorted((rank, n, name) for n, (rank, name) in ranked.items()
                  if include_retired or not index.entries[n].summary.retired)
    return [SearchHit(index.entries[n].summary, rank, name) for rank, n, name in hits[:limit]]

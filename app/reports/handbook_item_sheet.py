"""One handbook item on one A4 sheet, to hand to a resident in the language the resident chooses:
`build_item_sheet(actor, code, out, lang)` with lang 'zh', 'ug' or 'bi' (Chinese, then Uyghur).

The sheet is set as large as still fits one page: tried at the largest size first, then the size is
bisected (an item the office has written very long may still need a second page at the smallest size).
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass

from app.reports.text_engine import TextEngine  # first: installs the rlbidi module

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Spacer  # noqa: E402

from app.formats import format_date  # noqa: E402
from app.reports import handbook_layout as hl  # noqa: E402
from app.services import audit, handbook, settings  # noqa: E402
from app.services.actor import Actor  # noqa: E402

SHEET_LANGS = ("zh", "ug", "bi")
MARGINS = (18 * mm, 18 * mm, 22 * mm, 18 * mm)  # left, right, top, bottom
SCALES = {"zh": (1.2, 0.75), "ug": (1.15, 0.7), "bi": (1.0, 0.62)}  # font sizes × this: largest, smallest


@dataclass(frozen=True)
class SheetInfo:
    code: str
    lang: str
    pages: int
    scale: float


def _story(st: hl.Styler, record, langs: tuple[str, ...], width: float) -> list:
    story = []
    for i, lg in enumerate(langs):
        text = record.text(lg)
        if i:
            story.append(Spacer(1, 6 * mm * st.scale))
        story.append(st.para(f"{record.code}  {hl.title_of(record, lg)}", "h1", lg, textColor=hl.ACCENT,
                             spaceBefore=0, keepWithNext=1))
        mark = hl.draft_label(lg, text.status)
        if mark:
            story.append(st.para(mark, "small", lg, textColor=hl.GREY, keepWithNext=1))
        story.append(Spacer(1, 2 * mm))
        most = 0.3 * width
        story.append(hl.item_card(st, text, lg, width, hl.label_width(st, lg, most)))
    return story


def _decorator(engine: TextEngine, langs, doc_lang: str, user: str, today: dt.date, record):
    community = [settings.get(f"community_name_{lg}", "") or "" for lg in langs]
    title = [hl.label(lg, hl.HANDBOOK_TITLE) for lg in langs]
    category = [record.category_names.get(lg) for lg in langs]
    footer = hl.template_pieces(hl.label(doc_lang, hl.PRINTED_BY), user=user,
                                date=format_date(today, "long", doc_lang))

    def decorate(canv, doc):
        canv.saveState()
        width, height = doc.pagesize
        rtl = doc_lang == "ug"
        left, right = doc.leftMargin, width - doc.rightMargin
        start_x, end_x = (right, left) if rtl else (left, right)
        top_y = height - doc.topMargin + 7 * mm
        bottom_y = doc.bottomMargin - 9 * mm
        names = [c for c in community if c]
        engine.draw_string(canv, start_x, top_y, names or title, 9, "start", bold=bool(names))
        engine.draw_string(canv, end_x, top_y, title + ["·"] + category if names else category, 8, "end")
        canv.setStrokeColor(hl.LINE)
        canv.setLineWidth(0.6)
        canv.line(left, top_y - 2.5 * mm, right, top_y - 2.5 * mm)
        canv.line(left, bottom_y + 4 * mm, right, bottom_y + 4 * mm)
        engine.draw_string(canv, start_x, bottom_y, footer, 7.5, "start")
        if canv.getPageNumber() > 1:
            page = hl.label(doc_lang, hl.PAGE_LABEL).format(page=canv.getPageNumber())
            engine.draw_string(canv, end_x, bottom_y, page, 7.5, "end")
        canv.restoreState()

    return decorate


def _render(engine: TextEngine, record, lang: str, scale: float, user: str, today: dt.date, target) -> int:
    langs = ("zh", "ug") if lang == "bi" else (lang,)
    doc_lang = "zh" if lang == "bi" else lang
    st = hl.Styler(engine, scale)
    title = f"{record.code} {hl.title_of(record, doc_lang)}"
    doc = engine.doc(target, pagesize=A4, title=title, author=user, subject=hl.label(doc_lang, hl.HANDBOOK_TITLE),
                     margins=MARGINS)
    pages = []
    decorate = _decorator(engine, langs, doc_lang, user, today, record)

    def on_page(canv, doc_):
        decorate(canv, doc_)
        pages.append(canv.getPageNumber())

    doc.build(_story(st, record, langs, doc.width - 12), onFirstPage=on_page, onLaterPages=on_page)
    return len(pages)


def build_item_sheet(actor: Actor, code: str, out, lang: str = "zh") -> SheetInfo:
    """Write item `code` as an A4 sheet to `out` (a path or a binary file object) in 'zh', 'ug' or 'bi'.
    Needs reports.print; the print is audited. Unknown code → handbook.HandbookError."""
    actor.require("reports.print")
    if lang not in SHEET_LANGS:
        raise ValueError(f"lang must be one of {SHEET_LANGS}, not {lang!r}")
    record = handbook.item(code)
    engine = TextEngine("zh" if lang == "bi" else lang)
    user = actor.display_name or actor.username
    today = dt.date.today()
    def render(scale: float) -> tuple[int, bytes]:
        buffer = io.BytesIO()
        pages = _render(engine, record, lang, scale, user, today, buffer)
        return pages, buffer.getvalue()

    largest, smallest = SCALES[lang]
    scale = largest
    pages, data = render(scale)
    if pages > 1:  # the largest size that still fits one page, to within 0.03, in at most 5 tries
        scale = smallest
        pages, data = render(scale)
        low, high = smallest, largest
        while pages == 1 and high - low > 0.03:
            middle = round((low + high) / 2, 3)
            tried = render(middle)
            if tried[0] == 1:
                low, scale, (pages, data) = middle, middle, tried
            else:
                high = middle
    if isinstance(out, (str, os.PathLike)):
        with open(out, "wb") as fh:
            fh.write(data)
    else:
        out.write(data)
    audit.record(actor, "print.handbook_item", "handbook_item", record.uuid, code=code, lang=lang, pages=pages)
    return SheetInfo(code, lang, pages, scale)

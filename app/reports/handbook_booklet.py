"""The printed service handbook (服务手册): `build_booklet(actor, out, lang, page_format)`.

Cover (community, title, slogan, date, who printed it) · table of contents with page numbers · one
chapter per category, each starting on a new page, its items following · PDF outline: categories and
their items · on every page after the cover a header (handbook, community, category) and a footer (who
printed it and when, page number) · retired items left out, the counts following.

Languages: 'zh', 'ug' (right to left throughout: paragraphs, mirrored tables, header and page number
sides, bookmark titles in Uyghur) and 'bi', where each item is printed in Chinese and then in Uyghur,
one language after the other at full width. Why not side by side: a Uyghur text runs 2–3 times as tall as
its Chinese original, so in two columns the Chinese half stays mostly empty while the Uyghur half is
squeezed to a few words a line (4–5 on A5), and the booklet gets longer, not shorter. Full width keeps
each language in its own direction and line length; the pair stays together under one heading.

Page numbers in the contents are exact in one pass: each number is a PDF form (XObject) that the
contents page refers to, and that is filled in when the category or item heading is actually drawn.
Page numbers are the physical page numbers (the cover is page 1, unnumbered).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field

from app.reports.text_engine import TextEngine  # first: installs the rlbidi module

from reportlab.lib.pagesizes import A4, A5  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    CondPageBreak, Flowable, Frame, KeepInFrame, PageBreak, PageTemplate, Spacer,
)
from reportlab.platypus.doctemplate import BaseDocTemplate  # noqa: E402

from app.formats import format_date  # noqa: E402
from app.i18n import N_  # noqa: E402
from app.reports import handbook_layout as hl  # noqa: E402
from app.services import audit, handbook, settings  # noqa: E402
from app.services.actor import Actor  # noqa: E402

BOOKLET_LANGS = ("zh", "ug", "bi")
FORMATS = ("a4", "a5")
CONTENTS = N_("Contents")
ITEMS_IN_CATEGORIES = N_("{items} service items in {categories} categories")
CATEGORY_ITEMS = N_("Items in this category: {n}")
CENTRE = N_("Responsible centre: {centre}")
DRAFT_NOTE = N_("Items whose text is still a draft translation are marked; check them against the Chinese text.")


@dataclass(frozen=True)
class PageFormat:
    size: tuple[float, float]
    margins: tuple[float, float, float, float]  # left, right, top, bottom
    scale: float  # font sizes × scale
    label_width: float  # the card's label column at most


PAGE_FORMATS = {
    "a4": PageFormat(A4, (18 * mm, 18 * mm, 20 * mm, 17 * mm), 1.0, 38 * mm),
    "a5": PageFormat(A5, (12 * mm, 12 * mm, 15 * mm, 13 * mm), 0.88, 30 * mm),
}


@dataclass
class BookletInfo:
    lang: str
    page_format: str
    pages: int = 0
    categories: int = 0
    items: int = 0
    seconds: float = 0.0
    category_pages: dict = field(default_factory=dict)  # category code → page where it starts
    item_pages: dict = field(default_factory=dict)  # item code → page of its heading


@dataclass(frozen=True)
class Chapter:
    code: str
    names: handbook.Names
    centre: handbook.Names
    items: tuple  # ItemRecord, booklet order


def collect(progress=None) -> list[Chapter]:
    """Active items grouped by category, in booklet order; categories with no active item are left out."""
    nodes = {cat.code: (cat, centre) for centre in handbook.tree() for cat in centre.categories}
    active = [s for s in handbook.summaries() if not s.retired]
    chapters: list[Chapter] = []
    grouped: dict[str, list] = {}
    for i, summary in enumerate(active):
        grouped.setdefault(summary.category, []).append(handbook.item(summary.code))
        if progress and i % 10 == 0:
            progress(10 * i / max(1, len(active)), "")
    for code, records in grouped.items():  # dicts keep insertion order: the summaries' booklet order
        cat, centre = nodes[code]
        chapters.append(Chapter(code, cat.names, centre.names, tuple(records)))
    return chapters


class _State:
    """What the drawing learns as it goes: where things landed, the current chapter, progress."""

    def __init__(self, engine: TextEngine, total: int, progress):
        self.engine = engine
        self.pages: dict[str, int] = {}
        self.refs: dict[str, tuple[float, float, float, str]] = {}  # form key → (width, height, size, align)
        self.chapter: Chapter | None = None
        self.total = total
        self.done = 0
        self.progress = progress
        self.page_count = 0
        self._names: dict[str, str] = {}

    def pdf_name(self, key: str) -> str:
        """A name safe in PDF syntax for a key (item codes are the office's to choose)."""
        if key not in self._names:
            self._names[key] = f"bj{len(self._names)}"
        return self._names[key]

    def define_form(self, canv, key: str, page: int) -> None:
        ref = self.refs.get(key)
        name = self.pdf_name(key)
        if ref is None or canv.hasForm(name):
            return
        width, height, size, align = ref
        canv.beginForm(name, 0, 0, width, height)
        x = width if align == "right" else 0
        self.engine.draw_string(canv, x, height - size, str(page), size, align, lang="zh")
        canv.endForm()


class Anchor(Flowable):
    """Zero-size mark before a heading: records the page, bookmarks it, adds the outline entry and fills in
    the contents' page number."""

    def __init__(self, state: _State, key: str, title: str, level: int, chapter: Chapter | None = None):
        super().__init__()
        self.state, self.key, self.title, self.level, self.chapter = state, key, title, level, chapter
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        canv, state = self.canv, self.state
        page = canv.getPageNumber()
        state.pages[self.key] = page
        name = state.pdf_name(self.key)
        canv.bookmarkHorizontal(name, 0, 0)
        canv.addOutlineEntry(self.title, name, level=self.level, closed=self.level == 0)
        state.define_form(canv, self.key, page)
        if self.chapter is not None:
            state.chapter = self.chapter
        else:
            state.done += 1
            if state.progress and state.done % 5 == 0:
                state.progress(15 + 80 * state.done / max(1, state.total), "")


class PageRef(Flowable):
    """The page number of a heading, drawn from the form its Anchor fills in (see the module doc)."""

    def __init__(self, state: _State, key: str, width: float, height: float, size: float, align: str):
        super().__init__()
        self.state, self.key = state, key
        self.width, self.height = width, height
        state.refs[key] = (width, height, size, align)

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        self.canv.doForm(self.state.pdf_name(self.key))


class Booklet:
    """Builds one booklet; see build_booklet."""

    def __init__(self, actor: Actor, lang: str, page_format: str, progress=None):
        self.actor, self.lang, self.progress = actor, lang, progress
        self.fmt = PAGE_FORMATS[page_format]
        self.doc_lang = "zh" if lang == "bi" else lang  # the document's direction and base language
        self.langs = ("zh", "ug") if lang == "bi" else (lang,)
        self.engine = TextEngine(self.doc_lang)
        self.st = hl.Styler(self.engine, self.fmt.scale)
        self.today = dt.date.today()
        self.user = actor.display_name or actor.username
        self._label_widths: dict[str, float] = {}
        self.community = {lg: settings.get(f"community_name_{lg}", "") or "" for lg in ("zh", "ug")}

    # --- text in the booklet's language(s) ------------------------------------------------------------
    def labels(self, msgid: str, **values) -> list[tuple[str, str]]:
        return [(lg, hl.label(lg, msgid).format(**values)) for lg in self.langs]

    def name(self, names, lg: str) -> str:
        return names.get(lg)

    def joined(self, msgid: str) -> list[str]:
        """Header pieces: the label in each language of the booklet."""
        return [text for _lg, text in self.labels(msgid)]

    # --- pages ---------------------------------------------------------------------------------------
    def cover(self, chapters: list[Chapter]) -> list:
        st, story = self.st, []
        height = self.fmt.size[1] - self.fmt.margins[2] - self.fmt.margins[3]
        story.append(Spacer(1, height * 0.12))
        for lg in self.langs:
            if self.community[lg]:
                story.append(st.para(self.community[lg], "h1", lg, alignment=1, spaceAfter=2))
        story.append(Spacer(1, height * 0.10))
        for lg in self.langs:
            story.append(st.para(hl.label(lg, hl.HANDBOOK_TITLE), "title", lg, size_factor=1.9,
                                 textColor=hl.ACCENT, spaceAfter=14))
        story.append(Spacer(1, height * 0.04))
        if "zh" in self.langs:
            story.append(st.para(hl.SLOGAN_ZH, "h2", "zh", alignment=1, textColor=hl.GREY))
        if "ug" in self.langs:
            story.append(st.para(hl.label("ug", hl.SLOGAN), "h2", "ug", alignment=1, textColor=hl.GREY))
        story.append(Spacer(1, height * 0.10))
        items = sum(len(c.items) for c in chapters)
        for lg in self.langs:
            text = hl.label(lg, ITEMS_IN_CATEGORIES).format(items=items, categories=len(chapters))
            story.append(st.para(text, "body", lg, alignment=1))
        for lg in self.langs:
            story.append(st.para(format_date(self.today, "long", lg), "body", lg, alignment=1))
        story.append(Spacer(1, height * 0.06))
        for lg in self.langs:
            printed = hl.label(lg, hl.PRINTED_BY).format(user=self.user, date=format_date(self.today, "long", lg))
            story.append(st.para(printed, "small", lg, alignment=1, textColor=hl.GREY))
        if any(r.text(lg).status == "draft" for c in chapters for r in c.items for lg in self.langs if lg != "zh"):
            story.append(st.para(hl.label(self.langs[-1], DRAFT_NOTE), "small", self.langs[-1], alignment=1,
                                 textColor=hl.GREY))
        # one page whatever the names' lengths: shrunk to fit if need be
        width = self.fmt.size[0] - self.fmt.margins[0] - self.fmt.margins[1] - 12
        return [KeepInFrame(width, height - 12, story, mode="shrink")]

    def contents(self, state: _State, chapters: list[Chapter], width: float) -> list:
        st, lg0 = self.st, self.doc_lang
        story = [st.para(" · ".join(self.joined(CONTENTS)), "h1", lg0, spaceAfter=8)]
        size = st.size("cell", lg0)
        leading = st.style("cell", lg0).leading
        code_w, page_w = 16 * mm * self.fmt.scale, 11 * mm * self.fmt.scale
        align = "left" if lg0 == "ug" else "right"  # the page column is on the end side
        title_w = width - code_w - page_w - 12
        rows, cmds = [], []
        for n, chapter in enumerate(chapters, 1):
            r = len(rows)
            title = [st.para(f"{n}. {self.name(chapter.names, lg)}", "cell_head", lg) for lg in self.langs]
            ref = PageRef(state, f"cat-{chapter.code}", page_w, leading, size, align)
            rows.append([[], title, ref] if lg0 == "ug" else [title, [], ref])  # a span draws its leftmost cell
            cmds += [("SPAN", (0, r), (1, r)), ("BACKGROUND", (0, r), (-1, r), hl.LABEL_BG),
                     ("TOPPADDING", (0, r), (-1, r), 5), ("BOTTOMPADDING", (0, r), (-1, r), 4)]
            for record in chapter.items:
                title = [st.line_or_para(hl.title_of(record, lg), title_w, "cell", lg) for lg in self.langs]
                rows.append([st.line(record.code, "cell", lg0, hl.GREY), title,
                             PageRef(state, f"item-{record.code}", page_w, leading, size, align)])
        # rows align at the top: a page number stands on the first line of its (Chinese, in 'bi') title
        cmds += [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, hl.LINE),
                 ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
        story.append(self.engine.table(rows, [code_w, width - code_w - page_w, page_w], header_rows=0,
                                       lang=lg0, style_cmds=cmds, grid=False))
        return story

    def chapter(self, state: _State, n: int, chapter: Chapter, width: float) -> list:
        st, lg0 = self.st, self.doc_lang
        title = " / ".join(f"{n}. {self.name(chapter.names, lg)}" if lg == lg0 else self.name(chapter.names, lg)
                           for lg in self.langs)
        story = [PageBreak(), Anchor(state, f"cat-{chapter.code}", title, 0, chapter)]
        for lg in self.langs:
            story.append(st.para(f"{n}. {self.name(chapter.names, lg)}", "title", lg, size_factor=1.25,
                                 textColor=hl.ACCENT, spaceAfter=4))
        for lg in self.langs:
            centre = hl.label(lg, CENTRE).format(centre=self.name(chapter.centre, lg))
            count = hl.label(lg, CATEGORY_ITEMS).format(n=len(chapter.items))
            story.append(st.para(f"{centre} · {count}", "body", lg, alignment=1, textColor=hl.GREY))
        story.append(Spacer(1, 6 * mm * self.fmt.scale))
        for record in chapter.items:
            story += self.item(state, record, width)
        return story

    def item(self, state: _State, record, width: float) -> list:
        st = self.st
        if self.lang == "ug":
            outline = f"{hl.title_of(record, 'ug')} — {record.code}"
        else:
            outline = " / ".join([f"{record.code} {hl.title_of(record, 'zh')}"]
                                 + ([hl.title_of(record, "ug")] if self.lang == "bi" else []))
        story = [CondPageBreak(45 * mm * self.fmt.scale), Anchor(state, f"item-{record.code}", outline, 1)]
        for i, lg in enumerate(self.langs):
            if i:
                story.append(Spacer(1, 3 * mm * self.fmt.scale))
                story.append(CondPageBreak(30 * mm * self.fmt.scale))
            story += hl.item_heading(st, record, lg)
            story.append(Spacer(1, 1.5 * mm))
            story.append(hl.item_card(st, record.text(lg), lg, width, self.label_width(lg, width)))
        story.append(Spacer(1, 7 * mm * self.fmt.scale))
        return story

    def label_width(self, lang: str, width: float) -> float:
        if lang not in self._label_widths:
            self._label_widths[lang] = hl.label_width(self.st, lang, self.fmt.label_width)
        return self._label_widths[lang]

    # --- page furniture ------------------------------------------------------------------------------
    def decorate(self, state: _State):
        engine, lg0 = self.engine, self.doc_lang
        rtl = lg0 == "ug"
        size = 7.5 * (1 if self.fmt.scale >= 1 else 0.94)
        community = [self.community[lg] for lg in self.langs if self.community[lg]]
        title = self.joined(hl.HANDBOOK_TITLE)
        # the header's start side, longest first: the first that leaves room for the chapter's name is used
        headers = [title + ["·"] + community, title[:1] + ["·"] + community[:1], title, title[:1]]
        headers = [h for h in headers if h and h[-1] != "·"]
        footer = hl.template_pieces(hl.label(lg0, hl.PRINTED_BY), user=self.user,
                                    date=format_date(self.today, "long", lg0))

        runs: dict = {}

        def laid_out(text, bold=False):
            key = (tuple(text) if isinstance(text, list) else text, bold)
            if key not in runs:
                found = engine.string_runs(text, lg0, bold)
                runs[key] = (found, sum(stringWidth(t, font, 1) for font, t in found))
            return runs[key]

        def draw(canv, x, y, text, size, align, bold=False):
            """engine.draw_string, with each text laid out once for the whole booklet."""
            found, unit_width = laid_out(text, bold)
            side = {"start": "right" if rtl else "left", "end": "left" if rtl else "right"}[align]
            x -= unit_width * size if side == "right" else 0
            for font, t in found:
                canv.setFont(font, size)
                canv.drawString(x, y, t)
                x += stringWidth(t, font, size)

        def on_page_end(canv, doc):
            state.page_count = canv.getPageNumber()
            canv.saveState()
            width, height = doc.pagesize
            left, right = doc.leftMargin, width - doc.rightMargin
            start_x, end_x = (right, left) if rtl else (left, right)
            top_y = height - doc.topMargin + 5 * mm
            bottom_y = doc.bottomMargin - 8 * mm
            room = right - left - 6 * mm
            if state.chapter is not None:
                chapter = [self.name(state.chapter.names, lg) for lg in self.langs]
                draw(canv, end_x, top_y, chapter, size, "end", bold=True)
                room -= laid_out(chapter, True)[1] * size
            header = next((h for h in headers if laid_out(h)[1] * size <= room), headers[-1])
            draw(canv, start_x, top_y, header, size, "start")
            canv.setStrokeColor(hl.LINE)
            canv.setLineWidth(0.5)
            canv.line(left, top_y - 2 * mm, right, top_y - 2 * mm)
            canv.line(left, bottom_y + 3.5 * mm, right, bottom_y + 3.5 * mm)
            draw(canv, start_x, bottom_y, footer, size, "start")
            page = hl.label(lg0, hl.PAGE_LABEL).format(page=canv.getPageNumber())
            engine.draw_string(canv, end_x, bottom_y, page, size + 0.5, "end")
            canv.restoreState()

        def on_cover_end(canv, doc):
            state.page_count = canv.getPageNumber()
            canv.showOutline()  # viewers open with the bookmarks shown

        return on_page_end, on_cover_end

    # --- the whole -------------------------------------------------------------------------------------
    def build(self, out) -> BookletInfo:
        started = time.perf_counter()
        info = BookletInfo(self.lang, "a4" if self.fmt is PAGE_FORMATS["a4"] else "a5")
        chapters = collect(self.progress)
        total = sum(len(c.items) for c in chapters)
        state = _State(self.engine, total, self.progress)
        title = " / ".join(self.joined(hl.HANDBOOK_TITLE))
        doc = self.engine.doc(out, pagesize=self.fmt.size, title=title, author=self.user,
                              subject=" ".join(filter(None, self.community.values())), margins=self.fmt.margins)
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
        page_end, cover_end = self.decorate(state)
        # SimpleDocTemplate switches to the template named "Later" after the first page
        doc.addPageTemplates([PageTemplate("First", [frame], onPageEnd=cover_end, pagesize=self.fmt.size),
                              PageTemplate("Later", [frame], onPageEnd=page_end, pagesize=self.fmt.size)])
        width = doc.width - 12  # the frame's padding
        story = self.cover(chapters) + [PageBreak()]
        story += self.contents(state, chapters, width)
        for n, chapter in enumerate(chapters, 1):
            story += self.chapter(state, n, chapter, width)
        if self.progress:
            self.progress(15, "")
        _build(doc, story)
        info.pages = state.page_count
        info.categories, info.items = len(chapters), total
        info.category_pages = {k[4:]: v for k, v in state.pages.items() if k.startswith("cat-")}
        info.item_pages = {k[5:]: v for k, v in state.pages.items() if k.startswith("item-")}
        info.seconds = time.perf_counter() - started
        if self.progress:
            self.progress(100, "")
        return info


def _build(doc, story) -> None:
    """BaseDocTemplate.build with our own page templates (SimpleDocTemplate.build would replace them)."""
    BaseDocTemplate.build(doc, story)


def build_booklet(actor: Actor, out, lang: str = "zh", page_format: str = "a4", progress=None) -> BookletInfo:
    """Write the service handbook booklet to `out` (a path or a binary file object).

    lang: 'zh', 'ug' or 'bi' (each item in Chinese, then Uyghur); page_format: 'a4' or 'a5'.
    `progress(percent, message)` is called now and then. Needs reports.print; the print is audited."""
    actor.require("reports.print")
    if lang not in BOOKLET_LANGS:
        raise ValueError(f"lang must be one of {BOOKLET_LANGS}, not {lang!r}")
    if page_format not in FORMATS:
        raise ValueError(f"page_format must be one of {FORMATS}, not {page_format!r}")
    info = Booklet(actor, lang, page_format, progress).build(out)
    target = os.fspath(out) if isinstance(out, (str, os.PathLike)) else ""
    audit.record(actor, "print.handbook", "handbook", lang=lang, format=page_format, pages=info.pages,
                 categories=info.categories, items=info.items, file=target)
    return info

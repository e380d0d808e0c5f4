"""The one text engine every Baijia PDF is written with: paragraphs, tables, documents and
canvas strings in Chinese, Uyghur and English, in any mix.

    engine = TextEngine("ug")
    doc = engine.doc(path, title="…")
    story = [engine.para("مەھەللە خىزمەتچىسى", "h1"), engine.table(rows, col_widths)]
    doc.build(story, onFirstPage=engine.page_decorator(header="…"), onLaterPages=…)

What it takes care of: cleaning user text (app.domain.text_clean), joining Uyghur letters
(arabic_shaping), one font per script run (font_runs), right-to-left lines and mixed-direction runs
(bidi_paragraph / rlbidi_compat), Chinese line breaking between hanzi (ReportLab wordWrap='CJK'),
mirrored table columns in Uyghur, and only embedded fonts in the PDF (initialFontName).
"""

from __future__ import annotations

import os
import unicodedata

from app.reports import rlbidi_compat

rlbidi_compat.install()  # before ReportLab's text object module is imported (see rlbidi_compat)

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle  # noqa: E402

from app.domain.text_clean import clean_text, is_rtl  # noqa: E402
from app.reports.arabic_shaping import shape  # noqa: E402
from app.reports.bidi_paragraph import BidiParagraph  # noqa: E402
from app.reports.font_runs import FontPicker, runs_markup  # noqa: E402
from app.reports.fonts import FontSet, discover_fonts, register_fonts  # noqa: E402

LANGS = ("zh", "ug", "en")
BASE_ROLE = {"zh": "cjk", "ug": "uyghur", "en": "latin"}
PDF_LANG = {"zh": "zh-CN", "ug": "ug-CN", "en": "en"}
PAGE_LABEL = {"zh": "第 {page} 页", "ug": "{page}-بەت", "en": "Page {page}"}

# style name → (font size in pt, bold, space before, space after); Uyghur is set 10 % larger:
# Arabic-script letters look small next to hanzi at the same size.
STYLE_SIZES = {
    "title": (18, True, 0, 10),
    "h1": (14, True, 10, 6),
    "h2": (12, True, 8, 4),
    "body": (10.5, False, 0, 5),
    "small": (8, False, 0, 2),
    "cell": (9.5, False, 0, 0),
    "cell_head": (9.5, True, 0, 0),
}
SCALE = {"zh": 1.0, "ug": 1.1, "en": 1.0}
LEADING = {"zh": 1.55, "ug": 1.75, "en": 1.35}  # × font size; Uyghur dots and descenders need room


class TextEngine:
    """Builds flowables for one document language ('zh', 'ug' or 'en'); any call can take another
    `lang` for a single piece (or 'auto': Uyghur when the text starts with Uyghur letters)."""

    def __init__(self, lang: str = "zh", fontset: FontSet | None = None):
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
        self.lang = lang
        self.fonts = register_fonts(fontset or discover_fonts())
        self._pickers: dict[tuple[str, bool], FontPicker] = {}
        self._styles: dict[tuple[str, str], ParagraphStyle] = {}

    # --- languages, fonts, styles -----------------------------------------------------------
    def resolve_lang(self, lang: str | None, text: str = "") -> str:
        if lang is None:
            return self.lang
        if lang == "auto":
            return "ug" if is_rtl(text) else ("zh" if self.lang == "ug" else self.lang)
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS} or 'auto', not {lang!r}")
        return lang

    def is_rtl(self, lang: str | None = None) -> bool:
        return self.resolve_lang(lang) == "ug"

    def picker(self, lang: str | None = None, bold: bool = False) -> FontPicker:
        key = (self.resolve_lang(lang), bold)
        if key not in self._pickers:
            self._pickers[key] = FontPicker(self.fonts, BASE_ROLE[key[0]], bold)
        return self._pickers[key]

    @property
    def base_font(self) -> str:
        """Registered name of the document language's regular font."""
        return self.picker().base

    def style(self, name: str = "body", lang: str | None = None) -> ParagraphStyle:
        lang = self.resolve_lang(lang)
        key = (name, lang)
        if key not in self._styles:
            size, bold, before, after = STYLE_SIZES[name]
            size = round(size * SCALE[lang], 1)
            rtl = lang == "ug"
            self._styles[key] = ParagraphStyle(
                f"{name}-{lang}",
                fontName=self.picker(lang, bold).base,
                fontSize=size,
                leading=round(size * LEADING[lang], 1),
                alignment=TA_CENTER if name == "title" else TA_RIGHT if rtl else TA_LEFT,
                spaceBefore=before,
                spaceAfter=after,
                wordWrap="CJK" if lang == "zh" else None,
                bidiBase="RTL" if rtl else "LTR",
                splitLongWords=True,
            )
        return self._styles[key]

    @property
    def styles(self) -> dict[str, ParagraphStyle]:
        """The document language's styles by name (title, h1, h2, body, small, cell, cell_head)."""
        return {name: self.style(name) for name in STYLE_SIZES}

    # --- text ----------------------------------------------------------------------------------
    def markup(self, text, lang: str | None = None, bold: bool = False) -> str:
        """Paragraph markup for user text: cleaned, shaped, one <font> per script run, escaped."""
        text = clean_text("" if text is None else str(text), multiline=True)
        picker = self.picker(self.resolve_lang(lang, text), bold)
        return runs_markup(picker.runs(shape(text)), picker.base)

    def para(self, text, style: str = "body", lang: str | None = None, **style_changes) -> BidiParagraph:
        """A paragraph of user text (never markup: < & > are printed as typed)."""
        text = "" if text is None else str(text)
        lang = self.resolve_lang(lang, text)
        st = self.style(style, lang)
        if style_changes:
            st = ParagraphStyle(f"{st.name}*", parent=st, **style_changes)
        return BidiParagraph(self.markup(text, lang, STYLE_SIZES[style][1]), st)

    # --- tables --------------------------------------------------------------------------------
    def table(self, rows, col_widths=None, header_rows: int = 1, lang: str | None = None,
              style_cmds=(), zebra: bool = False, grid: bool = True) -> Table:
        """A table of user text (or flowables, or lists of flowables). `rows`, `col_widths` and
        `style_cmds` are given in reading order; in Uyghur the columns are mirrored (first column on
        the right). Header rows are bold, shaded and repeated after a page break. grid=False draws no
        lines: give your own in `style_cmds`."""
        lang = self.resolve_lang(lang)
        if not rows:
            raise ValueError("a table needs at least one row")
        ncols = max(len(r) for r in rows)
        data = []
        for i, row in enumerate(rows):
            cells = list(row) + [""] * (ncols - len(row))
            name = "cell_head" if i < header_rows else "cell"
            data.append([c if isinstance(c, (Flowable, list)) else self.para(c, name, lang) for c in cells])
        cell_style = self.style("cell", lang)
        commands = [
            # the cells' own font: ReportLab sets it (Helvetica by default) even for flowable cells
            ("FONT", (0, 0), (-1, -1), cell_style.fontName, cell_style.fontSize),
            *([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)] if grid else []),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if header_rows:
            commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#E8ECF2")))
        if zebra:
            stripes = [None, colors.HexColor("#F6F7F9")]
            commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), stripes))
        commands += list(style_cmds)
        widths = list(col_widths) if col_widths else None
        if lang == "ug":
            data = [row[::-1] for row in data]
            widths = widths[::-1] if widths else None
            commands = [_mirror_command(c, ncols) for c in commands]
        return Table(data, colWidths=widths, repeatRows=header_rows, style=TableStyle(commands),
                     hAlign="RIGHT" if lang == "ug" else "LEFT")

    # --- documents and canvas text ----------------------------------------------------------
    def doc(self, target, pagesize=A4, title: str = "", author: str = "", subject: str = "",
            margins=(18 * mm, 18 * mm, 20 * mm, 18 * mm), **kwargs) -> SimpleDocTemplate:
        """A SimpleDocTemplate writing to `target` (a path or a binary file object). Its canvas starts
        in an embedded font: ReportLab would otherwise put an unembedded Helvetica on every page.
        margins: left, right, top, bottom."""
        left, right, top, bottom = margins
        if isinstance(target, os.PathLike):
            target = os.fspath(target)  # ReportLab takes str paths or file objects only
        return SimpleDocTemplate(
            target, pagesize=pagesize, title=title, author=author, subject=subject, creator="Baijia",
            initialFontName=self.base_font, initialFontSize=10, lang=PDF_LANG[self.lang],
            leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom, **kwargs)

    def _line(self, text, lang: str | None, bold: bool) -> tuple[list[tuple[str, str]], bool]:
        pieces = [text] if text is None or isinstance(text, (str, int, float)) else list(text)
        pieces = [clean_text("" if p is None else str(p)) for p in pieces]
        lang = self.resolve_lang(lang, pieces[0] if pieces else "")
        rtl = lang == "ug"
        picker = self.picker(lang, bold)
        laid_out = []
        for p in filter(None, pieces):
            own_rtl = is_rtl(p) if len(pieces) > 1 and _has_strong(p) else rtl  # a piece: like FSI
            laid_out.append(rlbidi_compat.reorder_runs(picker.runs(shape(p)), own_rtl))
        if rtl:
            laid_out.reverse()
        runs: list[tuple[str, str]] = []
        for i, piece_runs in enumerate(laid_out):
            runs += ([(picker.base, " ")] if i else []) + piece_runs
        return runs, rtl

    def string_runs(self, text, lang: str | None = None, bold: bool = False) -> list[tuple[str, str]]:
        """One line of user text as visual (font name, text) runs, left to right.

        `text` may also be a sequence of pieces (a label, a name, a date): each piece is then laid
        out on its own, in its own direction (as if isolated with FSI…PDI), and the pieces follow
        each other in the document's direction, one space apart. Use it when composing a line from
        parts: "Baijia · 15-مارت، 2024" as one string is read by the bidi rules as "Baijia · 15"
        followed by "-مارت، 2024"; as ("Baijia", "·", date) the date stays whole."""
        return self._line(text, lang, bold)[0]

    def string_width(self, text, size: float, lang: str | None = None, bold: bool = False) -> float:
        return sum(stringWidth(t, font, size) for font, t in self.string_runs(text, lang, bold))

    def draw_string(self, canvas, x: float, y: float, text, size: float = 9, align: str = "start",
                    lang: str | None = None, bold: bool = False) -> float:
        """Draw one line of user text (or pieces: see `string_runs`) with its baseline at y.
        `align` 'left' / 'right' / 'center' says where x is on the text; 'start' / 'end' follow the
        language (a Uyghur line starts on the right). Returns the width drawn."""
        runs, rtl = self._line(text, lang, bold)
        width = sum(stringWidth(t, font, size) for font, t in runs)
        side = {"start": "right" if rtl else "left", "end": "left" if rtl else "right"}.get(align, align)
        if side not in ("left", "right", "center"):
            raise ValueError(f"bad align {align!r}")
        cx = x - width if side == "right" else x - width / 2 if side == "center" else x
        for font, t in runs:
            canvas.setFont(font, size)
            canvas.drawString(cx, y, t)
            cx += stringWidth(t, font, size)
        return width

    def page_decorator(self, header="", footer="", page_label: str | None = None,
                       size: float = 8):
        """An onPage callback: `header` at the top (start side), `footer` at the bottom (start side),
        the page number at the bottom (end side). `header` and `footer` are strings or sequences of
        pieces (see `string_runs`); `page_label` may use {page}."""
        label = page_label or PAGE_LABEL[self.lang]

        def decorate(canvas, doc):
            canvas.saveState()
            width, height = doc.pagesize
            start_x = width - doc.rightMargin if self.is_rtl() else doc.leftMargin
            end_x = doc.leftMargin if self.is_rtl() else width - doc.rightMargin
            top_y = height - doc.topMargin + 4 * mm
            bottom_y = doc.bottomMargin - 8 * mm
            if header:
                self.draw_string(canvas, start_x, top_y, header, size, "start")
                canvas.setStrokeColor(colors.grey)
                canvas.setLineWidth(0.5)
                canvas.line(doc.leftMargin, top_y - 2 * mm, width - doc.rightMargin, top_y - 2 * mm)
            if footer:
                self.draw_string(canvas, start_x, bottom_y, footer, size, "start")
            self.draw_string(canvas, end_x, bottom_y, label.format(page=canvas.getPageNumber()), size, "end")
            canvas.restoreState()

        return decorate


def _has_strong(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("L", "R", "AL") for ch in text)


def _mirror_command(cmd, ncols: int):
    """A TableStyle command with its column coordinates mirrored (column c → ncols-1-c)."""
    if len(cmd) < 3 or not isinstance(cmd[1], tuple) or not isinstance(cmd[2], tuple):
        return cmd
    (c0, r0), (c1, r1) = cmd[1], cmd[2]
    c0, c1 = c0 % ncols, c1 % ncols
    return (cmd[0], (ncols - 1 - c1, r0), (ncols - 1 - c0, r1), *cmd[3:])

"""Pieces shared by the handbook booklet and the one-item sheet: the fixed labels (from the catalogs, in
any language), paragraph styles scaled for a page format, an item's heading and its card.

An item's card is a two-column table, label | content, one row per entry (each workflow step, each
material, each law) so that a long item breaks between entries, never inside a cell that no longer fits a
page. Lines are drawn only between fields. Workflow steps are numbered, materials bulleted. The engine
mirrors the table in Uyghur (labels on the right).
"""

from __future__ import annotations

import re

from app.reports.text_engine import STYLE_SIZES, TextEngine  # first: installs the rlbidi module

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.platypus import Flowable, Paragraph  # noqa: E402

from app.i18n import N_, gettext_in  # noqa: E402
from app.reports.bidi_paragraph import BidiParagraph  # noqa: E402

LABEL_TARGET = N_("Target group")
LABEL_POLICY = N_("Policy basis")
LABEL_WORKFLOW = N_("Workflow")
LABEL_MATERIALS = N_("Required materials")
LABEL_TIME_LIMIT = N_("Time limit")
LABEL_PLACE = N_("Place")
LABEL_NOTE = N_("Note")
HANDBOOK_TITLE = N_("Service handbook")
DRAFT_SOURCE = N_("Draft text, not yet reviewed")
DRAFT_TRANSLATION = N_("Draft translation, not yet reviewed")
PRINTED_BY = N_("Printed by {user} on {date}")
PAGE_LABEL = N_("Page {page}")
SLOGAN_ZH = "一册在手、一看就明、一干就会"  # the source document's own words: printed as written
SLOGAN = N_("One booklet in hand: clear at a glance, done at once")
NO_TEXT = N_("This item has no text in this language yet.")

GREY = colors.HexColor("#6B7280")
LABEL_BG = colors.HexColor("#EEF2F7")
LINE = colors.HexColor("#9AA4B2")
ACCENT = colors.HexColor("#1F3A5F")

_PLACEHOLDER = re.compile(r"(\{[a-z_]+\})")


def label(lang: str, msgid: str) -> str:
    """A fixed label in `lang` ('zh', 'ug' or 'en'), from the catalogs."""
    return gettext_in(lang, msgid)


def template_pieces(template: str, **values) -> list[str]:
    """'Printed by {user} on {date}' → ['Printed by', user, 'on', date]: pieces that TextEngine.draw_string
    lays out each in its own direction, so a Uyghur date or a Chinese name stays whole in any line."""
    pieces = []
    for part in _PLACEHOLDER.split(template):
        if _PLACEHOLDER.fullmatch(part):
            pieces.append(str(values[part[1:-1]]))
        elif part.strip():
            pieces.append(part.strip())
    return pieces


_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


class _Paragraph(BidiParagraph):
    """A BidiParagraph that remembers its last wrap (a table wraps each cell two or three times at the same
    width: to size the rows, to split, to draw), and that draws a left-to-right paragraph with no
    right-to-left letter in it the plain way: its visual order is its logical order."""

    _wrapped: tuple | None = None
    plain = False

    def drawPara(self, debug=0):
        if self.plain:
            return Paragraph.drawPara(self, debug)
        return super().drawPara(debug)

    def wrap(self, available_width, available_height):
        if self._wrapped is not None and self._wrapped[0] == available_width and "blPara" in self.__dict__:
            return self._wrapped[1]
        result = super().wrap(available_width, available_height)
        self._wrapped = (available_width, result)
        return result


class Line(Flowable):
    """One short line of text (a label, a step number, a code) drawn straight on the canvas: much cheaper
    than a paragraph. `runs` are the engine's visual (font, text) runs (TextEngine.string_runs), laid out
    once and shared by every Line of the same text; the line sits at the start side of its language."""

    def __init__(self, runs: list, rtl: bool, size: float, leading: float, color=None):
        super().__init__()
        self.runs, self.rtl, self.size, self.leading, self.color = runs, rtl, size, leading, color
        self.text_width = sum(stringWidth(t, font, size) for font, t in runs)
        self.width = 0
        self.height = leading

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.leading

    def draw(self):
        canv = self.canv
        if self.color is not None:
            canv.setFillColor(self.color)
        x = self.width - self.text_width if self.rtl else 0
        y = self.leading - self.size
        for font, text in self.runs:
            canv.setFont(font, self.size)
            canv.drawString(x, y, text)
            x += stringWidth(text, font, self.size)


class Styler:
    """The engine's paragraph styles, scaled for a page format (A5 sets everything a little smaller)."""

    def __init__(self, engine: TextEngine, scale: float = 1.0):
        self.engine = engine
        self.scale = scale
        self._cache: dict[tuple, ParagraphStyle] = {}
        self._runs: dict[tuple, list] = {}  # labels repeat on every item: lay each out once

    def style(self, name: str, lang: str, **changes) -> ParagraphStyle:
        key = (name, lang, tuple(sorted(changes.items())))
        st = self._cache.get(key)
        if st is None:
            base = self.engine.style(name, lang)
            k = self.scale * changes.pop("size_factor", 1.0)
            scaled = {"fontSize": round(base.fontSize * k, 2), "leading": round(base.leading * k, 2),
                      "spaceBefore": base.spaceBefore * k, "spaceAfter": base.spaceAfter * k}
            scaled.update(changes)
            st = self._cache[key] = ParagraphStyle(f"{base.name}@{len(self._cache)}", parent=base, **scaled)
        return st

    def para(self, text, name: str = "body", lang: str = "zh", **changes) -> BidiParagraph:
        text = "" if text is None else str(text)
        style = self.style(name, lang, **changes)
        para = _Paragraph(self.engine.markup(text, lang, STYLE_SIZES[name][1]), style)
        para.plain = style.bidiBase != "RTL" and not _RTL_CHARS.search(text)
        return para

    def runs(self, text: str, lang: str, bold: bool = False) -> list:
        """The engine's visual runs of one line of text, computed once per text."""
        key = (text, lang, bold)
        found = self._runs.get(key)
        if found is None:
            found = self._runs[key] = self.engine.string_runs(text, lang, bold)
        return found

    def line(self, text: str, name: str = "cell", lang: str = "zh", color=None) -> Line:
        st = self.style(name, lang)
        return Line(self.runs(text, lang, STYLE_SIZES[name][1]), lang == "ug", st.fontSize, st.leading, color)

    def line_or_para(self, text, width: float, name: str = "cell", lang: str = "zh", color=None, **changes):
        """A cheap Line when `text` fits on one line `width` wide, else a paragraph."""
        if "\n" not in text and self.text_width(text, name, lang) <= width:
            return self.line(text, name, lang, color)
        return self.para(text, name, lang, **({"textColor": color} if color is not None else {}), **changes)

    def cell(self, text: str, width: float, lang: str, name: str = "cell"):
        """A table cell's text: a Line when it surely fits on one line, else a paragraph. The exact width is
        only measured when a rough estimate (a hanzi is about 1 em wide, a Uyghur letter about half) says
        it might fit: measuring a long text first would lay it out twice."""
        size = self.style(name, lang).fontSize
        if len(text) * size * (0.9 if lang == "zh" else 0.45) > width * 1.15:
            return self.para(text, name, lang)
        return self.line_or_para(text, width, name, lang)

    def text_width(self, text: str, name: str, lang: str) -> float:
        size = self.style(name, lang).fontSize
        return sum(stringWidth(t, font, size) for font, t in self.runs(text, lang, STYLE_SIZES[name][1]))

    def size(self, name: str, lang: str) -> float:
        return self.style(name, lang).fontSize


def draft_label(lang: str, status: str) -> str:
    """The discreet mark for a text still in draft ('' once reviewed): Chinese is the source text, Uyghur
    (and English) are translations."""
    if status != "draft":
        return ""
    return label(lang, DRAFT_SOURCE if lang == "zh" else DRAFT_TRANSLATION)


def title_of(record, lang: str) -> str:
    """The item's title in `lang`, or in Chinese while that language has none yet."""
    return record.text(lang).title or record.text("zh").title


def item_heading(st: Styler, record, lang: str, size_factor: float = 1.0) -> list:
    """Code and title (the code first: on the right in Uyghur), then the draft mark if any."""
    text = record.text(lang)
    out = [st.para(f"{record.code}  {title_of(record, lang)}", "h2", lang, textColor=ACCENT, spaceBefore=0,
                   keepWithNext=1, size_factor=size_factor)]
    mark = draft_label(lang, text.status)
    if mark:
        out.append(st.para(mark, "small", lang, textColor=GREY, keepWithNext=1))
    return out


CARD_LABELS = (LABEL_TARGET, LABEL_POLICY, LABEL_WORKFLOW, LABEL_MATERIALS, LABEL_TIME_LIMIT, LABEL_PLACE, LABEL_NOTE)


def label_width(st: Styler, lang: str, most: float, least: float = 14 * mm) -> float:
    """Width of the card's label column: the widest label on one line, between `least` and `most`."""
    widest = max(st.text_width(label(lang, msgid), "cell_head", lang) for msgid in CARD_LABELS)
    return max(least * st.scale, min(most, widest + 12))


def item_card(st: Styler, text, lang: str, width: float, label_width: float):
    """One language of an item as a label | content table, `width` wide (a short note when the item has
    no text in that language yet)."""
    longest = max(len(text.workflow), len(text.materials), 1)
    num_w = max(6.5 * mm * st.scale, st.text_width(f"{longest}.", "cell", lang) + 8)
    fields = [
        (LABEL_TARGET, [text.target], None),
        (LABEL_POLICY, list(text.policy_basis), None),
        (LABEL_WORKFLOW, list(text.workflow), "number"),
        (LABEL_MATERIALS, list(text.materials), "bullet"),
        (LABEL_TIME_LIMIT, [text.time_limit], None),
        (LABEL_PLACE, [text.place], None),
        (LABEL_NOTE, [text.note], None),
    ]
    rtl = lang == "ug"

    def pads(c0: int, c1: int, r0: int, r1: int, start: float, end: float) -> list:
        """Padding on the reading-start and -end sides of cells (left/right swap in Uyghur)."""
        left, right = (end, start) if rtl else (start, end)
        return [("LEFTPADDING", (c0, r0), (c1, r1), left), ("RIGHTPADDING", (c0, r0), (c1, r1), right)]

    text_w = width - label_width - num_w - 7 - 0.5  # less the paddings (2 + 5), and a hair for rounding
    span_w = width - label_width - 10 - 0.5
    rows, cmds = [], []
    pad = 2.2 * st.scale
    for msgid, values, marker in fields:
        values = [v for v in values if v and v.strip()]
        if not values:
            continue
        first = len(rows)
        for i, value in enumerate(values):
            head = st.line_or_para(label(lang, msgid), label_width - 10, "cell_head", lang, ACCENT) if i == 0 else []
            r = len(rows)
            if marker:
                mark = f"{i + 1}." if marker == "number" else "\u2022"
                rows.append([head, st.line_or_para(mark, num_w, "cell", lang), st.cell(value, text_w, lang)])
            else:
                # a span draws its first cell (the leftmost): after mirroring that is column 2 in Uyghur
                value_cell = st.cell(value, span_w, lang)
                rows.append([head, [], value_cell] if rtl else [head, value_cell, []])
                cmds.append(("SPAN", (1, r), (2, r)))
        last = len(rows) - 1
        if not marker:
            cmds += pads(1, 2, first, last, 5, 5)
        if first:
            cmds.append(("LINEABOVE", (0, first), (-1, first), 0.4, LINE))
        cmds += [("TOPPADDING", (0, first), (-1, first), pad + 1.5),
                 ("BOTTOMPADDING", (0, last), (-1, last), pad + 1.5)]
    if not rows:
        return st.para(label(lang, NO_TEXT), "body", lang, textColor=GREY)
    cmds = [
        ("BOX", (0, 0), (-1, -1), 0.6, LINE),
        ("LINEAFTER" if not rtl else "LINEBEFORE", (0, 0), (0, -1), 0.4, LINE),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.5),
        *pads(0, 0, 0, -1, 5, 5), *pads(1, 1, 0, -1, 5, 1), *pads(2, 2, 0, -1, 2, 5),  # spans: set per field
    ] + cmds
    widths = [label_width, num_w, width - label_width - num_w]
    return st.engine.table(rows, widths, header_rows=0, lang=lang, style_cmds=cmds, grid=False)

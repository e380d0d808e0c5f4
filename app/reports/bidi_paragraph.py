"""A ReportLab Paragraph that draws each line in bidi visual order, with any number of fonts.

ReportLab wraps a paragraph's words in logical order, which is what we want (the first words of a
Uyghur sentence go on the first line). Its own RTL support (`wordWrap='RTL'`) only reorders
single-font paragraphs; for several fonts it merely reverses the fragments of each line, leaving the
letters inside them in logical order. So this class leaves wrapping (and splitting across pages)
to ReportLab and, only while drawing, swaps in a copy of the laid-out lines whose text is in visual
order (`rlbidi_compat.reorder_runs`), each piece still in its fragment's font.

The paragraph direction is the style attribute `bidiBase`: 'RTL' or 'LTR' (default). Text must
already be shaped (`arabic_shaping.shape`): widths are measured on the joined letter forms.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph

from app.reports.rlbidi_compat import reorder_runs, visual_order


def _visual_kind0(lines, rtl: bool):
    """Single-font lines: (extra space, [words]) with the words' text in visual order."""
    return [(extra, visual_order(" ".join(words), rtl)[0].split(" ") if words else words)
            for extra, words in lines]


def _visual_fragline(line, rtl: bool):
    frags = line.words
    if any(hasattr(f, "cbDefn") for f in frags):  # images/anchors: leave such lines alone
        return line
    runs = [(f, f.text) for f in frags if f.text]
    if not runs:
        return line
    words = [f.clone(text=text) for f, text in reorder_runs(runs, rtl)]
    return line.clone(words=words)


class BidiParagraph(Paragraph):
    """Paragraph whose lines are drawn in visual order; see the module docstring."""

    def drawPara(self, debug=0):
        logical = self.blPara
        rtl = getattr(self.style, "bidiBase", "LTR") == "RTL"
        if logical.kind == 0:
            visual = logical.clone(lines=_visual_kind0(logical.lines, rtl))
        else:
            visual = logical.clone(lines=[_visual_fragline(line, rtl) for line in logical.lines])
        self.blPara = visual
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = logical

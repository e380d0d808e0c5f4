"""Split text into runs that each go to one font, and write them as ReportLab paragraph markup.

Hanzi go to the Chinese font, Arabic-script letters to the Uyghur font; Latin letters, digits and
punctuation stay with the paragraph's own font when it has them (so "2024-يىلى" is one run in the
Uyghur font), else go to the Latin font. Whenever the chosen font lacks a glyph, the next font that
has it is used, so nothing is drawn as an empty box that some installed font could draw.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from app.domain.text_clean import char_script
from reportlab.pdfbase import pdfmetrics

from app.reports.fonts import ROLES, FontSet

_SCRIPT_ROLE = {"han": "cjk", "arabic": "uyghur"}


class FontPicker:
    """Chooses a registered font name for each character of text in a given base role."""

    def __init__(self, fontset: FontSet, base_role: str, bold: bool = False):
        self.names = {r: fontset.font_name(r, bold) for r in ROLES if fontset.get(r)}
        self._glyphs = {name: pdfmetrics.getFont(name).face.charToGlyph for name in self.names.values()}
        self.base_role = base_role if base_role in self.names else next(iter(self.names))
        self.base = self.names[self.base_role]
        self._cache: dict[str, str] = {}

    def _fallbacks(self, role: str):
        for r in (role, self.base_role, "latin", "cjk", "uyghur"):
            if r in self.names:
                yield self.names[r]

    def font_for(self, ch: str, current: str | None) -> str:
        """Font for `ch`; `current` is the font of the run so far (kept for neutral characters)."""
        script = char_script(ch)
        if script == "common" and current is not None and (ch == " " or ord(ch) in self._glyphs[current]):
            return current
        found = self._cache.get(ch)
        if found is None:
            role = _SCRIPT_ROLE.get(script, self.base_role)
            found = next((n for n in self._fallbacks(role) if ord(ch) in self._glyphs[n]),
                         self.names.get(role, self.base))
            self._cache[ch] = found
        return found

    def runs(self, text: str) -> list[tuple[str, str]]:
        """[(font name, text)] in logical order; neighbouring characters of one font share a run."""
        out: list[list] = []
        current = None
        for ch in text:
            font = self.font_for(ch, current)
            if out and out[-1][0] == font:
                out[-1][1].append(ch)
            else:
                out.append([font, [ch]])
            current = font
        return [(font, "".join(chars)) for font, chars in out]


def runs_markup(runs: list[tuple[str, str]], paragraph_font: str) -> str:
    """Paragraph markup for `runs`: user text is XML-escaped, newlines become <br/>."""
    parts = []
    for font, text in runs:
        body = escape(text).replace("\n", "<br/>")
        parts.append(body if font == paragraph_font else f'<font name="{font}">{body}</font>')
    return "".join(parts)

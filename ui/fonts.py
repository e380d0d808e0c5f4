"""The UI font: named families so that Chinese and Uyghur both render well.

Left alone, fontconfig draws Uyghur with DejaVu Sans and Windows falls back to Segoe UI.
``QFont.setFamilies`` takes an ordered list and Qt draws each character with the first family that has it;
the first family also sets the line height and draws Latin letters and digits.

Looked at on screen (Nov 2026, Debian): with UKIJ Tuz first, Latin and digits came out in its serif and the
Uyghur letters noticeably smaller than the hanzi; Noto Sans Arabic first makes every line 27 px tall at
10 pt (its ascent/descent). So: the CJK family goes first **when it has no Arabic letters** (Noto Sans CJK,
WenQuanYi, Microsoft YaHei have none, so every Uyghur letter still comes from the Uyghur family), and the
Uyghur family goes first otherwise (a CJK font with its own poor Arabic glyphs must not draw Uyghur).
Noto Sans Arabic is preferred on Linux: its letters match the hanzi in size; UKIJ Tuz's are smaller.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtGui import QFont, QFontDatabase, QRawFont
from PySide6.QtWidgets import QApplication

# Order = preference. Windows names first: those PCs are the majority.
UYGHUR_FAMILIES = (
    "Microsoft Uighur",
    "Noto Sans Arabic",
    "UKIJ Tuz",
    "Noto Naskh Arabic",
    "UKIJ Ekran",
    "UKIJ CJK",
)
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "SimHei",
    "UKIJ CJK",
)
MIN_POINT_SIZE = 10.0  # Uyghur letters at 9 pt are hard to read on an office monitor


UYGHUR_TEST_LETTER = 0x06D5  # ە: only fonts made for Uyghur (or all of Arabic script) have it


@dataclass(frozen=True)
class FontChoice:
    uyghur: str | None
    cjk: str | None
    fallback: str
    cjk_has_arabic: bool = False

    @property
    def families(self) -> list[str]:
        order = (self.uyghur, self.cjk) if self.cjk_has_arabic else (self.cjk, self.uyghur)
        names = [f for f in order if f]
        if self.fallback not in names:
            names.append(self.fallback)
        return names


def _first_installed(candidates: tuple[str, ...], installed: set[str]) -> str | None:
    lowered = {name.lower(): name for name in installed}
    for name in candidates:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


def choose(installed: list[str], fallback: str,
           has_arabic: Callable[[str], bool] = lambda family: False) -> FontChoice:
    """Pick from the installed families (QFontDatabase.families()); pure, so it is tested without fonts."""
    names = set(installed)
    uyghur = _first_installed(UYGHUR_FAMILIES, names)
    cjk = _first_installed(CJK_FAMILIES, names)
    return FontChoice(uyghur, cjk, fallback, bool(cjk and uyghur and has_arabic(cjk)))


def family_has_arabic(family: str) -> bool:
    return QRawFont.fromFont(QFont(family)).supportsCharacter(UYGHUR_TEST_LETTER)  # int: the UCS-4 overload


_choice: FontChoice | None = None


def apply_ui_font(app: QApplication) -> FontChoice:
    """Set the application font to the chosen families; returns the choice (Settings and doctor show it)."""
    global _choice
    font = QFont(app.font())
    choice = choose(QFontDatabase.families(), font.family(), family_has_arabic)
    font.setFamilies(choice.families)
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    app.setFont(font)
    _choice = choice
    return choice


def current_choice() -> FontChoice | None:
    return _choice

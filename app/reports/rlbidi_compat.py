"""A stand-in for ReportLab's optional `rlbidi` module, built on python-bidi and arabic-reshaper.

ReportLab 5.1 (reportlab/pdfgen/textobject.py) does `import rlbidi` once, when it is first imported,
and from then on calls only
    log2vis(text, base_direction, clean=True, positions_V_to_L=list)
expecting the visual (left-to-right drawing order) string, with `positions_V_to_L` filled so that
entry j is the logical index of visual character j. It uses it for `Paragraph(wordWrap='RTL')` with
a single font, and for `canvas.drawString(..., direction='RTL')`. Like fribidi's log2vis, ours also
joins Arabic-script letters (presentation forms), so plain Uyghur text comes out readable.

`install()` must run before ReportLab's text object module is imported; `app.reports.text_engine`
does it first thing. The engine itself uses `reorder_runs()` to put each laid-out line of mixed-font
text into visual order.

The embedding levels come from python-bidi (its Rust implementation of the Unicode bidi algorithm,
UAX #9 with bracket pairs); the line reordering (L1, L2, L4) is done here so that each character's
logical index is known: fonts and fragments follow their characters.
"""

from __future__ import annotations

import re
import sys
import unicodedata

from bidi import get_base_level, get_display
from bidi.mirror import MIRRORED

from app.reports.arabic_shaping import shape_with_map

RTL, LTR, ON = "RTL", "LTR", "ON"

_STRONG_OR_NUMBER = frozenset(
    ("L", "EN", "AN", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "B", "S"))
_RTL_CLASSES = frozenset(("R", "AL", "AN", "RLE", "RLO", "RLI"))
_CONTROLS = frozenset(("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "BN"))
_WHITESPACE_LIKE = frozenset(("WS", "LRI", "RLI", "FSI", "PDI", "BN"))
_AS_R = "\u05d0"  # HEBREW LETTER ALEF, bidi class R
_MASKED_NUMBER = re.compile(r"[0-9*]*[0-9][0-9*]*")
_LEVELS_START = "\n    levels: ["
_LEVELS_END = "\n    ],"
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def _base_level(text: str, base_direction) -> int:
    d = str(base_direction or ON).upper()
    if d in ("RTL", "R"):
        return 1
    if d in ("LTR", "L"):
        return 0
    return get_base_level(text) if text else 0


def _for_levels(text: str, classes: list[str]) -> str:
    """The text as the level resolution sees it; the same length, differences only where Uyghur
    numbers would otherwise come out in a surprising order:
    - Uyghur writes European digits and left-to-right number formats (0991-1234567, 2024-03-15).
      Under rule W2 a number after an Arabic letter (class AL) becomes an "Arabic number", and a
      hyphen between two such numbers then swaps them ("1234567-0991"). So Arabic letters are given
      as a Hebrew letter (class R): the same direction, but numbers stay European numbers.
    - the asterisks of masked numbers (138****1234, 650102********123X) count as digits, so that
      the whole number stays one left-to-right run."""
    chars = [_AS_R if c == "AL" else ch for ch, c in zip(text, classes)]
    if "*" in text:
        for m in _MASKED_NUMBER.finditer(text):
            for i in range(m.start(), m.end()):
                if chars[i] == "*":
                    chars[i] = "0"
    return "".join(chars)


def resolved_levels(text: str, rtl: bool, classes: list[str]) -> list[int]:
    """Embedding level of each character of one line (rules up to I2 of UAX #9), from
    python-bidi's Rust implementation: `get_display(debug=True)` returns its BidiInfo, whose
    levels are listed per UTF-8 byte."""
    seen = _for_levels(text, classes)
    info = get_display(seen, base_dir="R" if rtl else "L", debug=True)
    start = info.rindex(_LEVELS_START)  # the escaped text itself cannot contain a raw newline
    end = info.index(_LEVELS_END, start)
    per_byte = [int(n) for n in _LEVEL.findall(info, start, end)]
    levels, pos = [], 0
    for ch in seen:
        levels.append(per_byte[pos])
        pos += len(ch.encode("utf-8"))
    if pos != len(per_byte):
        raise RuntimeError("python-bidi returned levels in an unexpected form")
    return levels


def visual_order(text: str, rtl: bool) -> tuple[str, list[int]]:
    """Reorder one line of logical text for drawing left to right (rules L1, L2, L4 of UAX #9:
    trailing spaces to the base level, runs reversed, brackets mirrored inside right-to-left runs).
    Returns the visual string and, for each visual character, its logical index. Explicit bidi
    controls are dropped (user text has none left: see app.domain.text_clean)."""
    classes = [unicodedata.bidirectional(ch) for ch in text]
    n = len(text)
    if not rtl and not _RTL_CLASSES.intersection(classes):
        return text, list(range(n))
    if rtl and not _STRONG_OR_NUMBER.intersection(classes):
        # right-to-left letters and neutrals only: every character resolves to level 1
        return "".join(MIRRORED.get(ch, ch) for ch in reversed(text)), list(range(n - 1, -1, -1))
    base = 1 if rtl else 0
    levels = resolved_levels(text, rtl, classes)
    # L1: separators, and whitespace before them or at the end of the line, get the base level
    trailing = True
    for i in range(n - 1, -1, -1):
        if classes[i] in ("S", "B"):
            levels[i], trailing = base, True
        elif trailing and classes[i] in _WHITESPACE_LIKE:
            levels[i] = base
        else:
            trailing = False
    # L2: from the highest level down to the lowest odd one, reverse every run at that level or above
    order = [i for i in range(n) if classes[i] not in _CONTROLS]
    if order:
        top = max(levels[i] for i in order)
        lowest_odd = min((levels[i] for i in order if levels[i] % 2), default=top + 1)
        for level in range(top, lowest_odd - 1, -1):
            j = 0
            while j < len(order):
                if levels[order[j]] >= level:
                    k = j
                    while k < len(order) and levels[order[k]] >= level:
                        k += 1
                    order[j:k] = order[j:k][::-1]
                    j = k
                else:
                    j += 1
    # L4: mirrored glyphs for brackets at right-to-left levels
    visual = "".join(MIRRORED.get(text[i], text[i]) if levels[i] % 2 else text[i] for i in order)
    return visual, order


def reorder_runs(runs: list[tuple[object, str]], rtl: bool) -> list[tuple[object, str]]:
    """Logical runs [(tag, text)] of one line (tag: a font name, a paragraph fragment …) → the
    same characters as visual runs, left to right, each still carrying its tag."""
    text = "".join(t for _tag, t in runs)
    owner: list[int] = []
    for k, (_tag, t) in enumerate(runs):
        owner += [k] * len(t)
    visual, v2l = visual_order(text, rtl)
    out: list[tuple[object, str]] = []
    for ch, logical in zip(visual, v2l):
        k = owner[logical]
        if out and out[-1][2] == k:
            out[-1][1].append(ch)
        else:
            out.append((runs[k][0], [ch], k))
    return [(tag, "".join(chars)) for tag, chars, _k in out]


def log2vis(logical, base_direction=ON, encoding="utf-8", clean=False, reordernsm=True,
            positions_L_to_V=None, positions_V_to_L=None, embedding_levels=None):
    """rlbidi-compatible: shape Arabic letters, then return `logical` in visual order."""
    was_bytes = isinstance(logical, bytes)
    text = logical.decode(encoding) if was_bytes else logical
    rtl = _base_level(text, base_direction) == 1
    shaped, src = shape_with_map(text)
    visual, v2l = visual_order(shaped, rtl)
    v2l = [src[j] for j in v2l]
    if positions_V_to_L is not None:
        positions_V_to_L[:] = v2l
    if positions_L_to_V is not None:
        l2v = [-1] * len(text)
        for v, lg in enumerate(v2l):
            l2v[lg] = v
        positions_L_to_V[:] = l2v
    if embedding_levels is not None:
        embedding_levels[:] = [1 if rtl else 0] * len(text)  # base level only: not used by ReportLab
    return visual.encode(encoding) if was_bytes else visual


def install() -> bool:
    """Make `import rlbidi` find this module. Returns False when ReportLab's text module was
    already imported without it (its RTL word wrap then stays off; our engine does not need it)."""
    sys.modules.setdefault("rlbidi", sys.modules[__name__])
    textobject = sys.modules.get("reportlab.pdfgen.textobject")
    return textobject is None or bool(getattr(textobject, "rtlSupport", False))

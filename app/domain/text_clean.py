"""Normalise untrusted text (names, addresses, notes) before it is stored or shown.

What is removed or changed, and why:
- bidi controls (U+202A–202E embeddings/overrides, U+2066–2069 isolates, U+200E/200F marks, U+061C ALM):
  they can make text display differently from what it is ("Trojan Source"); Baijia adds its own
  isolation at display time (`isolate`), never trusts the user's.
- other C0/C1 control and invisible format characters; any whitespace becomes a plain space, except
  newlines in multi-line fields.
- Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF) → base letters, so a name pasted from a PDF
  matches the same name typed on a keyboard. Only those characters are NFKC-normalised: the whole
  string is not, so Chinese punctuation such as the middle dot in "阿依古丽·买买提" stays as typed.
- whitespace trimmed and runs of spaces collapsed.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
)
FSI, PDI = "\u2068", "\u2069"

# ە has no final presentation form in Unicode; shaping code draws U+FEEA (heh final) for it, and NFKC
# would turn U+FEEA back into U+0647 heh, a letter Uyghur does not use.
_HEH_FORMS_TO_AE = {0xFEE9: "\u06d5", 0xFEEA: "\u06d5"}

_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]+")
_SPACES = re.compile(r" {2,}")
_BLANK_AROUND_NEWLINE = re.compile(r" *\n *")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def _is_control(ch: str) -> bool:
    """Characters dropped from user text (whitespace is handled before this is asked)."""
    if ch in BIDI_CONTROLS:
        return True
    cat = unicodedata.category(ch)
    # Cc: C0/C1 controls. Cf: invisible format characters (BOM, zero-width space, soft hyphen …),
    # except ZWNJ/ZWJ which some scripts need. Cs: lone surrogates. Private-use characters stay:
    # rare hanzi in names are sometimes encoded there.
    if cat == "Cf":
        return ch not in "\u200c\u200d"
    return cat in ("Cc", "Cs")


_ORNATE_PARENTHESES = {0xFD3E: "(", 0xFD3F: ")"}


def _nfkc_forms(match: re.Match) -> str:
    """NFKC on presentation forms; the few characters of those blocks without a decomposition (ornate
    parentheses, Arabic ligature symbols, unassigned code points) become ASCII brackets or are dropped."""
    text = unicodedata.normalize("NFKC", match.group(0).translate(_HEH_FORMS_TO_AE).translate(_ORNATE_PARENTHESES))
    return _PRESENTATION_FORMS.sub("", text)


def base_letters(text: str) -> str:
    """Arabic presentation forms (as extracted from PDFs or typed with old keyboards) → base letters;
    nothing else in `text` changes."""
    return _PRESENTATION_FORMS.sub(_nfkc_forms, text)


def clean_text(text: str | None, *, multiline: bool = False) -> str:
    """Return `text` safe to store: see the module docstring. None becomes ''."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = text.replace("\n", " ")
    text = "".join(
        ch if ch == "\n" else " " if ch.isspace() else ch
        for ch in text
        if ch == "\n" or ch.isspace() or not _is_control(ch)
    )
    text = base_letters(text)
    text = _SPACES.sub(" ", text)
    if multiline:
        text = _BLANK_AROUND_NEWLINE.sub("\n", text)
        text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def clean_name(text: str | None) -> str:
    """A person's or place's name: one line, cleaned; the middle dot U+00B7 of names is kept."""
    return clean_text(text, multiline=False)


def normalize_digits(text: str | None) -> str:
    """For fields that hold a number (phone, ID number, house number): full-width and other
    Unicode digits become ASCII 0-9, full-width Latin letters ASCII (ID numbers end in X),
    spaces are removed, and everything goes through `clean_text`."""
    text = clean_text(text)
    out = []
    for ch in text:
        if ch.isdigit() and ch not in "0123456789":
            try:
                ch = str(unicodedata.digit(ch))
            except ValueError:
                pass
        elif "\uff01" <= ch <= "\uff5e":  # full-width ASCII block
            ch = chr(ord(ch) - 0xFEE0)
        out.append(ch)
    return "".join(out).replace(" ", "").replace("\u3000", "")


# --- scripts -------------------------------------------------------------------------------------

_HAN_RANGES = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。「」)
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # compatibility forms
    (0xFF00, 0xFF60),  # full-width forms (，！：)
    (0x20000, 0x3134F),  # extensions B–G
)
_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


def _in(cp: int, ranges) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def char_script(ch: str) -> str:
    """'han' (ideographs and CJK punctuation), 'arabic', 'latin' (letters of other scripts count as
    latin here: they are drawn with the Latin font) or 'common' (digits, punctuation, spaces)."""
    cp = ord(ch)
    if cp < 0x80:
        return "latin" if ch.isalpha() else "common"
    if _in(cp, _ARABIC_RANGES):
        # Arabic-Indic digits and Arabic punctuation are letters of the Arabic font, not neutral
        return "arabic"
    if _in(cp, _HAN_RANGES):
        return "han"
    return "latin" if ch.isalpha() else "common"


def script_of(text: str) -> str:
    """'han' | 'arabic' | 'latin' | 'mixed' for the letters of `text` (digits, spaces and punctuation
    do not count; text with no letters at all is 'latin')."""
    found = {char_script(ch) for ch in text} - {"common"}
    if len(found) > 1:
        return "mixed"
    return found.pop() if found else "latin"


def is_rtl(text: str) -> bool:
    """True when the first strong character of `text` is right-to-left (Arabic/Hebrew)."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            return True
        if bidi == "L":
            return False
    return False


def isolate(text: str, rtl_context: bool | None = None) -> str:
    """Wrap user text in FSI…PDI so that it cannot reorder the label around it.

    With `rtl_context` given, text whose direction already matches the context is returned as is;
    otherwise any text with a strong direction is isolated. Existing bidi controls are dropped first.
    """
    text = "".join(ch for ch in text if ch not in BIDI_CONTROLS)
    has_strong = any(unicodedata.bidirectional(ch) in ("L", "R", "AL") for ch in text)
    if not has_strong:
        return text
    if rtl_context is not None and is_rtl(text) == rtl_context and script_of(text) != "mixed":
        return text
    return FSI + text + PDI

"""Join Uyghur (Arabic-script) letters for PDF fonts that have no shaping engine behind them.

ReportLab draws one glyph per character, so each letter is replaced by its contextual presentation
form (isolated / initial / medial / final) with arabic-reshaper, configured for Uyghur:
- its letter table has no entry for ە (U+06D5), which would break joining; it is added here, with
  U+FEEA (heh final, the same shape) as its final form since Unicode has no final form for ە;
- isolated letters stay base letters (every font has those glyphs; text extraction stays clean);
- only the lam-alef ligature (لا) is made, which Uyghur typesetting uses; none of the Arabic word
  ligatures (Allah …) are.
The result is still in logical order; `rlbidi_compat` puts it in visual order line by line.
"""

from __future__ import annotations

import re
from functools import lru_cache

import arabic_reshaper
from arabic_reshaper.letters import LETTERS_ARABIC

AE, AE_FINAL = "\u06d5", "\ufeea"

_reshaper = arabic_reshaper.ArabicReshaper(
    configuration={
        "delete_harakat": False,  # keep every character: a shaped string maps 1:1 onto its source
        "support_ligatures": False,  # lam-alef is done below, with an index map
        "use_unshaped_instead_of_isolated": True,
    }
)
_reshaper.letters = {**LETTERS_ARABIC, AE: (AE, "", "", AE_FINAL)}

# letters the reshaper knows (plus harakat it keeps in place): runs of these are shaped together
_ZWJ = "\u200d"
_JOINERS = ("\u200c", _ZWJ)
_SHAPEABLE = re.compile("[" + "".join(sorted(set(_reshaper.letters) - {_ZWJ})) + "\u064b-\u065f\u0670]+")

# lam (initial | medial form) + alef (final form) → ligature (isolated | final form)
_LAM_ALEF = {
    ("\ufedf", "\ufe8e"): "\ufefb", ("\ufee0", "\ufe8e"): "\ufefc",  # alef
    ("\ufedf", "\ufe82"): "\ufef5", ("\ufee0", "\ufe82"): "\ufef6",  # alef with madda
    ("\ufedf", "\ufe84"): "\ufef7", ("\ufee0", "\ufe84"): "\ufef8",  # alef with hamza above
    ("\ufedf", "\ufe88"): "\ufef9", ("\ufee0", "\ufe88"): "\ufefa",  # alef with hamza below
}
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


@lru_cache(maxsize=8192)
def _shape_cached(text: str) -> tuple[str, tuple[int, ...]]:
    chars = list(_reshaper.reshape(text))  # non-letters pass through unchanged, except joiners
    if len(chars) != len(text):
        # the reshaper dropped joiners: shape the letter runs around them one by one, so that
        # the output keeps one character per input character
        chars = list(text)
        for m in _SHAPEABLE.finditer(text):
            chars[m.start():m.end()] = _reshaper.reshape(m.group(0))
    out: list[str] = []
    src: list[int] = []
    i = 0
    while i < len(chars):
        lig = _LAM_ALEF.get((chars[i], chars[i + 1])) if i + 1 < len(chars) else None
        if chars[i] not in _JOINERS:  # their work is done: joined forms are chosen
            out.append(lig or chars[i])
            src.append(i)
        i += 2 if lig else 1
    return "".join(out), tuple(src)


def shape_with_map(text: str) -> tuple[str, list[int]]:
    """Shape `text`; also return, for each output character, the index of its source character
    (a lam-alef ligature maps to its lam; zero-width (non-)joiners are dropped)."""
    if not _ARABIC.search(text):
        return text, list(range(len(text)))
    shaped, src = _shape_cached(text)
    return shaped, list(src)


def shape(text: str) -> str:
    """`text` with Arabic-script letters replaced by their joined presentation forms."""
    return shape_with_map(text)[0]

"""Uyghur Latin script (ULY, Uyghur Latin Yéziqi) ↔ Uyghur Arabic script (UEY), rule-based.

The 32 letters map one to one; ULY writes five of them as digraphs (ch gh ng sh zh). The hamza
carrier ئ is not a letter of its own:
- Arabic script writes ئ before a vowel that starts a word (ULY "amme" = ئاممە);
- inside a word ئ marks a hiatus or a vowel after a consonant in loanwords; ULY writes it as an
  apostrophe ("ma'arip" = مائارىپ, "mes'ul" = مەسئۇل).
The apostrophe also separates two letters that would otherwise read as a digraph: "n'g" (ن + گ),
"n'gh" (ن + غ), "s'h", "z'h", "g'h".

Canonical forms, on which the two functions are inverse of each other (see tests/test_translit.py):
- ULY: lower case, every non-initial hamza written "'", digraph look-alikes separated by "'".
- Arabic: ئ before every vowel that starts a word or follows a vowel, nowhere else except
  before a vowel after a consonant.
Input is read leniently: Latin in any case, ’ ‘ ` ʼ as apostrophes, a vowel after a vowel without
apostrophe ("maarip"), Arabic presentation forms, Arabic heh ه typed for ە.
Uyghur punctuation ، ؟ ؛ ↔ , ? ; ; digits are unchanged; anything else passes through.
"""

from __future__ import annotations

import re
import unicodedata

from app.domain.text_clean import base_letters

HAMZA = "\u0626"  # ئ

_LATIN_TO_ARABIC = {
    "a": "\u0627", "e": "\u06d5", "b": "\u0628", "p": "\u067e", "t": "\u062a", "j": "\u062c",
    "ch": "\u0686", "x": "\u062e", "d": "\u062f", "r": "\u0631", "z": "\u0632", "zh": "\u0698",
    "s": "\u0633", "sh": "\u0634", "gh": "\u063a", "f": "\u0641", "q": "\u0642", "k": "\u0643",
    "g": "\u06af", "ng": "\u06ad", "l": "\u0644", "m": "\u0645", "n": "\u0646", "h": "\u06be",
    "o": "\u0648", "u": "\u06c7", "ö": "\u06c6", "ü": "\u06c8", "w": "\u06cb", "é": "\u06d0",
    "i": "\u0649", "y": "\u064a",
}
_ARABIC_TO_LATIN = {a: l for l, a in _LATIN_TO_ARABIC.items()}
# lenient readings of letters that are not Uyghur but get typed for Uyghur ones
_ARABIC_TO_LATIN.update({"\u0647": "e", "\u06cc": "y", "\u06c9": "ü", "\u06cd": "y"})
_LATIN_LENIENT = {"v": "w", "ë": "é", "ê": "é", "ő": "ö", "ű": "ü"}

VOWELS_LATIN = frozenset("aeéioöuü")
VOWELS_ARABIC = frozenset(_LATIN_TO_ARABIC[v] for v in VOWELS_LATIN)

_PUNCT_TO_ARABIC = {",": "\u060c", "?": "\u061f", ";": "\u061b"}
_PUNCT_TO_LATIN = {a: l for l, a in _PUNCT_TO_ARABIC.items()}

APOSTROPHES = "'\u2019\u2018`\u02bc"
_LATIN_TOKEN = re.compile(r"ch|gh|ng|sh|zh|.", re.S)

# (single-letter previous letter, next letter's first char): pairs a reader would take for a digraph
# when written side by side, so ULY puts an apostrophe between them.
_SEPARATE = {("n", "g"), ("s", "h"), ("z", "h"), ("g", "h")}


def to_arabic(latin: str) -> str:
    """ULY Latin → Uyghur Arabic script: `to_arabic('abdulla') == 'ئابدۇللا'`."""
    text = unicodedata.normalize("NFC", latin).lower()
    out: list[str] = []
    prev = None  # None: not inside a word; "v": after a vowel; "c": after a consonant
    pending_apostrophe = ""
    for tok in _LATIN_TOKEN.findall(text):
        tok = _LATIN_LENIENT.get(tok, tok)
        letter = _LATIN_TO_ARABIC.get(tok)
        if letter is not None:
            if tok in VOWELS_LATIN and (prev != "c" or pending_apostrophe):
                out.append(HAMZA)
            out.append(letter)
            prev = "v" if tok in VOWELS_LATIN else "c"
            pending_apostrophe = ""
        elif tok in APOSTROPHES and prev and not pending_apostrophe:
            pending_apostrophe = tok  # a separator or a hamza: decided by the next letter
        else:
            out.append(pending_apostrophe)
            out.append(_PUNCT_TO_ARABIC.get(tok, tok))
            prev, pending_apostrophe = None, ""
    out.append(pending_apostrophe)
    return "".join(out)


def to_latin(arabic: str) -> str:
    """Uyghur Arabic script → ULY Latin (lower case): `to_latin('مەھەللە') == 'mehelle'`."""
    text = base_letters(unicodedata.normalize("NFC", arabic))
    out: list[str] = []
    prev = ""  # ULY spelling of the previous letter of the current word, "" at a word start
    for ch in text:
        if ch == HAMZA:
            if prev:
                out.append("'")
                prev = "'"
            continue
        lat = _ARABIC_TO_LATIN.get(ch)
        if lat is None:
            out.append(_PUNCT_TO_LATIN.get(ch, ch))
            prev = ""
            continue
        if len(prev) == 1 and (prev, lat[0]) in _SEPARATE:
            out.append("'")
        out.append(lat)
        prev = lat
    return "".join(out)

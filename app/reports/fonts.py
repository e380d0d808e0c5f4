"""Find, check and register the fonts every PDF uses, at run time.

Three roles: "cjk" (Chinese), "uyghur" (Arabic script) and "latin". For each role a list of
candidate files (Windows, Debian/Ubuntu, Kylin/UOS) is searched in the system and user font folders;
the first one that ReportLab can embed (TrueType outlines: CFF/PostScript-outline fonts such as
Noto Sans CJK are skipped) and that has the role's letters wins. A file named in `overrides`
(from the settings) is tried first. Nothing here fails when fonts are missing: `FontSet.missing`
says what to install, `describe_fonts()` prints it for `baijia doctor`.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from app.errors import BaijiaError

ROLES = ("cjk", "uyghur", "latin")
ROLE_TITLES = {"cjk": "Chinese", "uyghur": "Uyghur", "latin": "Latin"}

# (regular file, bold file or None, subfont index, family shown to people). Order = preference.
CANDIDATES: dict[str, list[tuple[str, str | None, int, str]]] = {
    "cjk": [
        ("msyh.ttc", "msyhbd.ttc", 0, "Microsoft YaHei"),
        ("simhei.ttf", None, 0, "SimHei"),
        ("simsun.ttc", None, 0, "SimSun"),
        ("Deng.ttf", "Dengb.ttf", 0, "DengXian"),
        ("wqy-microhei.ttc", None, 0, "WenQuanYi Micro Hei"),
        ("wqy-zenhei.ttc", None, 0, "WenQuanYi Zen Hei"),
        ("DroidSansFallbackFull.ttf", None, 0, "Droid Sans Fallback"),
        ("DroidSansFallback.ttf", None, 0, "Droid Sans Fallback"),
        ("CESI_HT_GB18030.TTF", None, 0, "CESI Hei"),
        ("CESI_SS_GB18030.TTF", None, 0, "CESI Song"),
        ("uming.ttc", None, 0, "AR PL UMing"),
        ("UKIJCJK.ttf", None, 0, "UKIJ CJK"),
    ],
    "uyghur": [
        ("msuighur.ttf", "msuighub.ttf", 0, "Microsoft Uighur"),
        ("UKIJTuz.ttf", "UKIJTuzBold.ttf", 0, "UKIJ Tuz"),
        ("UKIJTuzB.ttf", "UKIJTuzBB.ttf", 0, "UKIJ Tuz Basma"),
        ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf", 0, "Noto Naskh Arabic"),
        ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", 0, "Noto Sans Arabic"),
        ("UKIJEkran.ttf", None, 0, "UKIJ Ekran"),
        ("UKIJCJK.ttf", None, 0, "UKIJ CJK"),
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", 0, "DejaVu Sans"),
        ("tahoma.ttf", "tahomabd.ttf", 0, "Tahoma"),
    ],
    "latin": [
        ("arial.ttf", "arialbd.ttf", 0, "Arial"),
        ("segoeui.ttf", "segoeuib.ttf", 0, "Segoe UI"),
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", 0, "DejaVu Sans"),
        ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", 0, "Noto Sans"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", 0, "Liberation Sans"),
        ("UKIJTuz.ttf", "UKIJTuzBold.ttf", 0, "UKIJ Tuz"),
        ("wqy-microhei.ttc", None, 0, "WenQuanYi Micro Hei"),
    ],
}

ADVICE = {
    "cjk": "Chinese font: none usable. Debian/Ubuntu/Kylin/UOS: sudo apt install fonts-wqy-microhei; "
    "Windows: Microsoft YaHei (msyh.ttc) or SimHei (simhei.ttf) in C:\\Windows\\Fonts.",
    "uyghur": "Uyghur font: none usable. Debian/Ubuntu/Kylin/UOS: sudo apt install fonts-ukij-uyghur "
    "(or fonts-noto-core); Windows: install Microsoft Uighur (msuighur.ttf) or UKIJ Tuz (UKIJTuz.ttf).",
    "latin": "Latin font: none usable. Debian/Ubuntu/Kylin/UOS: sudo apt install fonts-dejavu-core; "
    "Windows: Arial (arial.ttf) in C:\\Windows\\Fonts.",
}

UYGHUR_LETTERS = "ئابپتجچخدرزژسشغفقكگڭلمنھوۇۆۈۋېىيە"
# Glyphs a role's font must have: Uyghur needs the presentation forms the shaper draws as well.
_PROBES = {
    "cjk": "社区服务中心阿不都拉，。",
    "uyghur": UYGHUR_LETTERS + "\ufeea\ufefb\ufefc\ufbe8\ufbe9\ufbaa\ufbac\ufbe6\ufbd5\ufe8b\u060c\u061f",
    "latin": "ABCXYZabcxyz0123456789.,:-()",
}


@dataclass(frozen=True)
class RoleFont:
    """The font chosen for one role."""

    role: str
    path: str
    subfont_index: int
    family: str
    bold_path: str | None = None
    bold_subfont_index: int = 0
    source: str = "system"  # "system" | "settings" (an override) | "substitute" (another role's font)

    @property
    def name(self) -> str:
        """ReportLab font name of the regular face."""
        return _rl_name(self.path, self.subfont_index)

    @property
    def bold_name(self) -> str:
        """ReportLab font name of the bold face (the regular one when there is no bold file)."""
        return _rl_name(self.bold_path, self.bold_subfont_index) if self.bold_path else self.name

    def describe(self) -> str:
        """One line: family, file (and .ttc index), bold file, where the choice came from."""
        sub = f" #{self.subfont_index}" if self.path.lower().endswith(".ttc") else ""
        bold = f", bold {self.bold_path}" if self.bold_path else ", no bold face (regular used)"
        note = {"settings": " (from settings)", "substitute": " (borrowed from another role)"}
        return f"{self.family} — {self.path}{sub}{bold}{note.get(self.source, '')}"


@dataclass(frozen=True)
class FontSet:
    cjk: RoleFont | None
    uyghur: RoleFont | None
    latin: RoleFont | None
    missing: tuple[str, ...] = field(default=())  # one line of advice per problem

    def get(self, role: str) -> RoleFont | None:
        return getattr(self, role)

    def font_name(self, role: str, bold: bool = False) -> str | None:
        rf = self.get(role)
        return None if rf is None else (rf.bold_name if bold else rf.name)

    @property
    def usable(self) -> bool:
        return any(self.get(r) for r in ROLES)

    def advice_for(self, role: str) -> str:
        """What to install (and why a font from the settings was not used) for `role`."""
        title = ROLE_TITLES[role]
        return " ".join(m for m in self.missing if m.startswith(f"{title} font"))


class FontsUnavailable(BaijiaError, RuntimeError):
    """No font at all could be found: a PDF with embedded fonts cannot be made."""


def _rl_name(path: str, index: int) -> str:
    digest = hashlib.sha1(f"{os.path.abspath(path)}#{index}".encode()).hexdigest()[:6]
    return f"bj-{Path(path).stem}-{index}-{digest}"


def font_dirs() -> list[Path]:
    """Folders searched for font files, most specific first."""
    home = Path.home()
    dirs: list[Path] = []
    try:
        from app.paths import data_dir

        dirs.append(data_dir() / "fonts")  # fonts the office dropped in for Baijia
    except Exception:  # noqa: BLE001 - a broken data dir must not stop font discovery
        pass
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        if xdg:
            dirs.append(Path(xdg) / "fonts")
        dirs += [home / ".local/share/fonts", home / ".fonts",
                 Path("/usr/local/share/fonts"), Path("/usr/share/fonts")]
        if sys.platform == "darwin":
            dirs += [home / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    return dirs


@lru_cache(maxsize=4)
def _file_index(dirs: tuple[Path, ...]) -> dict[str, str]:
    """Lower-cased file name → first path found under `dirs` (searched recursively)."""
    index: dict[str, str] = {}
    for d in dirs:
        if not d.is_dir():
            continue
        for root, _subdirs, files in os.walk(d):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc", ".otf")):
                    index.setdefault(name.lower(), os.path.join(root, name))
    return index


def outline_kind(path: str, subfont_index: int = 0) -> str:
    """'truetype', 'cff' (PostScript outlines, which ReportLab cannot embed) or 'unknown'."""
    try:
        with open(path, "rb") as fh:
            tag = fh.read(4)
            if tag == b"ttcf":
                fh.seek(12 + 4 * subfont_index)
                offset = int.from_bytes(fh.read(4), "big")
                fh.seek(offset)
                tag = fh.read(4)
    except OSError:
        return "unknown"
    if tag == b"OTTO":
        return "cff"
    if tag in (b"\x00\x01\x00\x00", b"true"):
        return "truetype"
    return "unknown"


@lru_cache(maxsize=64)
def _load(path: str, subfont_index: int) -> TTFont:
    """Parse a font file with ReportLab (cached: parsing a CJK font takes ~0.2 s)."""
    return TTFont(_rl_name(path, subfont_index), path, subfontIndex=subfont_index)


def check_font(path: str, subfont_index: int, role: str) -> str | None:
    """None when the file can serve `role`; otherwise the reason, in one line."""
    if not os.path.isfile(path):
        return f"{path}: file not found"
    kind = outline_kind(path, subfont_index)
    if kind == "cff":
        return f"{path}: PostScript (CFF) outlines, which ReportLab cannot embed; choose a TrueType font"
    try:
        font = _load(path, subfont_index)
    except (TTFError, OSError, ValueError, IndexError) as exc:
        return f"{path}: cannot be used ({exc})"
    lacking = [ch for ch in _PROBES[role] if ord(ch) not in font.face.charToGlyph]
    if lacking:
        return f"{path}: lacks {len(lacking)} {ROLE_TITLES[role]} glyphs ({''.join(lacking[:8])}…)"
    return None


def _parse_override(value) -> tuple[str, int]:
    """'path', 'path#1' or (path, index) → (path, index)."""
    if isinstance(value, (tuple, list)):
        return str(value[0]), int(value[1])
    text = str(value)
    if "#" in text and text.rsplit("#", 1)[1].isdigit():
        path, index = text.rsplit("#", 1)
        return path, int(index)
    return text, 0


def _discover_role(role: str, override, index: dict[str, str], missing: list[str]) -> RoleFont | None:
    if override:
        path, sub = _parse_override(override)
        problem = check_font(path, sub, role)
        if problem is None:
            family = _load(path, sub).face.familyName.decode("utf-8", "replace")
            return RoleFont(role, path, sub, family, source="settings")
        missing.append(f"{ROLE_TITLES[role]} font from settings not used: {problem}")
    for regular, bold, sub, family in CANDIDATES[role]:
        path = index.get(regular.lower())
        if path is None or check_font(path, sub, role) is not None:
            continue
        bold_path = index.get(bold.lower()) if bold else None
        if bold_path and check_font(bold_path, sub, role) is not None:
            bold_path = None
        return RoleFont(role, path, sub, family, bold_path, sub)
    return None


def _freeze(overrides: dict | None) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in (overrides or {}).items() if v))


def discover_fonts(overrides: dict | None = None, dirs: list[Path] | None = None) -> FontSet:
    """Choose a font for each role. `overrides` maps role → font file ('path', 'path#index' for a
    .ttc, or (path, index)); a role left out (or None) is discovered. Results are cached."""
    unknown = set(overrides or {}) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown font roles: {sorted(unknown)}")
    return _discover_cached(_freeze(overrides), tuple(dirs or font_dirs()))


@lru_cache(maxsize=8)
def _discover_cached(frozen_overrides: tuple, dirs: tuple[Path, ...]) -> FontSet:
    overrides = dict(frozen_overrides)
    index = _file_index(dirs)
    missing: list[str] = []
    found = {role: _discover_role(role, overrides.get(role), index, missing) for role in ROLES}
    for role in ROLES:
        if found[role] is None:
            missing.append(ADVICE[role])
            # Borrow another role's font if it has this role's glyphs (UKIJ Tuz and Microsoft YaHei
            # both have Latin letters, for instance).
            for other in ROLES:
                rf = found[other]
                if rf and rf.source != "substitute" and check_font(rf.path, rf.subfont_index, role) is None:
                    found[role] = RoleFont(role, rf.path, rf.subfont_index, rf.family, rf.bold_path,
                                           rf.bold_subfont_index, source="substitute")
                    break
    return FontSet(found["cjk"], found["uyghur"], found["latin"], tuple(missing))


def register_fonts(fontset: FontSet | None = None) -> FontSet:
    """Register the set's fonts (regular, bold, and a font family for <b>) with ReportLab.
    TTFonts embed a subset of the glyphs used, which is ReportLab's default. Idempotent."""
    fontset = fontset or discover_fonts()
    if not fontset.usable:
        raise FontsUnavailable("No usable font for PDFs. " + " ".join(fontset.missing))
    registered = set(pdfmetrics.getRegisteredFontNames())
    for role in ROLES:
        rf = fontset.get(role)
        if rf is None:
            continue
        faces = [(rf.path, rf.subfont_index)]
        if rf.bold_path:
            faces.append((rf.bold_path, rf.bold_subfont_index))
        for path, sub in faces:
            name = _rl_name(path, sub)
            if name not in registered:
                pdfmetrics.registerFont(_load(path, sub))
                registered.add(name)
        pdfmetrics.registerFontFamily(rf.name, normal=rf.name, bold=rf.bold_name, italic=rf.name,
                                      boldItalic=rf.bold_name)
    return fontset


def describe_fonts(overrides: dict | None = None) -> list[str]:
    """Plain lines for `baijia doctor`: the font of each role, where it comes from, and advice."""
    fs = discover_fonts(overrides)
    lines = []
    for role in ROLES:
        rf = fs.get(role)
        title = f"{ROLE_TITLES[role]} font:".ljust(14)
        lines.append(title + (rf.describe() if rf else "MISSING"))
    lines += [f"  ! {m}" for m in fs.missing]
    return lines

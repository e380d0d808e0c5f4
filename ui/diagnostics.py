"""`baijia doctor`, the Qt half: versions, the platform plugin and its libraries, Qt's Chinese translation,
screen fonts for Chinese and Uyghur. Needs no display: fonts are read through an offscreen QGuiApplication
when no application exists yet.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from app.i18n import N_, _
from app.services.doctor import Check

# Missing shared library (as ldd names it) → the Debian/Ubuntu package that provides it.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
}
CJK_ADVICE = {"linux": "sudo apt-get install fonts-noto-cjk", "win32": N_("install the Microsoft YaHei font")}
UYGHUR_ADVICE = {"linux": "sudo apt-get install fonts-noto-core fonts-ukij-uyghur",
                 "win32": N_("install the Microsoft Uighur font")}
_MISSING = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def _platform_key() -> str:
    return "win32" if sys.platform == "win32" else "linux"


def _versions() -> Check:
    import PySide6
    from PySide6.QtCore import qVersion

    return Check("Qt", True, f"PySide6 {PySide6.__version__}, Qt {qVersion()}")


def _default_platform() -> str:
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    return "wayland" if os.environ.get("WAYLAND_DISPLAY") else "xcb"


def _plugin_dir() -> Path:
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"


def _platform_plugin() -> Check:
    chosen = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    name = chosen or _default_platform()
    source = "QT_QPA_PLATFORM" if chosen else _("default")
    files = [p.name for p in _plugin_dir().glob(f"*q{name}*")] if _plugin_dir().is_dir() else []
    detail = _("platform plugin {name} ({source})").format(name=name, source=source)
    if not files:
        return Check(_("Display"), False, detail + ": " + _("not found in {folder}").format(folder=_plugin_dir()),
                     _("reinstall PySide6"))
    return Check(_("Display"), True, detail)


def missing_libraries(ldd_output: str) -> list[str]:
    return sorted(set(_MISSING.findall(ldd_output)))


def install_advice(missing: list[str]) -> str:
    packages = sorted({DEBIAN_PACKAGES.get(lib, "") for lib in missing} - {""})
    unknown = [lib for lib in missing if lib not in DEBIAN_PACKAGES]
    parts = []
    if packages:
        parts.append("sudo apt-get install " + " ".join(packages))
    if unknown:
        parts.append(_("find the packages providing {libs}").format(libs=", ".join(unknown)))
    return "; ".join(parts)


def _xcb_libraries() -> Check | None:
    """On Linux: do libqxcb.so's libraries resolve? (the usual reason a desktop shows no window)."""
    if not sys.platform.startswith("linux"):
        return None
    plugin = _plugin_dir() / "libqxcb.so"
    topic = _("X11 libraries")
    if not plugin.exists():
        return Check(topic, False, _("{file} not found").format(file=plugin), _("reinstall PySide6"))
    ldd = shutil.which("ldd")
    if ldd is None:
        return Check(topic, False, _("cannot check: ldd is not installed"), "sudo apt-get install libc-bin")
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return Check(topic, False, _("cannot check: {error}").format(error=exc))
    missing = missing_libraries(out)
    if missing:
        return Check(topic, False, _("missing: {libs}").format(libs=", ".join(missing)), install_advice(missing))
    return Check(topic, True, _("all libraries of the xcb plugin found"))


def _qt_translation() -> Check:
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    qm = folder / "qtbase_zh_CN.qm"
    return Check(_("Qt's Chinese translation"), qm.exists(), str(qm),
                 "" if qm.exists() else _("reinstall PySide6 (its translations folder is incomplete)"))


def _font_families() -> list[str]:
    """QFontDatabase.families(), through an offscreen QGuiApplication if no application runs yet."""
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    if QGuiApplication.instance() is not None:
        return QFontDatabase.families()
    saved = os.environ.get("QT_QPA_PLATFORM")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        app = QGuiApplication([sys.argv[0] if sys.argv else "baijia"])
        families = QFontDatabase.families()
        del app
        return families
    finally:
        if saved is None:
            os.environ.pop("QT_QPA_PLATFORM", None)
        else:
            os.environ["QT_QPA_PLATFORM"] = saved


def _fonts() -> list[Check]:
    from ui.fonts import choose

    choice = choose(_font_families(), "")
    key = _platform_key()
    return [
        Check(_("Chinese font (screen)"), choice.cjk is not None, choice.cjk or _("not found"),
              "" if choice.cjk else _(CJK_ADVICE[key])),
        Check(_("Uyghur font (screen)"), choice.uyghur is not None, choice.uyghur or _("not found"),
              "" if choice.uyghur else _(UYGHUR_ADVICE[key])),
    ]


def qt_checks() -> list[Check]:
    checks = [_versions(), _platform_plugin()]
    xcb = _xcb_libraries()
    if xcb is not None:
        checks.append(xcb)
    checks.append(_qt_translation())
    checks += _fonts()
    return checks

"""Screen fonts named for Chinese and Uyghur; `baijia doctor`'s Qt checks."""

from __future__ import annotations

from PySide6.QtGui import QFontInfo, QFontDatabase

from ui import diagnostics, fonts


def test_choose_prefers_uyghur_and_cjk_families_that_are_installed():
    installed = ["DejaVu Sans", "UKIJ Tuz", "Noto Sans Arabic", "WenQuanYi Micro Hei", "Noto Sans CJK SC"]
    choice = fonts.choose(installed, "Sans Serif")
    assert (choice.uyghur, choice.cjk) == ("Noto Sans Arabic", "Noto Sans CJK SC")
    assert choice.families == ["Noto Sans CJK SC", "Noto Sans Arabic", "Sans Serif"]
    windows = fonts.choose(["Segoe UI", "Microsoft YaHei UI", "Microsoft Uighur"], "Segoe UI")
    assert windows.families == ["Microsoft YaHei UI", "Microsoft Uighur", "Segoe UI"]


def test_a_cjk_family_with_its_own_arabic_letters_goes_after_the_uyghur_one():
    choice = fonts.choose(["UKIJ Tuz", "UKIJ CJK"], "Sans", has_arabic=lambda family: family == "UKIJ CJK")
    assert choice.families == ["UKIJ Tuz", "UKIJ CJK", "Sans"]


def test_nothing_installed_leaves_the_default():
    choice = fonts.choose(["DejaVu Sans"], "DejaVu Sans")
    assert choice.uyghur is None and choice.cjk is None and choice.families == ["DejaVu Sans"]


def test_application_font_draws_uyghur_and_chinese_with_named_families(baijia_app):
    font = baijia_app.font()
    assert font.families()[:2] == ["Noto Sans CJK SC", "Noto Sans Arabic"]
    assert font.pointSizeF() >= fonts.MIN_POINT_SIZE
    assert QFontInfo(font).family() == "Noto Sans CJK SC"
    assert not fonts.family_has_arabic("Noto Sans CJK SC") and fonts.family_has_arabic("Noto Sans Arabic")
    assert "DejaVu Sans" not in font.families()


def test_qt_checks_on_this_machine(baijia_app):
    checks = {c.topic: c for c in diagnostics.qt_checks()}
    assert checks["Qt"].ok and "PySide6 6." in checks["Qt"].detail
    assert checks["Display"].ok and "offscreen" in checks["Display"].detail
    assert checks["Qt's Chinese translation"].ok
    assert checks["Chinese font (screen)"].detail == "Noto Sans CJK SC"
    assert checks["Uyghur font (screen)"].detail in QFontDatabase.families()
    assert checks["X11 libraries"].ok  # this image has the xcb libraries


def test_missing_xcb_libraries_become_an_apt_get_line():
    ldd = ("\tlinux-vdso.so.1 (0x00007ffd)\n"
           "\tlibxcb-cursor.so.0 => not found\n"
           "\tlibxkbcommon-x11.so.0 => not found\n"
           "\tlibxcb-cursor.so.0 => not found\n"
           "\tlibEGL.so.1 => /lib/x86_64-linux-gnu/libEGL.so.1 (0x7f)\n"
           "\tlibweird.so.9 => not found\n")
    missing = diagnostics.missing_libraries(ldd)
    assert missing == ["libweird.so.9", "libxcb-cursor.so.0", "libxkbcommon-x11.so.0"]
    advice = diagnostics.install_advice(missing)
    assert advice.startswith("sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0")
    assert "libweird.so.9" in advice


def test_xcb_check_reports_missing_libraries(monkeypatch, tmp_path):
    plugin_dir = tmp_path / "platforms"
    plugin_dir.mkdir()
    (plugin_dir / "libqxcb.so").write_bytes(b"")
    monkeypatch.setattr(diagnostics, "_plugin_dir", lambda: plugin_dir)
    monkeypatch.setattr(diagnostics.sys, "platform", "linux")

    class Done:
        stdout = "\tlibxcb-icccm.so.4 => not found\n\tlibxcb-keysyms.so.1 => not found\n"

    monkeypatch.setattr(diagnostics.subprocess, "run", lambda *a, **k: Done())
    check = diagnostics._xcb_libraries()
    assert not check.ok and "libxcb-icccm.so.4" in check.detail
    assert check.advice == "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"


def test_qt_checks_need_no_display():
    """`baijia doctor` on a PC without a running desktop (or over ssh): no QApplication, no DISPLAY."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["BAIJIA_LANG"] = "en"
    code = ("from ui.diagnostics import qt_checks\n"
            "for c in qt_checks(): print(c.topic, '|', c.ok, '|', c.detail)\n"
            "import os; print('env', os.environ.get('QT_QPA_PLATFORM'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Chinese font (screen) | True | Noto Sans CJK SC" in out.stdout
    assert "Display | True | platform plugin xcb" in out.stdout
    assert out.stdout.strip().endswith("env None")  # the offscreen trick does not leak into the process

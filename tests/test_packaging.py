"""A non-editable install carries what the program needs: shipped data, compiled catalogs, main.py and ui/."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_holds_resources_catalogs_and_both_packages(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True, cwd=tmp_path)
    wheel = next(tmp_path.glob("baijia-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("main.py", "app/cli/main.py", "ui/main_window.py",
                   "app/_resources/handbook/part_a.toml", "app/_resources/handbook/centres.toml",
                   "app/_locales/zh_CN/LC_MESSAGES/baijia.mo", "app/_locales/ug_CN/LC_MESSAGES/baijia.mo"):
        assert needed in names, needed
    assert any(n.startswith("app/_resources/names/") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "baijia = main:cli" in zipfile.ZipFile(wheel).read(entry_points).decode()

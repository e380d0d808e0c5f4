"""House rules that keep the layout honest."""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_app_never_imports_qt():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py")
                 if any(name.split(".")[0] in {"PySide6", "shiboken6", "ui"} for name in _imports(p))]
    assert offenders == []


def test_importing_the_whole_app_package_loads_no_qt():
    code = ("import pkgutil, importlib, sys, app\n"
            "for m in pkgutil.walk_packages(app.__path__, 'app.'):\n"
            "    importlib.import_module(m.name)\n"
            "print(any(k.startswith('PySide6') for k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_widgets_do_not_query_the_database():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py")
                 if any(name == "peewee" or name.startswith("app.db") for name in _imports(p))]
    assert offenders == []


def test_nobody_installs_underscore_into_builtins():
    for path in list((ROOT / "app").rglob("*.py")) + list((ROOT / "ui").rglob("*.py")) + [ROOT / "main.py"]:
        text = path.read_text(encoding="utf-8")
        assert "builtins._" not in text and "builtins.__dict__" not in text, path
        assert not re.search(r"(gettext|translations?|catalog)\.install\(", text), path

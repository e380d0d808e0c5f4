#!/usr/bin/env python3
"""Hand untranslated catalog entries to translators as JSON, and take their translations back.

  tools/catalog_json.py export LOCALE OUT.json [--parts N]   untranslated or fuzzy entries, with where they are used
  tools/catalog_json.py import LOCALE IN.json [IN2.json …]     fill msgstr (clears fuzzy); unknown msgids are reported

JSON entries: {"id": msgid, "plural": msgid_plural or null, "where": ["ui/x.py:12", …],
"str": "translation" or ["singular", "plural"] for plural entries}. Run `make extract-messages` first.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def _po_path(locale: str) -> Path:
    return ROOT / "locales" / locale / "LC_MESSAGES" / "baijia.po"


def _locations() -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "with-locations.pot"
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg",
                        "-k", "_", "-k", "N_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2", "-o", str(pot),
                        "app", "ui", "main.py"], cwd=ROOT, check=True)
        with pot.open("rb") as fh:
            return {(m.id if isinstance(m.id, str) else m.id[0]): [f"{f}:{n}" for f, n in m.locations]
                    for m in read_po(fh) if m.id}


def export(locale: str, out: str, parts: int = 1) -> None:
    with _po_path(locale).open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    where = _locations()
    todo = []
    for m in catalog:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(strings):
            key = m.id if isinstance(m.id, str) else m.id[0]
            todo.append({"id": key, "plural": m.id[1] if isinstance(m.id, tuple) else None,
                         "where": where.get(key, [])[:3], "str": None})
    size = -(-len(todo) // parts) if todo else 0
    for i in range(parts):
        chunk = todo[i * size:(i + 1) * size]
        path = Path(out if parts == 1 else out.replace(".json", f".{i + 1}.json"))
        path.write_text(json.dumps(chunk, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{path}: {len(chunk)} entries")


def import_(locale: str, files: list[str]) -> None:
    path = _po_path(locale)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    filled, unknown = 0, []
    for name in files:
        for entry in json.loads(Path(name).read_text(encoding="utf-8")):
            if not entry.get("str"):
                continue
            key = (entry["id"], entry["plural"]) if entry.get("plural") else entry["id"]
            message = catalog.get(key if isinstance(key, str) else key[0])
            if message is None:
                unknown.append(entry["id"])
                continue
            message.string = tuple(entry["str"]) if isinstance(message.id, tuple) else entry["str"]
            message.flags.discard("fuzzy")
            filled += 1
    with path.open("wb") as fh:
        write_po(fh, catalog, width=120, omit_header=False)
    print(f"{path}: {filled} filled; {len(unknown)} unknown msgids" + (f", e.g. {unknown[:3]}" if unknown else ""))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "export":
        parts = int(sys.argv[sys.argv.index("--parts") + 1]) if "--parts" in sys.argv else 1
        export(sys.argv[2], sys.argv[3], parts)
    elif len(sys.argv) >= 4 and sys.argv[1] == "import":
        import_(sys.argv[2], sys.argv[3:])
    else:
        print(__doc__)
        sys.exit(2)

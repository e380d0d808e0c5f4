"""A writable copy of the shipped handbook files, to simulate a new shipped version in tests."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from app.services import handbook_data

ITEM_SEP = "\n[[item]]\n"


def _split_categories(block: str) -> tuple[str, str]:
    at = block.find("\n[[category]]")
    return (block, "") if at < 0 else (block[:at] + "\n", block[at:])


class ShippedCopy:
    def __init__(self, folder: Path):
        self.folder = folder
        shutil.copytree(handbook_data.default_source(), folder)

    def _find(self, code: str) -> tuple[Path, list[str], int]:
        for path in sorted(self.folder.glob("part_*.toml")):
            blocks = path.read_text(encoding="utf-8").split(ITEM_SEP)
            for i, block in enumerate(blocks[1:], 1):
                if block.startswith(f'code = "{code}"\n'):
                    return path, blocks, i
        raise KeyError(code)

    def _edit(self, code: str, change) -> None:
        path, blocks, i = self._find(code)
        blocks[i] = change(blocks[i])
        path.write_text(ITEM_SEP.join(b for b in blocks if b is not None), encoding="utf-8")
        self._recount()

    def _recount(self) -> None:
        count = sum(p.read_text(encoding="utf-8").count(ITEM_SEP) for p in self.folder.glob("part_*.toml"))
        centres = self.folder / "centres.toml"
        text = re.sub(r"(?m)^items = \d+", f"items = {count}", centres.read_text(encoding="utf-8"))
        centres.write_text(text, encoding="utf-8")

    def set_title(self, code: str, lang: str, title: str) -> None:
        pattern = re.compile(r'(\[item\.' + lang + r'\]\s*\ntitle = ")([^"]*)(")')

        def change(block: str) -> str:
            new, n = pattern.subn(lambda m: m.group(1) + title + m.group(3), block, count=1)
            assert n == 1, f"no {lang} title in {code}"
            return new

        self._edit(code, change)

    def retire(self, code: str) -> None:
        self._edit(code, lambda block: block.replace("\n", "\nretired = true\n", 1))

    def drop(self, code: str) -> None:
        path, blocks, i = self._find(code)
        own, categories = _split_categories(blocks[i])
        blocks[i] = None
        blocks[i - 1] += categories  # [[category]] records that followed the item stay
        path.write_text(ITEM_SEP.join(b for b in blocks if b is not None), encoding="utf-8")
        self._recount()

    def add_copy(self, code: str, new_code: str, title_zh: str) -> None:
        path, blocks, i = self._find(code)
        block = _split_categories(blocks[i])[0].replace(f'code = "{code}"', f'code = "{new_code}"', 1)
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + ITEM_SEP + block, encoding="utf-8")
        self._recount()
        self.set_title(new_code, "zh", title_zh)

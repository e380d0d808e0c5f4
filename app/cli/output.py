"""Printing for the command line: UTF-8 on every console, tables aligned by display width."""

from __future__ import annotations

import sys
import unicodedata


def setup_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def pad(text: str, cols: int) -> str:
    return text + " " * max(0, cols - width(text))


def table(rows: list[list[str]]) -> str:
    if not rows:
        return ""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows)


def say(text: str = "") -> None:
    print(text, flush=True)

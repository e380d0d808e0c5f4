"""Words and cells shared by the registry's views: a resident's row, tags, sex, relation, the filters' choices.

Every text is built in the UI language when called (tables prepare their rows again after a language switch).
ID numbers and phones arrive masked from the services and always run left to right; Uyghur names start at the
right edge of their cell in every window.
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import Qt

from app.formats import format_date
from app.i18n import N_, _, current_language
from app.services.resident_labels import relation_label, sex_label, tag_label
from app.services.residents_view import ResidentView
from ui.bidi import ltr, user_text
from ui.pages.paged_model import Cells

UYGHUR_ALIGN = Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
MOVED_OUT_COLOR = "#8a8a8a"
REVEAL_SECONDS = 30  # a value shown whole in a list goes back to masked after this

# The list's columns: (key, header msgid, the service's sort key or None when it cannot sort by it)
LIST_COLUMNS = (
    ("name_zh", N_("Name (Chinese)"), "name"),
    ("name_ug", N_("Name (Uyghur)"), "name"),
    ("id_number", N_("ID number"), None),
    ("phone", N_("Phone"), None),
    ("sex", N_("Sex"), None),
    ("age", N_("Age"), "age"),
    ("address", N_("Address"), "address"),
    ("tags", N_("Service tags"), None),
)
MEMBER_COLUMNS = (
    ("relation", N_("Relation to head"), None),
    ("name_zh", N_("Name (Chinese)"), None),
    ("name_ug", N_("Name (Uyghur)"), None),
    ("id_number", N_("ID number"), None),
    ("phone", N_("Phone"), None),
    ("sex", N_("Sex"), None),
    ("age", N_("Age"), None),
    ("tags", N_("Service tags"), None),
)

# (key, label msgid, age_min, age_max)
AGE_BANDS = (
    ("", N_("All ages"), None, None),
    ("under_3", N_("Under 3"), None, 2),
    ("3_17", N_("3 to 17"), 3, 17),
    ("18_59", N_("18 to 59"), 18, 59),
    ("60", N_("60 and over"), 60, None),
    ("80", N_("80 and over"), 80, None),
)
# (key, label msgid, ResidentFilters.moved_out)
MOVED_CHOICES = (
    ("here", N_("Living here"), False),
    ("moved", N_("Moved out"), True),
    ("both", N_("Living here and moved out"), None),
)
_SEPARATORS = {"zh": "、", "ug": "، ", "en": ", "}


def joined(parts: Iterable[str]) -> str:
    """A short list in the UI language's way: 独居、低保 · يالغۇز، … · living alone, …"""
    return _SEPARATORS.get(current_language(), ", ").join(p for p in parts if p)


def tags_text(tags: Iterable[str]) -> str:
    return joined(tag_label(t) for t in tags)


def age_text(age: int | None) -> str:
    return str(age) if age is not None else ""  # under 1,000: no grouping in any language (Babel is slow)


def field_cells(view: ResidentView, revealed: dict[str, str] | None = None) -> dict[str, str]:
    """Every column's text for one resident (``revealed``: values shown whole just now, by field)."""
    revealed = revealed or {}
    return {
        "name_zh": user_text(view.name_zh),
        "name_ug": user_text(view.name_ug),
        "id_number": ltr(revealed.get("id_number") or view.id_number_masked),
        "phone": ltr(revealed.get("phone") or view.phone_masked),
        "sex": sex_label(view.sex),
        "age": age_text(view.age),
        "address": user_text(view.address),
        "tags": tags_text(view.tags),
        "relation": relation_label(view.relation) + (" · " + _("moved out") if view.moved_out else ""),
    }


def resident_cells(view: ResidentView, columns=LIST_COLUMNS, revealed: dict[str, str] | None = None) -> Cells:
    texts = field_cells(view, revealed)
    keys = [c[0] for c in columns]
    cells = Cells(tuple(texts[k] for k in keys))
    if "name_ug" in keys:
        cells.align[keys.index("name_ug")] = UYGHUR_ALIGN
    if view.moved_out:
        tip = _("Moved out on {date}.").format(date=format_date(view.moved_out_on)) if view.moved_out_on else \
            _("Moved out.")
        for n in range(len(keys)):
            cells.colors[n] = MOVED_OUT_COLOR
            cells.tips[n] = tip
    return cells


def reveal_label(field: str) -> str:
    return _("Show the whole ID number") if field == "id_number" else _("Show the whole phone number")

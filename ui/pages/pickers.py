"""The pickers of the visit form, the demand list and the front desk: a household (by address or by anyone living
there), a resident, a handbook item — each a SearchPicker over one service search."""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import _, current_language
from app.services import handbook, residents_search
from app.services.actor import Actor
from app.services.handbook import ItemSummary
from app.services.residents_search import ResidentHit
from ui.bidi import ltr, user_text
from ui.pages.search_picker import PAYLOAD, SearchPicker

LIMIT = 30


@dataclass(frozen=True)
class HouseholdChoice:
    household_uuid: str
    address: str
    resident_uuid: str = ""  # the person found by name, ID or phone: demands are theirs
    resident_name: str = ""
    others: tuple[str, ...] = ()  # further people of the household among the matches


def person_name(hit: ResidentHit) -> str:
    if current_language() == "ug":
        return hit.name_ug or hit.name_zh
    return hit.name_zh or hit.name_ug


class HouseholdPicker(SearchPicker):
    """A household, found by its address ("3号楼 2单元 502", "幸福巷 7") or by a resident's name, ID or phone."""

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.setObjectName("householdPicker")
        self.line.setObjectName("householdSearch")

    def find(self, text: str) -> list[tuple[str, HouseholdChoice]]:
        hits = residents_search.search(self.actor, text, limit=LIMIT)
        grouped: dict[str, list[ResidentHit]] = {}
        for hit in hits:
            if hit.household_uuid:
                grouped.setdefault(hit.household_uuid, []).append(hit)
        out = []
        for household_uuid, people in grouped.items():
            first = people[0]
            by_person = first.matched != "address"
            choice = HouseholdChoice(household_uuid, first.address, first.uuid if by_person else "",
                                     person_name(first) if by_person else "",
                                     tuple(person_name(p) for p in people[1:4]))
            separator = "، " if current_language() == "ug" else "、"
            names = separator.join(person_name(p) for p in people[:3])
            shown = f"{user_text(first.address)} — {user_text(names)}"
            out.append((shown, choice))
        return out

    def display(self, choice: HouseholdChoice) -> str:
        if choice.resident_name:
            return _("{address} ({name})").format(address=user_text(choice.address),
                                                  name=user_text(choice.resident_name))
        return user_text(choice.address)


class PersonPicker(SearchPicker):
    """A resident, found by name in any script, pinyin, Latin Uyghur, ID or phone digits, or address."""

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.setObjectName("personPicker")
        self.line.setObjectName("personSearch")

    def find(self, text: str) -> list[tuple[str, ResidentHit]]:
        return [(self.display(hit), hit) for hit in residents_search.search(self.actor, text, limit=LIMIT)]

    def display(self, hit: ResidentHit) -> str:
        names = " / ".join(user_text(n) for n in (hit.name_zh, hit.name_ug) if n)
        parts = [names]
        if hit.id_number_masked:
            parts.append(ltr(hit.id_number_masked))
        if hit.address:
            parts.append(user_text(hit.address))
        return " · ".join(parts)


class ItemPicker(SearchPicker):
    """A handbook service item by code, title in any language, pinyin initials or Latin Uyghur.
    ``lang`` is the language titles are shown in (the resident's, at the front desk)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("itemPicker")
        self.line.setObjectName("itemSearch")
        self.lang: str | None = None

    def title_lang(self) -> str:
        return self.lang or current_language()

    def find(self, text: str) -> list[tuple[str, ItemSummary]]:
        return [(self.display(hit.item), hit.item) for hit in handbook.search(text, limit=LIMIT)]

    def display(self, item: ItemSummary) -> str:
        return f"{ltr(item.code)} {user_text(item.title(self.title_lang()))}"

    def set_lang(self, lang: str | None) -> None:
        self.lang = lang
        self.redisplay()
        for n in range(self.dropdown.count()):
            entry = self.dropdown.item(n)
            entry.setText(self.display(entry.data(PAYLOAD)))

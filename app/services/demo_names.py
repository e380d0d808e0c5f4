"""Demo data building blocks: name lists, ID numbers, phone numbers, uuids — all drawn from a seeded Random.

The lists live in ``resources/names/`` (UTF-8, one entry a line, ``#`` comments). Nothing here touches the database.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from functools import lru_cache
from typing import NamedTuple

from app.domain import idcard
from app.paths import resources_dir

# Region codes (GB/T 2260) where residents' ID numbers were issued, with rough weights.
URUMQI_REGIONS = (("650102", 18), ("650103", 16), ("650104", 16), ("650105", 10), ("650106", 6),
                  ("650107", 1), ("650109", 8), ("650121", 2))
OTHER_REGIONS = {
    # southern and northern Xinjiang: Kashgar, Aksu, Turpan, Hotan, Ghulja, Korla, Hami
    "uyghur": (("653101", 5), ("652901", 4), ("650402", 4), ("653201", 3), ("654002", 3), ("652801", 2),
               ("650502", 2)),
    # Ghulja, Tacheng, Altay, Changji
    "kazakh": (("654002", 3), ("654201", 3), ("654301", 3), ("652301", 2)),
    # Changji, Yinchuan, Lanzhou, Linxia
    "hui": (("652301", 4), ("640104", 2), ("620102", 2), ("622901", 2)),
    # Gansu, Henan, Sichuan, Shaanxi, Chongqing, Shandong, Hebei, Jiangsu, Hubei, Anhui
    "han": (("620102", 6), ("410102", 5), ("510104", 4), ("610102", 3), ("500103", 3), ("370102", 2),
            ("130102", 2), ("320102", 2), ("420102", 2), ("340102", 2), ("411302", 3), ("371302", 2)),
}
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
                   "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "180", "181", "182",
                   "183", "186", "187", "188", "189", "191", "198", "199")


@lru_cache(maxsize=None)
def read_list(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of resources/names/NAME, each split at tabs; blank and ``#`` lines skipped."""
    text = (resources_dir() / "names" / name).read_text(encoding="utf-8")
    return tuple(tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#"))


class Weighted:
    """Fast repeated weighted choice (cumulative weights + bisect)."""

    def __init__(self, pairs):
        self.values = [v for v, _w in pairs]
        self.cum = list(itertools.accumulate(float(w) for _v, w in pairs))

    def pick(self, rng: random.Random):
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def uuid_source(rng: random.Random):
    """A function returning uuid4 hex strings from ``rng``: the same as uuid.UUID(int=bits, version=4).hex."""
    getbits = rng.getrandbits
    clear = ~((0xF000 << 64) | (0xC000 << 48))
    set_bits = (0x4000 << 64) | (0x8000 << 48)

    def uid() -> str:
        return "%032x" % ((getbits(128) & clear) | set_bits)

    return uid


class Name(NamedTuple):
    zh: str  # as printed on the ID card
    ug: str  # Uyghur Arabic script, "" for Han-style names
    given_zh: str = ""  # for Uyghur-style names: the given name, which becomes the children's second name
    given_ug: str = ""


class NameBook:
    """Names in the styles met in Urumqi: Han and Hui (surname + given name), Uyghur and Kazakh (given name +
    father's given name, Chinese transcription joined with a middle dot as on ID cards)."""

    def __init__(self):
        self.han_surnames = Weighted(read_list("han_surnames.txt"))
        self.hui_surnames = Weighted(read_list("hui_surnames.txt"))
        self.given = {}
        for sex, file in (("M", "han_given_male.txt"), ("F", "han_given_female.txt")):
            entries = [e[0] for e in read_list(file)]
            self.given[sex] = ([e for e in entries if len(e) == 1], [e for e in entries if len(e) == 2])
        self.patronymic = {
            ("uyghur", "M"): read_list("uyghur_male.txt"), ("uyghur", "F"): read_list("uyghur_female.txt"),
            ("kazakh", "M"): read_list("kazakh_male.txt"), ("kazakh", "F"): read_list("kazakh_female.txt"),
        }

    def surname(self, rng: random.Random, group: str) -> str:
        return (self.hui_surnames if group == "hui" else self.han_surnames).pick(rng)

    def han_given(self, rng: random.Random, sex: str) -> str:
        singles, doubles = self.given[sex]
        roll = rng.random()
        if roll < 0.2:
            return rng.choice(singles)
        if roll < 0.3:
            return rng.choice(doubles)
        n = len(singles)
        first, second = singles[int(rng.random() * n)], singles[int(rng.random() * n)]
        return first + second if first != second else first + singles[(singles.index(first) + 1) % n]

    def han(self, rng: random.Random, sex: str, group: str = "han", surname: str | None = None) -> Name:
        return Name((surname or self.surname(rng, group)) + self.han_given(rng, sex), "")

    def given_pair(self, rng: random.Random, group: str, sex: str) -> tuple[str, str]:
        """(Uyghur script, Chinese transcription) of a given name."""
        names = self.patronymic[(group, sex)]
        ug, zh = names[int(rng.random() * len(names))]
        return ug, zh

    def patronymic_name(self, rng: random.Random, group: str, sex: str,
                        father: tuple[str, str] | None = None) -> Name:
        ug, zh = self.given_pair(rng, group, sex)
        f_ug, f_zh = father or self.given_pair(rng, group, "M")
        return Name(f"{zh}·{f_zh}", f"{ug} {f_ug}", zh, ug)

    def person(self, rng: random.Random, group: str, sex: str) -> Name:
        if group in ("uyghur", "kazakh"):
            return self.patronymic_name(rng, group, sex)
        return self.han(rng, sex, group)


class IdNumbers:
    """Unique, valid GB 11643 numbers without retries: per (region, birth date, sex) a random start and a
    stride coprime to the 500 sequence codes that :func:`idcard.make` can express. The numbers are exactly
    those of ``idcard.make(region, birth, sequence, sex)``; the check character is summed from cached parts
    because 100,000 of them are made in one go."""

    def __init__(self, rng: random.Random, home_district: str):
        self.rng = rng
        self.used: dict[tuple[str, dt.date, str], list[int]] = {}
        boosted = [(code, w * (3 if code == home_district else 1)) for code, w in URUMQI_REGIONS]
        self.urumqi = Weighted(boosted)
        self.elsewhere = {group: Weighted(pairs) for group, pairs in OTHER_REGIONS.items()}
        self._parts: dict[object, tuple[str, int]] = {}  # region / birth date → (digits, weighted sum)

    def region(self, group: str, age: int) -> str:
        local = 0.85 if age < 30 else {"han": 0.45, "hui": 0.6}.get(group, 0.5)
        if self.rng.random() < local:
            return self.urumqi.pick(self.rng)
        return self.elsewhere[group].pick(self.rng)

    def _part(self, key, offset: int) -> tuple[str, int]:
        part = self._parts.get(key)
        if part is None:
            digits = key if offset == 0 else key.strftime("%Y%m%d")
            weighted = sum(int(d) * w for d, w in zip(digits, idcard.WEIGHTS[offset:offset + len(digits)]))
            part = self._parts[key] = (digits, weighted)
        return part

    def make(self, region: str, birth: dt.date, sex: str) -> str:
        while True:
            key = (region, birth, sex)
            slot = self.used.get(key)
            if slot is None:
                slot = self.used[key] = [self.rng.randrange(500), 0]
            if slot[1] < 500:
                break
            birth -= dt.timedelta(days=1)  # 500 people of one sex born on one day in one county: move on
        sequence = (slot[0] + 37 * slot[1]) % 500
        slot[1] += 1
        region_digits, region_sum = self._part(region, 0)
        birth_digits, birth_sum = self._part(birth, 6)
        seq, sex_digit = sequence % 100, (sequence // 100) % 5 * 2 + (sex == "M")
        w = idcard.WEIGHTS
        total = region_sum + birth_sum + (seq // 10) * w[14] + (seq % 10) * w[15] + sex_digit * w[16]
        return f"{region_digits}{birth_digits}{seq:02d}{sex_digit}{idcard.CHECK_CHARS[total % 11]}"


def mobile(rng: random.Random) -> str:
    return MOBILE_PREFIXES[int(rng.random() * len(MOBILE_PREFIXES))] + "%08d" % int(rng.random() * 100_000_000)


def landline(rng: random.Random) -> str:
    """An Urumqi landline: 0991 + 7 digits, the local part not starting with 0 or 1."""
    return "0991%07d" % (2_000_000 + int(rng.random() * 7_000_000))


def phone_for(rng: random.Random, age: int) -> str:
    roll = rng.random()
    if age < 14:
        return ""
    if age < 18:
        return mobile(rng) if roll < 0.5 else ""
    if age >= 80:
        return landline(rng) if roll < 0.4 else mobile(rng) if roll < 0.7 else ""
    if age >= 60:
        return landline(rng) if roll < 0.2 else mobile(rng) if roll < 0.9 else ""
    return mobile(rng) if roll < 0.93 else landline(rng) if roll < 0.97 else ""


def phrases(name: str) -> dict[str, list[str]]:
    """A two-column phrase list as {'zh': [...], 'ug': [...]} (same order)."""
    rows = read_list(name)
    return {"zh": [r[0] for r in rows], "ug": [r[1] for r in rows]}

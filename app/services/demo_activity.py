"""Demo data: two years of visits (进百家门) and residents' demands (诉求) with their step history.

Builds row tuples for the bulk writer; no database access. Nothing lies in the future except planned follow-up
dates and deadlines.
"""

from __future__ import annotations

import datetime as dt
import random

from app.services.demo_names import Weighted, phrases, read_list
from app.services.demo_people import HouseholdInfo

VISIT_COLUMNS = ("id", "uuid", "created_at", "updated_at", "version", "household_id", "visited_on", "kind",
                 "worker_id", "situation", "needs", "follow_up_on")
COMPANION_COLUMNS = ("id", "uuid", "created_at", "updated_at", "version", "visit_id", "worker_id")
DEMAND_COLUMNS = ("id", "uuid", "created_at", "updated_at", "version", "resident_id", "household_id", "item_id",
                  "category_code", "visit_id", "description", "channel", "status", "accepted_on", "deadline",
                  "deadline_estimated", "assignee_id", "referred_to", "decline_reason", "satisfaction", "closed_at")
STEP_COLUMNS = ("id", "uuid", "created_at", "updated_at", "version", "demand_id", "from_status", "to_status", "at",
                "user_id", "note")

DAYS = 730  # visits and demands cover the last two years
# Handbook category codes, how often residents ask about them, and a deadline in working days when the
# demand has no handbook item to take the time limit from.
CATEGORIES = {"DQ": (3, 5), "ZZ": (10, 10), "XJ": (4, 5), "MS": (25, 15), "WJ": (12, 5), "TY": (5, 10),
              "YL": (15, 10), "CY": (10, 10), "CG": (16, 5)}
CHANNELS = Weighted((("visit", 40), ("front_desk", 40), ("phone", 15), ("other", 5)))
PATH = ("accepted", "in_progress", "answered", "follow_up", "closed")
# Status by how long ago the demand was accepted: recent ones are still open, old ones mostly closed.
STATUS_BY_AGE = (
    (14, Weighted((("accepted", 35), ("in_progress", 35), ("answered", 10), ("referred", 10), ("declined", 5),
                   ("closed", 5)))),
    (60, Weighted((("accepted", 5), ("in_progress", 20), ("answered", 15), ("follow_up", 10), ("closed", 35),
                   ("referred", 8), ("declined", 7)))),
    (DAYS, Weighted((("in_progress", 3), ("answered", 3), ("follow_up", 3), ("closed", 78), ("referred", 7),
                     ("declined", 6)))),
)
SATISFACTION = Weighted(((5, 60), (4, 28), (3, 8), (2, 3), (1, 1)))
STEP_NOTES = {
    "accepted": ("已受理，登记诉求", "ئىلتىماس قوبۇل قىلىنىپ تىزىملاندى"),
    "in_progress": ("已联系相关部门办理", "مۇناسىۋەتلىك تارماق بىلەن ئالاقىلىشىپ بېجىرىلىۋاتىدۇ"),
    "answered": ("已向居民反馈办理结果", "بېجىرىش نەتىجىسى ئاھالىگە ئۇقتۇرۇلدى"),
    "follow_up": ("回访居民，了解满意度", "ئاھالە قايتا زىيارەت قىلىنىپ رازىلىق ئەھۋالى ئىگىلەندى"),
    "closed": ("居民满意，办结", "ئاھالە رازى، بېجىرىلدى"),
}
# Days from one step to the next: (lowest, highest).
STEP_GAPS = {"in_progress": (0, 2), "answered": (1, 12), "follow_up": (2, 10), "closed": (0, 3), "referred": (0, 3),
             "declined": (0, 2)}


def add_weekdays(start: dt.date, days: int) -> tuple[dt.date, bool]:
    """(the date ``days`` Monday–Friday days after ``start``, estimated=True): when no holiday calendar is given."""
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day, True


class VisitMaker:
    """Visits, written for speed (a million of them): one 64-bit random draw decides a visit's kind, time,
    worker, note, need, follow-up and companion; the uuid is a second draw."""

    # kinds by 5 random bits: home 59 %, phone 25 %, front desk 10 %, other 6 %
    KINDS = ("home",) * 19 + ("phone",) * 8 + ("front_desk",) * 3 + ("other",) * 2

    def __init__(self, rng: random.Random, today: dt.date, grid_workers: list[list[int]], first_id: int,
                 first_companion_id: int):
        self.rng, self.grid_workers = rng, grid_workers
        # dates[k + 31] is the date k days before today (k from -31: follow-ups may be planned ahead)
        self.dates = [(today - dt.timedelta(days=k)).isoformat() for k in range(-31, DAYS + 1)]
        self.times = [f" {2 + m // 13:02d}:{m % 13 * 4 + 3:02d}:00" for m in range(128)]  # 02:03–11:51 UTC
        notes = read_list("visit_situations.txt")
        self.notes = {lang: {kind: [row[1 + (lang == "ug")] for row in notes if row[0] in ("any", kind)]
                             for kind in ("home", "phone", "front_desk", "other")} for lang in ("zh", "ug")}
        self.needs = phrases("visit_needs.txt")
        self.next_id, self.next_companion = first_id, first_companion_id

    def visits(self, hh: HouseholdInfo, count: int, newest: int, oldest: int, rows: list, companions: list,
               keep: list | None = None) -> None:
        """``count`` visits between ``oldest`` and ``newest`` days ago, oldest first (ids follow dates).
        ``keep`` collects (visit id, days ago) for the demands that come from a visit."""
        r, getbits, dates, times, kinds = self.rng.random, self.rng.getrandbits, self.dates, self.times, self.KINDS
        clear, version = ~((0xF000 << 64) | (0xC000 << 48)), (0x4000 << 64) | (0x8000 << 48)  # uuid4 bits
        workers = self.grid_workers[hh.grid]
        n_workers = len(workers)
        notes = self.notes[hh.lang]
        needs = self.needs[hh.lang]
        n_needs = len(needs)
        household, vid, cid = hh.id, self.next_id, self.next_companion
        span = oldest - newest + 1
        for ago in sorted([newest + int(r() * span) for _ in range(count)], reverse=True):
            b = getbits(64)
            kind = kinds[b & 31]
            day = dates[ago + 31]
            created = day + times[(b >> 5) & 127]
            w = ((b >> 12) & 255) % n_workers
            kind_notes = notes[kind]
            need = needs[((b >> 35) & 15) % n_needs] if (b >> 28) & 127 < 13 else ""  # 10 %
            follow = dates[ago + 24 - ((b >> 46) & 31) % 24] if need or (b >> 39) & 127 < 6 else None
            rows.append((vid, "%032x" % ((getbits(128) & clear) | version), created, created, 1, household, day,
                         kind, workers[w], kind_notes[((b >> 20) & 255) % len(kind_notes)], need, follow))
            if kind == "home" and n_workers > 1 and (b >> 51) & 127 < 19:  # 15 % of home visits: two workers
                other = workers[(w + 1 + ((b >> 58) & 63) % (n_workers - 1)) % n_workers]
                companions.append((cid, "%032x" % ((getbits(128) & clear) | version), created, created, 1, vid,
                                   other))
                cid += 1
            if keep is not None:
                keep.append((vid, ago))
            vid += 1
        self.next_id, self.next_companion = vid, cid


class DemandMaker:
    def __init__(self, rng: random.Random, uid, today: dt.date, items: dict[str, list[tuple[int, int, dict]]],
                 ids, deadline=add_weekdays):
        """``items``: handbook category code → [(item id, time limit in working days, {lang: title})];
        ``deadline(accepted_on, working_days)`` → (due date, estimated)."""
        self.rng, self.uid, self.today, self.items, self.ids = rng, uid, today, items, ids
        self.deadline = deadline
        self.limit = dt.datetime.combine(today, dt.time(0, 0))  # every step happened before today (UTC)
        texts: dict[tuple[str, str], list[str]] = {}
        for code, zh, ug in read_list("demand_texts.txt"):
            texts.setdefault((code, "zh"), []).append(zh)
            texts.setdefault((code, "ug"), []).append(ug)
        self.texts = texts
        codes = [c for c in items if items[c]] or list(CATEGORIES)
        self.categories = Weighted([(c, CATEGORIES.get(c, (5, 10))[0]) for c in codes])
        self.referrals = phrases("demand_referrals.txt")
        self.declines = phrases("demand_declines.txt")

    def _path(self, status: str) -> list[str]:
        if status in PATH:
            return list(PATH[:PATH.index(status) + 1])
        if status == "referred":
            return ["accepted", "in_progress", "referred"] if self.rng.random() < 0.5 else ["accepted", "referred"]
        return ["accepted", "declined"]

    def demand(self, hh: HouseholdInfo, visits: list[tuple[int, int]], workers: list[int], front_desk: list[int],
               demands: list, steps: list) -> None:
        rng, uid, lang = self.rng, self.uid, hh.lang
        ug = lang == "ug"
        channel = CHANNELS.pick(rng)
        visit_id = None
        if channel == "visit" and visits:
            visit_id, ago = rng.choice(visits)
        else:
            channel = "front_desk" if channel == "visit" else channel
            ago = rng.randint(1, DAYS)
        accepted_on = self.today - dt.timedelta(days=ago)
        code = self.categories.pick(rng)
        item_id, days, title = None, CATEGORIES.get(code, (5, 10))[1], None
        if self.items.get(code):
            item_id, days, titles = rng.choice(self.items[code])  # 0 days: handled on the spot
            title = titles.get(lang) or titles.get("zh")
        if title:  # the resident asked for this handbook service
            description = f"ئاھالە ئىلتىماسى: {title}" if ug else f"居民诉求：{title}"
        else:
            options = self.texts.get((code, lang)) or [code]
            description = rng.choice(options)
        deadline, estimated = self.deadline(accepted_on, days)
        status = next(w for age, w in STATUS_BY_AGE if ago <= age).pick(rng)
        assignee = rng.choice(workers)
        acceptor = rng.choice(front_desk) if channel == "front_desk" and front_desk else assignee
        referred_to = rng.choice(self.referrals[lang]) if status == "referred" else ""
        decline_reason = rng.choice(self.declines[lang]) if status == "declined" else ""
        demand_id = self.ids("demand")
        at = dt.datetime.combine(accepted_on, dt.time(2, 0)) + dt.timedelta(minutes=rng.randrange(540))
        previous = ""
        path = self._path(status)
        for n, to_status in enumerate(path):
            if n:
                low, high = STEP_GAPS[to_status]
                if to_status == "answered":
                    high = max(high, days + 2)
                at = min(at + dt.timedelta(days=rng.randint(low, high), minutes=rng.randint(10, 240)), self.limit)
                at = max(at, last + dt.timedelta(minutes=1))
            if to_status == "referred":
                note = f"يۆتكەپ بېجىرىش: {referred_to}" if ug else f"转{referred_to}办理"
            elif to_status == "declined":
                note = decline_reason
            else:
                note = STEP_NOTES[to_status][ug]
            stamp = at.isoformat(" ")
            steps.append((self.ids("demand_step"), uid(), stamp, stamp, 1, demand_id, previous, to_status, stamp,
                          acceptor if n == 0 else assignee, note))
            previous, last = to_status, at
        first = steps[-len(path)][2]
        satisfaction = SATISFACTION.pick(rng) if status in ("follow_up", "closed") else None
        closed_at = last.isoformat(" ") if status == "closed" else None
        resident = hh.members[0] if rng.random() < 0.7 else rng.choice(hh.members)
        demands.append((demand_id, uid(), first, last.isoformat(" "), len(path), resident, hh.id, item_id, code,
                        visit_id, description, channel, status, accepted_on.isoformat(), deadline.isoformat(),
                        int(estimated),
                        assignee, referred_to, decline_reason, satisfaction, closed_at))

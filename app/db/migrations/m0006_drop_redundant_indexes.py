"""Schema 6: drop indexes that only repeat the start of a composite index.

visit(household_id) and visit(worker_id) are prefixes of (household_id, visited_on) and (worker_id, visited_on);
household(building_id) is a prefix of (building_id, unit, room). household(archived) alone misled SQLite's
planner into scanning (see coverage). Fewer indexes also make bulk loads and imports faster.
"""

REDUNDANT = ("visit_household_id", "visit_worker_id", "household_building_id", "household_archived")


def up(db) -> None:
    for name in REDUNDANT:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')

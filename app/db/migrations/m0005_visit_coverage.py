"""Schema 5: an index for visit coverage (进百家门).

household (building_id, archived): the per-building counts of coverage and the grid-scoped lists read the
households of a building from this index alone (no table row), then check each one's recent visits through
visit (household_id, visited_on). No table changes.
"""

from __future__ import annotations


def up(db) -> None:
    db.execute_sql("CREATE INDEX household_building_id_archived ON household (building_id, archived)")

"""Schema 4: the residents registry at 100,000 people.

- resident.moved_out_on: when a person moved out (moving out never deletes; the flag existed already).
- indexes for the paged, sorted resident list (name in either script, birth date for age bands and age tags)
  and for the search index's change check (updated_at). Each index costs every imported row a B-tree insert:
  only those the list and the search need.
The single-column moved_out index goes (see up()). No full-text index: SQLite FTS5 trigram triggers cost ~300 µs per inserted row here (10,000 imported rows 3 s,
the 100,000-resident demo +30 s); the search keeps its own in-memory index instead (app.services.residents_index).
"""

from __future__ import annotations

INDEXES = [
    "CREATE INDEX resident_moved_out_name_zh ON resident (moved_out, name_zh, id)",
    "CREATE INDEX resident_moved_out_name_ug ON resident (moved_out, name_ug, id)",
    "CREATE INDEX resident_moved_out_birth_date ON resident (moved_out, birth_date, id)",
    "CREATE INDEX resident_updated_at ON resident (updated_at)",
]


def up(db) -> None:
    db.execute_sql("ALTER TABLE resident ADD COLUMN moved_out_on DATE")
    # The single-column flag index of schema 1 never narrows a query (nearly everyone lives here) but SQLite's
    # planner, without statistics, prefers it and walks 100,000 rows; the composite indexes below replace it.
    db.execute_sql("DROP INDEX IF EXISTS resident_moved_out")
    for sql in INDEXES:
        db.execute_sql(sql)

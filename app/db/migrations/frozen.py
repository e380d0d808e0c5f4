"""The base every frozen migration snapshot shares: the row identity columns of schema version 1."""

from peewee import AutoField, DateTimeField, IntegerField, Model, UUIDField


class FrozenModel(Model):
    id = AutoField()
    uuid = UUIDField(unique=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    version = IntegerField(default=1)

    class Meta:
        legacy_table_names = False


def create(db, models) -> None:
    db.bind(models, bind_refs=False, bind_backrefs=False)
    db.create_tables(models, safe=False)

"""The import's fast paths say exactly what the one-row validation says: a sheet checked a column at a time
(clean_columns) gives every row the values and errors clean_fields gives it; writing with deferred indexes leaves
the schema as it was; the collector comes back on."""

import datetime as dt
import gc
import uuid

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.db.database import database, is_postgresql
from app.db.models import Resident, ResidentTag
from app.i18n import set_language
from app.services import import_writer
from app.services.import_writer import uuid4_hexes
from app.services.resident_columns import MISSING, READERS, _read_column, clean_columns
from app.services.resident_import import import_residents
from app.services.resident_validation import clean_fields, read_id_number, read_phone
from tests.residents_fixtures import ADMIN, TODAY, number, registry
from tests.sheet_builders import messy_sheet

IDS = [number(dt.date(1950, 1, 1) + dt.timedelta(days=397 * i), "MF"[i % 2], i) for i in range(8)]
FULL_WIDTH = str.maketrans({d: chr(0xFF10 + int(d)) for d in "0123456789"})
CELLS = {
    "name_zh": ["张三", "", None, " 王 五 ", "阿不都拉·买买提", "李\n四", "ئابدۇللا", "长" * 101, "赵  六",
                "\u202e张\u200b三", "Tom Lee", 12.0, "孙-七", " "],
    "name_ug": ["", None, "ئابدۇللا مەمەت", "گۈلى", "张三", "ﺋﺎﺑﺪﯗﻟﻼ", "ئا ", "ئا\nب", "a" * 201, 5],
    "id_number": IDS + [IDS[0][:-1] + "0", IDS[1].lower(), IDS[2].translate(FULL_WIDTH), float(IDS[3][:15]),
                        "6.50102E+17", "", None, True, IDS[4][:6] + "********" + IDS[4][14:], "810000199001011234"],
    "sex": ["男", "女", "M", "F", "", None, "x", "ئەر", 1.0],
    "birth_date": ["", None, "1990-01-01", dt.date(1990, 5, 5), dt.datetime(1980, 1, 1), 33000.0, "1990年3月4日",
                   "bad", "2099-01-01"],
    "phone": ["", None, "13800138000", "0991-4567890", "4567890", 13800138000.0, "+86 138-0013-8000", "12345",
              "138****0000", "13800138000 13900139000", "13８00138000"],
    "relation": ["户主", "配偶", "子女", "", None, "x", "户主 / ئائىلە باشلىقى", 3],
    "preferred_lang": ["", None, "中文", "ug", "xx"],
    "note": ["", None, "行动不便", "a\r\nb", "x" * 2001, 0],
    "tags": ["", None, "独居", "独居、低保", "VIP", "60岁以上"],
}
rows = st.fixed_dictionaries({}, optional={f: st.sampled_from(values) for f, values in CELLS.items()})


def _row_of(values: dict, i: int) -> dict:
    return {f: column[i] for f, column in values.items() if column[i] is not MISSING}


@settings(max_examples=300, deadline=None)
@given(st.lists(rows, min_size=1, max_size=30), st.sampled_from(list(CELLS)))
def test_a_sheet_checked_by_columns_gives_each_row_what_clean_fields_gives_it(sheet, always):
    set_language("en")
    fields = {f for row in sheet for f in row} | {always}
    sheet = [{f: row.get(f, CELLS[f][0]) for f in fields} for row in sheet]  # every row has the sheet's columns
    values, errors = clean_columns({f: [row[f] for row in sheet] for f in fields}, TODAY)
    for i, row in enumerate(sheet):
        assert (_row_of(values, i), errors.get(i, [])) == clean_fields(row, TODAY)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["name_zh", "name_ug"]),
       st.lists(st.one_of(st.sampled_from(CELLS["name_zh"] + CELLS["name_ug"]),
                          st.text(alphabet="张三ئا ab·\n\t-", max_size=6)), min_size=1, max_size=8))
def test_the_whole_column_check_of_plain_names_agrees_with_reading_each_cell(field, column):
    values, found = _read_column(field, column, TODAY)
    one_by_one = [READERS[field](raw, TODAY) for raw in column]
    assert values == [value for value, _errors in one_by_one]
    assert found == {i: errors for i, (_value, errors) in enumerate(one_by_one) if errors}


@pytest.mark.parametrize("i", range(len(IDS)))
def test_other_digits_are_normalised_never_stored(i):
    """The fast paths take ASCII digits only: full-width or mixed digits go through normalising."""
    assert read_id_number(IDS[i].translate(FULL_WIDTH), TODAY)[0].number == IDS[i]
    assert read_id_number(IDS[i][:9] + IDS[i][9:].translate(FULL_WIDTH), TODAY)[0].number == IDS[i]
    assert read_phone("13" + "800138000".translate(FULL_WIDTH)) == ("13800138000", None)


def test_uuids_are_version_4():
    found = uuid4_hexes(500)
    assert len(set(found)) == 500 and uuid4_hexes(0) == []
    assert all(uuid.UUID(h).version == 4 and uuid.UUID(h).variant == uuid.RFC_4122 for h in found)


def _indexes() -> set:
    if is_postgresql():
        return set(database.execute_sql("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = "
                                        "current_schema() AND tablename IN ('resident', 'household')").fetchall())
    return set(database.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                    "AND tbl_name IN ('resident', 'household')").fetchall())


def test_rows_written_before_their_indexes_leave_the_schema_as_it_was(db, tmp_path, monkeypatch):
    set_language("en")
    registry()
    monkeypatch.setattr(import_writer, "BULK_ROWS", 1)  # the 6 rows of the sheet count as a big import
    before = _indexes()
    assert gc.isenabled()
    result = import_residents(ADMIN, messy_sheet(tmp_path / "a.xlsx", fixed=True), commit=True)
    assert result.committed and result.created == 6 and _indexes() == before and gc.isenabled()
    clash = Resident.get(Resident.name_zh == "王建国")
    with pytest.raises(Exception), database.atomic():  # the unique index made again still refuses duplicates
        Resident.create(household=clash.household, name_zh="x", id_number=clash.id_number, search_key="x")


def test_the_collector_comes_back_after_a_refusal(db, tmp_path):
    (tmp_path / "bad.xlsx").write_bytes(b"not a spreadsheet")
    with pytest.raises(Exception):
        import_residents(ADMIN, tmp_path / "bad.xlsx")
    assert gc.isenabled()


def test_importing_again_replaces_the_tags_of_the_people_it_updates(db, tmp_path):
    registry()

    def sheet(name: str, tags: str):
        wb = openpyxl.Workbook()
        wb.active.append(["网格", "楼栋", "单元", "房号", "姓名", "身份证号", "标签"])
        wb.active.append(["第1网格", "3号楼", "2", "301", "王建国", IDS[0], tags])
        wb.active.append(["第1网格", "3号楼", "2", "301", "李秀英", IDS[1], "独居"])
        wb.save(tmp_path / name)
        return tmp_path / name

    def tags_of(name: str) -> list[str]:
        person = Resident.get(Resident.name_zh == name)
        return sorted(t.tag for t in ResidentTag.select().where(ResidentTag.resident == person.id))

    assert import_residents(ADMIN, sheet("a.xlsx", "独居、低保"), commit=True).created == 2
    assert tags_of("王建国") == ["living_alone", "subsistence"] and tags_of("李秀英") == ["living_alone"]
    again = import_residents(ADMIN, sheet("b.xlsx", "退役军人"), commit=True)
    assert (again.created, again.updated + again.unchanged) == (0, 2)
    assert tags_of("王建国") == ["veteran"] and tags_of("李秀英") == ["living_alone"]

"""Hostile and broken files get a clear refusal — never a hang, a crash or a filled-up memory."""

import time
import zipfile

import openpyxl
import pytest
import python_calamine

from app.i18n import set_language
from app.services import sheet_files
from app.services.resident_import import import_residents
from app.services.sheet_files import SheetRefused, check_file, read_first_sheets
from tests.residents_fixtures import ADMIN
from tests.sheet_builders import billion_laughs_xml, rows_xml, xlsx_parts


@pytest.fixture(autouse=True)
def _english():
    set_language("en")


def refused(path) -> str:
    started = time.perf_counter()
    with pytest.raises(SheetRefused) as err:
        read_first_sheets(path)
    assert time.perf_counter() - started < 5
    return str(err.value)


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    bomb = xlsx_parts(tmp_path / "bomb.xlsx", b"<worksheet>" + b" " * 30_000_000 + b"</worksheet>")
    assert bomb.stat().st_size < 200_000
    assert "zip bomb" in refused(bomb)


def _lie_about_size(path, member: str, size: int) -> None:
    """Rewrite the uncompressed size that the zip headers declare for ``member`` (a hidden zip bomb)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        pos = data.find(signature)
        while pos != -1:
            if data[pos + name_at:pos + name_at + len(name)] == name:
                data[pos + offset:pos + offset + 4] = size.to_bytes(4, "little")
            pos = data.find(signature, pos + 1)
    path.write_bytes(bytes(data))


def test_a_bomb_that_hides_its_size_is_caught_while_streaming(tmp_path):
    bomb = xlsx_parts(tmp_path / "bomb.xlsx", b"<worksheet>" + b" " * 30_000_000 + b"</worksheet>")
    _lie_about_size(bomb, "xl/worksheets/sheet1.xml", 2000)
    assert zipfile.ZipFile(bomb).getinfo("xl/worksheets/sheet1.xml").file_size == 2000
    message = refused(bomb)
    assert "damaged" in message or "zip bomb" in message


def test_streaming_stops_at_the_total_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_files, "MAX_RATIO", 10**9)  # pretend the ratio looked fine
    monkeypatch.setattr(sheet_files, "MAX_UNCOMPRESSED", 5_000_000)
    bomb = xlsx_parts(tmp_path / "bomb.xlsx", b"<worksheet>" + b" " * 4_000_000 + b"</worksheet>",
                      {"xl/sharedStrings.xml": b"<sst>" + b" " * 4_000_000 + b"</sst>"})
    assert "zip bomb" in refused(bomb)


def test_billion_laughs_is_refused_and_calamine_would_not_expand_it(tmp_path):
    laughs = xlsx_parts(tmp_path / "laughs.xlsx", billion_laughs_xml())
    assert "entity" in refused(laughs)
    with pytest.raises(Exception) as err:  # calamine on its own: an error, not an expansion
        python_calamine.CalamineWorkbook.from_path(str(laughs)).get_sheet_by_index(0).to_python()
    assert "entity" in str(err.value)


def test_macro_workbooks_are_refused(tmp_path):
    (tmp_path / "book.xlsm").write_bytes(b"PK\x03\x04")
    assert "macros" in refused(tmp_path / "book.xlsm")
    hidden = xlsx_parts(tmp_path / "renamed.xlsx", rows_xml(3), {"xl/vbaProject.bin": b"\x00" * 100})
    assert "macros" in refused(hidden)


def test_truncated_empty_and_fake_files(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "身份证号"])
    wb.save(tmp_path / "whole.xlsx")
    data = (tmp_path / "whole.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    assert "damaged or incomplete" in refused(tmp_path / "cut.xlsx")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert "damaged" in refused(tmp_path / "empty.xlsx")
    (tmp_path / "letter.xlsx").write_text("Dear office, …")
    assert "damaged" in refused(tmp_path / "letter.xlsx")
    (tmp_path / "notes.csv").write_text("a,b")
    assert ".xlsx, .xls and .ods" in refused(tmp_path / "notes.csv")
    with zipfile.ZipFile(tmp_path / "other.xlsx", "w") as z:
        z.writestr("hello.txt", "not a workbook")
    assert "damaged" in refused(tmp_path / "other.xlsx")


def test_too_many_rows_is_refused_without_reading_them(tmp_path):
    many = xlsx_parts(tmp_path / "many.xlsx", rows_xml(sheet_files.MAX_ROWS + 1000))
    assert "more than 50000 rows" in refused(many)
    claimed = xlsx_parts(tmp_path / "million.xlsx", rows_xml(10, dimension="A1:M1000000"))
    assert "1000000" in refused(claimed)


def test_a_refused_file_changes_nothing(db, tmp_path):
    with pytest.raises(SheetRefused):
        import_residents(ADMIN, xlsx_parts(tmp_path / "laughs.xlsx", billion_laughs_xml()), commit=True)


def test_a_good_file_passes_the_checks(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "身份证号"])
    wb.save(tmp_path / "good.xlsx")
    assert check_file(tmp_path / "good.xlsx") == "xlsx"
    assert read_first_sheets(tmp_path / "good.xlsx")[0].rows[0] == ["姓名", "身份证号"]

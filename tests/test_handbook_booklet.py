"""The printed handbook, checked as a reader meets it: fonts embedded (pdffonts), every item's title comes back
out (pdftotext), the contents' page numbers lead to the pages where the categories and items really start,
bookmarks for every category and item (pypdf), the A5 size, retired items left out, the one-item sheet on one
page, the CLI. Pages are rendered to PNG in tests/artifacts/handbook/ for a person to look at.

The three A4 booklets and the bilingual A5 one are built once for the module, on SQLite; the tests that change
data (retiring an item) run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata

import pytest

from app.reports.text_engine import TextEngine  # noqa: F401  first: installs the rlbidi module

import main as entry  # noqa: E402
from app.db.database import close_database  # noqa: E402
from app.db.models import AuditLog  # noqa: E402
from app.domain.text_clean import base_letters  # noqa: E402
from app.reports import handbook_layout as hl  # noqa: E402
from app.reports.handbook_booklet import build_booklet  # noqa: E402
from app.reports.handbook_item_sheet import build_item_sheet  # noqa: E402
from app.services import handbook, settings  # noqa: E402
from app.services.actor import Actor  # noqa: E402
from tests.conftest import artifacts_dir  # noqa: E402

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdffonts", "pdftotext", "pdftoppm", "pdfinfo")),
    reason="poppler-utils (pdffonts, pdftotext, pdftoppm, pdfinfo) not installed",
)

WORKER = Actor("hb-printer", "worker", "阿依古丽")
ADMIN = Actor("hb-admin", "admin", "Admin")
COMMUNITY_ZH = "团结路社区"
COMMUNITY_UG = "ئىتتىپاق يولى مەھەللىسى"
BUILDS = (("zh", "a4"), ("ug", "a4"), ("bi", "a4"), ("bi", "a5"))
ARABIC = re.compile("[\u0600-\u06ff]")


def run(*args) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def squeeze(text: str) -> str:
    """Text as letters and digits only: bidi marks, whitespace and punctuation out (pdftotext's logical order
    leaves the brackets of right-to-left text mirrored, moves a hyphen next to a number to its other side,
    2-تىپلىق → -2تىپلىق, and on a page with Uyghur may put a Chinese line's full stop first), presentation
    forms back to letters, NFKC."""
    text = unicodedata.normalize("NFKC", base_letters(text))
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PC")


def found(title: str, texts: list[str], page: str) -> bool:
    """`title` comes back out whole from one of `texts`; else (pdftotext sometimes reorders a line that mixes
    directions, e.g. a Latin code then a Uyghur title with a hyphen) every word of it from its own page."""
    if any(squeeze(title) in t for t in texts):
        return True
    return all(squeeze(word) in page for word in title.split())


def page_texts(path) -> list[str]:
    """pdftotext of every page (one call; pages are split at form feeds)."""
    return run("pdftotext", "-layout", path, "-").split("\f")[:-1]


def outline(path) -> list[tuple[str, int, list]]:
    """[(category title, page, [(item title, page)])] from the PDF's bookmarks."""
    reader = pypdf.PdfReader(str(path))
    top, out = reader.outline, []
    for i, entry_ in enumerate(top):
        if isinstance(entry_, list):
            continue
        children = top[i + 1] if i + 1 < len(top) and isinstance(top[i + 1], list) else []
        out.append((entry_.title, reader.get_destination_page_number(entry_) + 1,
                    [(c.title, reader.get_destination_page_number(c) + 1) for c in children]))
    return out


def _setup_community() -> None:
    settings.put(None, "community_name_zh", COMMUNITY_ZH)
    settings.put(None, "community_name_ug", COMMUNITY_UG)


@pytest.fixture(scope="module")
def booklets(sqlite_template, tmp_path_factory):
    """{(lang, format): (pdf path, BookletInfo)}, plus the chapters as the database had them."""
    from app.reports.handbook_booklet import collect
    from app.services.setup import open_and_migrate

    folder = tmp_path_factory.mktemp("booklets")
    shutil.copy(sqlite_template, folder / "baijia.db")
    open_and_migrate(str(folder / "baijia.db"))
    try:
        _setup_community()
        built = {}
        for lang, fmt in BUILDS:
            path = folder / f"handbook_{lang}_{fmt}.pdf"
            built[(lang, fmt)] = (path, build_booklet(WORKER, path, lang, fmt))
        built["chapters"] = collect()
        built["audit"] = [dict(json.loads(r.detail), username=r.username)
                          for r in AuditLog.select().where(AuditLog.action == "print.handbook").order_by(AuditLog.id)]
    finally:
        close_database()
    for (lang, fmt), (path, _info) in ((k, v) for k, v in built.items() if isinstance(k, tuple)):
        shutil.copy(path, artifacts_dir("handbook") / path.name)
    return built


@pytest.mark.parametrize("lang,fmt", BUILDS)
def test_fonts_all_embedded_and_no_helvetica(booklets, lang, fmt):
    path, _info = booklets[(lang, fmt)]
    rows = run("pdffonts", path).splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row
        assert "Helvetica" not in row, row
    names = " ".join(rows)
    if lang != "zh":
        assert "UKIJ" in names or "Naskh" in names or "Arabic" in names or "Uighur" in names, names


@pytest.mark.parametrize("lang,fmt", BUILDS)
def test_every_item_title_comes_back_out(booklets, lang, fmt):
    path, info = booklets[(lang, fmt)]
    pages = [squeeze(p) for p in page_texts(path)]
    texts = ["".join(pages), squeeze(run("pdftotext", path, "-"))]
    text = texts[0]
    chapters = booklets["chapters"]
    assert info.items == 87 and info.categories == 9
    langs = ("zh", "ug") if lang == "bi" else (lang,)
    for chapter in chapters:
        for record in chapter.items:
            for lg in langs:
                assert found(record.text(lg).title, texts, pages[info.item_pages[record.code] - 1]), (record.code, lg)
    if lang == "ug":
        assert squeeze(COMMUNITY_UG) in text
    else:
        assert squeeze(COMMUNITY_ZH) in text and squeeze("一册在手、一看就明、一干就会") in text


def _numbers(line: str) -> set[int]:
    return {int(n) for n in re.findall(r"(?<![\d-])\d{1,3}(?![\d-])", line)}


@pytest.mark.parametrize("lang,fmt", BUILDS)
def test_contents_page_numbers_lead_to_where_categories_and_items_start(booklets, lang, fmt):
    path, info = booklets[(lang, fmt)]
    pages = page_texts(path)
    assert len(pages) == info.pages == int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", path)).group(1))
    chapters = booklets["chapters"]
    first = min(info.category_pages.values())
    toc = [line for page in pages[1:first - 1] for line in page.splitlines()]
    name_lang = "ug" if lang == "ug" else "zh"
    starts = []
    for n, chapter in enumerate(chapters, 1):
        name = squeeze(chapter.names.get(name_lang))
        # the category's row: "{n}. {name}" and the page number, nothing else
        lines = [ln for ln in toc if re.sub(r"[\d.]", "", squeeze(ln)) == name and n in _numbers(ln)]
        assert lines, f"{chapter.code} not in the contents"
        page = info.category_pages[chapter.code]
        assert page in _numbers(lines[0]), (chapter.code, lines[0], page)
        starts.append(page)
        # the category starts there: its heading and its first item, and the page before has neither
        assert name in squeeze(pages[page - 1])
        first_code = chapter.items[0].code
        assert first_code in pages[page - 1]
        if page - 1 >= first:
            assert first_code not in pages[page - 2], (chapter.code, page)
        for record in chapter.items:
            lines = [ln for ln in toc if re.search(rf"(?<![\w-]){re.escape(record.code)}(?![\w-])", ln)]
            assert lines, record.code
            item_page = info.item_pages[record.code]
            assert item_page in _numbers(lines[0]), (record.code, lines[0], item_page)
            page_text = squeeze(pages[item_page - 1])
            assert found(record.text(name_lang).title, [page_text], page_text), record.code
    assert starts == sorted(starts) and len(set(starts)) == 9  # each category on a page of its own start


@pytest.mark.parametrize("lang,fmt", BUILDS)
def test_outline_has_nine_categories_and_87_items(booklets, lang, fmt):
    path, info = booklets[(lang, fmt)]
    tree = outline(path)
    assert len(tree) == 9
    assert sum(len(children) for _t, _p, children in tree) == 87
    for (title, page, children), chapter in zip(tree, booklets["chapters"]):
        assert page == info.category_pages[chapter.code]
        assert [p for _t, p in children] == [info.item_pages[r.code] for r in chapter.items]
        if lang == "ug":  # bookmark titles in Uyghur, in logical order (viewers shape and order them)
            assert chapter.names.ug in title and all(ARABIC.search(t) for t, _p in children)
            assert not any("\ufe70" <= ch <= "\ufeff" for t, _p in children for ch in t)
        else:
            assert chapter.names.zh in title
            assert children[0][0].startswith(chapter.items[0].code)


def test_page_sizes_a4_and_a5(booklets):
    assert "595.276 x 841.89 pts (A4)" in run("pdfinfo", booklets[("bi", "a4")][0])
    assert "419.528 x 595.276 pts" in run("pdfinfo", booklets[("bi", "a5")][0])  # A5 (pdfinfo names A4 only)
    assert booklets[("bi", "a5")][1].pages > booklets[("bi", "a4")][1].pages


def test_uyghur_booklet_runs_right_to_left(booklets):
    """Headings and paragraphs hug the right margin, the page number sits at the left, the card's labels on
    the right of its content (mirrored table)."""
    path, info = booklets[("ug", "a4")]
    page = info.item_pages[booklets["chapters"][0].items[0].code]
    bbox = run("pdftotext", "-f", page, "-l", page, "-bbox", path, "-")
    # each word as drawn (left to right) and as read (right to left: glyphs reversed, then base letters)
    words = [(float(x0), float(x1), base_letters(t), base_letters(t[::-1])) for x0, x1, t in
             re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</word>', bbox)]
    width = 595.276
    code = [w for w in words if w[2] == booklets["chapters"][0].items[0].code][0]
    assert code[1] > width - 60  # the heading starts at the right margin, with the item's code
    title = booklets["chapters"][0].items[0].text("ug").title.split()[0]
    assert [w for w in words if w[3] == title][0][1] < code[0]  # its title follows, to the left
    page_label = [w for w in words if str(page) in re.findall(r"\d+", w[2])]  # "14" or "14-بەت" as drawn
    assert page_label and page_label[-1][1] < width / 2  # the page number at the left (the end side)
    workflow = hl.label("ug", hl.LABEL_WORKFLOW).split()[0]  # English until the catalog is translated
    label = [w for w in words if workflow in (w[2], w[3])]
    assert label and label[0][0] > width * 0.6, workflow


def test_print_is_audited_and_the_paper_says_who_and_when(booklets):
    records = booklets["audit"]
    assert [(r["lang"], r["format"]) for r in records] == list(BUILDS)
    assert all(r["items"] == 87 and r["pages"] > 40 and r["username"] == WORKER.username for r in records)
    text = squeeze(page_texts(booklets[("zh", "a4")][0])[5])
    assert squeeze(WORKER.display_name) in text  # "printed by 阿依古丽 on …" on every page


def test_retired_item_leaves_the_booklet_and_the_counts_follow_with_progress(db, tmp_path):
    _setup_community()
    code = handbook.summaries()[3].code
    title = handbook.item(code).text("zh").title
    handbook.retire_item(ADMIN, code)
    path = tmp_path / "retired.pdf"
    seen = []
    info = build_booklet(WORKER, path, "zh", "a5", progress=lambda pct, msg: seen.append(pct))
    assert seen == sorted(seen) and seen[-1] == 100 and len(seen) > 5  # the GUI's progress dialog moves
    assert info.items == 86 and code not in info.item_pages
    pages = page_texts(path)
    assert code not in "".join(pages)
    contents = squeeze("".join(pages[1:min(info.category_pages.values()) - 1]))
    neighbour = handbook.item(handbook.summaries()[4].code).text("zh").title
    assert squeeze(title) not in contents and squeeze(neighbour) in contents
    assert sum(len(c) for _t, _p, c in outline(path)) == 86
    assert "86" in squeeze(page_texts(path)[0])  # the cover's count


@pytest.mark.parametrize("lang", ["zh", "ug", "bi"])
def test_item_sheet_is_one_a4_page_in_the_chosen_language(db, tmp_path, lang):
    _setup_community()
    code = max(handbook.summaries(), key=lambda s: len(handbook.item(s.code).text("ug").note)).code
    record = handbook.item(code)
    path = tmp_path / f"sheet_{lang}.pdf"
    info = build_item_sheet(WORKER, code, path, lang)
    assert info.pages == 1
    assert "Pages:           1" in run("pdfinfo", path) and "(A4)" in run("pdfinfo", path)
    for row in run("pdffonts", path).splitlines()[2:]:
        assert row.split()[-5] == "yes" and "Helvetica" not in row, row
    text = squeeze(run("pdftotext", path, "-"))
    for lg in ("zh", "ug") if lang == "bi" else (lang,):
        assert squeeze(record.text(lg).title) in text
        assert squeeze(record.text(lg).workflow[-1]) in text
    if lang == "ug":
        assert not re.search("[\u4e00-\u9fff]", run("pdftotext", path, "-").replace(WORKER.display_name, ""))
    row = AuditLog.select().where(AuditLog.action == "print.handbook_item").order_by(AuditLog.id.desc()).get()
    assert row.username == WORKER.username and json.loads(row.detail)["lang"] == lang
    out = artifacts_dir("handbook")
    shutil.copy(path, out / path.name)
    run("pdftoppm", "-png", "-r", "60", path, out / f"sheet_{lang}")


def test_sheet_of_an_office_item_with_no_uyghur_text_yet(db, tmp_path):
    record = handbook.add_item(ADMIN, "MS", "社区自办事项：老年助餐登记", "", 3)
    path = tmp_path / "new.pdf"
    assert build_item_sheet(WORKER, record.code, path, "ug").pages == 1
    text = squeeze(run("pdftotext", path, "-"))
    assert record.code.replace("-", "") in text and squeeze("老年助餐登记") in text  # the Chinese title stands in
    assert squeeze(hl.label("ug", hl.NO_TEXT)) in text


def test_cli_handbook_pdf_writes_the_booklet(db, tmp_path, capsys):
    out = tmp_path / "booklet.pdf"
    assert entry.main(["--db", db, "handbook", "pdf", "--lang", "zh", "--out", str(out), "--format", "a5"]) == 0
    assert out.read_bytes().startswith(b"%PDF") and "419.528 x 595.276 pts" in run("pdfinfo", out)
    assert "87" in capsys.readouterr().out
    assert entry.main(["--db", db, "handbook", "pdf", "--lang", "en", "--out", str(out)]) == 2
    assert entry.main(["--db", db, "handbook", "pdf", "--lang", "zh", "--out", str(tmp_path / "no" / "x.pdf")]) == 1


def test_render_pages_to_look_at(booklets):
    """Cover, contents, a category's first page and an item page of each booklet, as PNGs."""
    out = artifacts_dir("handbook")
    for (lang, fmt), (path, info) in ((k, v) for k, v in booklets.items() if isinstance(k, tuple)):
        second_category = list(info.category_pages.values())[1]
        wanted = {"cover": 1, "contents": 2, "category": second_category, "item": second_category + 1}
        for name, page in wanted.items():
            target = out / f"{lang}_{fmt}_{name}"
            run("pdftoppm", "-png", "-r", "60", "-f", page, "-l", page, "-singlefile", path, target)
            assert target.with_suffix(".png").stat().st_size > 5000

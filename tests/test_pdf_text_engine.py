"""The PDF text engine, checked the way a reader meets a PDF: fonts embedded (pdffonts), text that
comes back out (pdftotext), words where the eye expects them (pdftotext -bbox-layout), pages that
render (pdftoppm; the PNGs are kept in tests/artifacts/ or $BAIJIA_ARTIFACTS to look at).

pdftotext's plain output turns right-to-left lines back into logical order (with bidi marks, and
numbers sometimes pulled together with a neighbouring hyphen); its -bbox output lists each line's
words left to right as drawn, letters in drawing order. Arabic letters come out as the presentation
forms we drew; `base_letters` (NFKC on those, ە for U+FEEA) gives back the letters people type.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.reports.text_engine import TextEngine  # first: installs the rlbidi module for ReportLab

from reportlab.pdfbase import pdfmetrics  # noqa: E402

from app.domain.text_clean import BIDI_CONTROLS, base_letters  # noqa: E402
from app.reports import samples  # noqa: E402
from app.reports.arabic_shaping import shape  # noqa: E402
from app.reports.fonts import describe_fonts, discover_fonts, outline_kind  # noqa: E402

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdffonts", "pdftotext", "pdftoppm", "pdfinfo")),
    reason="poppler-utils (pdffonts, pdftotext, pdftoppm) not installed",
)

A4_WIDTH = 595.2756
FRAME_RIGHT = A4_WIDTH - 18 * 72 / 25.4 - 6  # right margin 18 mm, frame padding 6 pt
FRAME_LEFT = 18 * 72 / 25.4 + 6
UYGHUR_TOKEN = re.compile("[\u0626-\u064a\u067e-\u06d5]+|[0-9]+")
HAN = re.compile("[\u4e00-\u9fff]")
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</word>')


def artifacts_dir() -> Path:
    path = Path(os.environ.get("BAIJIA_ARTIFACTS") or Path(__file__).parent / "artifacts")
    path.mkdir(parents=True, exist_ok=True)
    ignore = path / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")
    return path


def run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdffonts(path) -> list[dict]:
    rows = run("pdffonts", str(path)).splitlines()[2:]
    out = []
    for row in rows:
        parts = row.split()
        # name type... encoding emb sub uni id gen: the flags are the 5th-to-last … 3rd-to-last
        out.append({"name": parts[0], "emb": parts[-5], "row": row})
    return out


def logical_text(path) -> str:
    """pdftotext's reading-order text, bidi marks removed, letters as typed."""
    text = run("pdftotext", str(path), "-")
    return base_letters("".join(ch for ch in text if ch not in BIDI_CONTROLS and ch != "\u202c"))


def bbox_lines(path) -> list[list[dict]]:
    """Per page: lines, each {'y', 'words': [{'x0', 'x1', 'text'}] left to right as drawn}."""
    doc = run("pdftotext", "-bbox-layout", str(path), "-")
    pages = []
    for page in doc.split("<page ")[1:]:
        lines = []
        for line in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', page, re.S):
            words = [
                {"x0": float(x0), "x1": float(x1), "text": html.unescape(t)}
                for x0, x1, t in re.findall(WORD, line.group(2))
            ]
            lines.append({"y": float(line.group(1)), "words": sorted(words, key=lambda w: w["x0"])})
        lines = [ln for ln in lines if ln["words"]]
        pages.append(sorted(lines, key=lambda ln: (round(ln["y"]), ln["words"][0]["x0"])))
    return pages


def drawn(word: dict) -> str:
    """A word as drawn, left to right, in base letters (so 'ىلىي-2024' for 2024-يىلى)."""
    return base_letters(word["text"])


def read_rtl(word: dict) -> str:
    """A right-to-left word of letters and punctuation, back in reading order (brackets un-mirrored).
    Glyphs are reversed before going back to letters: a lam-alef ligature stands for "لا"."""
    return base_letters(word["text"][::-1]).translate(str.maketrans("()", ")("))


def positions(line) -> dict:
    """x of each word of a line, by its drawn form and by its right-to-left reading."""
    return {key: w["x0"] for w in line["words"] for key in (drawn(w), read_rtl(w), w["text"])}


def find_line(lines, predicate):
    for i, line in enumerate(lines):
        if predicate(line):
            return i, line
    raise AssertionError("line not found")


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "text_sample.pdf"
    samples.build_text_sample(path)
    shutil.copy(path, artifacts_dir() / "text_sample.pdf")
    return path


@pytest.fixture(scope="module")
def page1(sample_pdf):
    return bbox_lines(sample_pdf)[0]


# --- fonts ----------------------------------------------------------------------------------------
def test_every_font_is_embedded_and_there_is_no_helvetica(sample_pdf):
    fonts = pdffonts(sample_pdf)
    assert fonts, "no fonts listed"
    for f in fonts:
        assert f["emb"] == "yes", f["row"]
        assert "Helvetica" not in f["name"], f["row"]
    engine = TextEngine("ug")
    names = " ".join(f["name"] for f in fonts)
    for role in ("cjk", "uyghur"):  # the Chinese and the Uyghur font both drew something
        ps_name = pdfmetrics.getFont(engine.fonts.font_name(role)).face.name.decode()
        assert ps_name in names, (role, ps_name, names)


def test_font_override_from_settings_is_used(tmp_path):
    naskh = "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"
    if not os.path.exists(naskh):
        pytest.skip("fonts-noto-core not installed")
    fs = discover_fonts({"uyghur": naskh})
    assert fs.uyghur.source == "settings" and fs.uyghur.path == naskh
    engine = TextEngine("ug", fs)
    doc = engine.doc(tmp_path / "naskh.pdf")
    doc.build([engine.para("مەھەللە خىزمەتچىسى 2024-يىلى")])
    names = [f["name"] for f in pdffonts(tmp_path / "naskh.pdf")]
    assert any("NotoNaskhArabic" in n for n in names), names


def test_cff_and_missing_font_overrides_are_reported_not_fatal():
    cff = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    if not os.path.exists(cff):
        pytest.skip("fonts-noto-cjk not installed")
    assert outline_kind(cff) == "cff"
    fs = discover_fonts({"cjk": cff, "latin": "/nonexistent/font.ttf"})
    assert fs.cjk is not None and fs.cjk.path != cff  # fell back to a TrueType CJK font
    problems = "\n".join(fs.missing)
    assert "PostScript (CFF)" in problems and "file not found" in problems
    lines = describe_fonts({"cjk": cff})
    assert any(line.startswith("Chinese font:") and fs.cjk.family in line for line in lines)
    assert any("CFF" in line for line in lines)


# --- Uyghur -------------------------------------------------------------------------------------
def test_uyghur_letters_take_their_joined_forms():
    cases = {
        "مەھەللە": "\ufee3\ufeea\ufbac\ufeea\ufedf\ufee0\ufeea",  # ە final = U+FEEA, ھ medial
        "بېرىش": "\ufe91\ufbe7\ufeae\ufbe8\ufeb6",  # ې medial, ى initial (Uyghur form)
        "يېڭى": "\ufef3\ufbe7\ufbd6\ufef0",  # ڭ medial
        "ئۈرۈمچى": "\ufe8b\ufbdc\u0631\u06c8\ufee3\ufb7d\ufef0",  # ئ initial, ۈ final / isolated
        "ئۇيغۇر": "\ufe8b\ufbd8\ufef3\ufed0\ufbd8\u0631",  # ۇ final
        "تۆۋەن": "\ufe97\ufbda\u06cb\u06d5\u0646",  # ۆ final; ۋ ە ن isolated
        "ھەئە": "\ufbac\ufeea\ufe8b\ufeea",  # ھ initial
        "ئابدۇللا": "\ufe8b\ufe8e\ufe91\ufeaa\u06c7\ufedf\ufefc",  # lam-alef ligature
    }
    for word, forms in cases.items():
        assert shape(word) == forms, word
        assert base_letters(forms) == word


def test_uyghur_words_come_back_in_reading_order(sample_pdf):
    tokens = UYGHUR_TOKEN.findall(logical_text(sample_pdf))
    for paragraph in samples.UG_PARAGRAPHS:
        expected = UYGHUR_TOKEN.findall(paragraph)
        assert any(tokens[i:i + len(expected)] == expected for i in range(len(tokens))), paragraph[:40]


def test_uyghur_paragraph_starts_at_the_right_edge_and_wraps(page1):
    words = samples.UG_PARAGRAPHS[0].split()
    i, first = find_line(page1, lambda ln: any(read_rtl(w) == words[1] for w in ln["words"]))
    reading = [read_rtl(w) for w in reversed(first["words"])]  # right to left
    assert reading == words[:len(reading)], "first line must hold the first words, right to left"
    assert abs(first["words"][-1]["x1"] - FRAME_RIGHT) < 1.5, "first word must touch the right edge"
    assert len(reading) < len(words), "a long paragraph must wrap"
    # the paragraph's last, short line hugs the right edge too
    j, last = find_line(page1, lambda ln: any(read_rtl(w) == words[-1] for w in ln["words"]))
    assert j > i and last["y"] > first["y"]
    assert abs(last["words"][-1]["x1"] - FRAME_RIGHT) < 1.5
    assert last["words"][0]["x0"] > A4_WIDTH / 2
    # every line of the paragraph continues where the previous one stopped
    read = []
    for line in page1[i:j + 1]:
        read += [read_rtl(w) for w in reversed(line["words"])]
    assert read == words


def test_numbers_dates_and_phones_read_left_to_right(page1):
    drawn_words = {drawn(w) for line in page1 for w in line["words"]}
    # human-checked drawings: digits left to right; in "2024-يىلى" the number is on the right
    for expected in ("ىلىي-2024", "،ترام-15", "ىكىدانىب-3", "0991-1234567", "138****1234"):
        assert expected in drawn_words, expected
    # Babel's ug_CN long date "15-مارت، 2024": reading right to left, 15-مارت، comes before 2024
    _, line = find_line(page1, lambda ln: any(drawn(w) == "،ترام-15" for w in ln["words"]))
    xs = positions(line)
    assert xs["،ترام-15"] > xs["2024"] > xs["كۈنى"]  # … 15-مارت، 2024 كۈنى …


def test_chinese_and_latin_inside_a_uyghur_sentence(page1):
    _, line = find_line(page1, lambda ln: any(w["text"] == "阿不都拉" for w in ln["words"]))
    x = positions(line)
    # تور خادىمى 阿不都拉 (ئابدۇللا) 3-بىنادىكى … ۋە Baijia پروگراممىسى …: read right to left
    assert x["تور"] > x["خادىمى"] > x["阿不都拉"] > x["(ئابدۇللا)"] > x["ىكىدانىب-3"]
    assert x["ۋە"] > x["Baijia"] > x["پروگراممىسى"]


def test_bilingual_table_columns_are_mirrored(page1):
    heads = {w["text"]: w["x0"] for line in page1 for w in line["words"]}
    assert heads["№"] > heads["姓名"] > heads["地址"] > heads["电话"] > heads["日期"]
    # inside the RTL cell "姓名 / ئىسىم" the Chinese comes first, i.e. on the right
    assert heads["姓名"] > heads["ﻢﯩﺴﯩﺋ"]
    assert abs(max(w["x1"] for line in page1 for w in line["words"] if w["text"] == "№") - FRAME_RIGHT) < 12


def test_header_and_page_number_drawn_on_the_canvas(page1):
    top = min(page1, key=lambda ln: ln["y"])
    title_words = samples.UG_TITLE.split()
    assert read_rtl(top["words"][-1]) == title_words[0]  # header starts on the right
    assert abs(top["words"][-1]["x1"] - (A4_WIDTH - 18 * 72 / 25.4)) < 1.5
    lowest = max(ln["y"] for ln in page1)
    bottom = [w for ln in page1 if abs(ln["y"] - lowest) < 2 for w in ln["words"]]
    bottom.sort(key=lambda w: w["x0"])
    assert drawn(bottom[0]) == "تەب-1"  # "1-بەت", at the left (end) side
    assert abs(bottom[0]["x0"] - 18 * 72 / 25.4) < 1.5
    # the footer, from pieces ("Baijia", "·", date): read right to left, the date stays whole
    assert [drawn(w) for w in bottom[1:]] == ["2024", "،ترام-15", "·", "Baijia"]


def test_uyghur_paragraph_split_across_pages_keeps_order_and_alignment(tmp_path):
    engine = TextEngine("ug")
    text = " ".join([samples.UG_PARAGRAPHS[0], samples.UG_PARAGRAPHS[2]] * 14)
    doc = engine.doc(tmp_path / "long.pdf")
    doc.build([engine.para(text)])
    pages = bbox_lines(tmp_path / "long.pdf")
    assert len(pages) >= 2
    tokens = UYGHUR_TOKEN.findall(logical_text(tmp_path / "long.pdf"))
    assert tokens == UYGHUR_TOKEN.findall(text)
    for page in pages:  # right-aligned on every page, the continued part too
        assert all(abs(ln["words"][-1]["x1"] - FRAME_RIGHT) < 1.5 for ln in page)
    first_word = samples.UG_PARAGRAPHS[0].split()[0]
    assert read_rtl(pages[0][0]["words"][-1]) == first_word


# --- Chinese and user text ------------------------------------------------------------------------
def test_chinese_paragraph_wraps_between_hanzi(sample_pdf, page1):
    paragraph = samples.ZH_PARAGRAPHS[0]
    assert "".join(HAN.findall(paragraph)) in "".join(HAN.findall(logical_text(sample_pdf)))
    text_of = lambda ln: "".join(w["text"] for w in ln["words"])  # noqa: E731
    start, _ = find_line(page1, lambda ln: text_of(ln).startswith(paragraph[:4]))
    end, _ = find_line(page1, lambda ln: text_of(ln).endswith(paragraph[-8:]))
    lines = page1[start:end + 1]
    assert len(lines) >= 3 and "".join(map(text_of, lines)) == paragraph.replace(" ", "")
    for line in lines:
        assert abs(line["words"][0]["x0"] - FRAME_LEFT) < 1.5
    for line, after in zip(lines, lines[1:]):
        # a line is broken between two hanzi, filling it; only a number or Latin word that
        # does not fit (0991-1234567) moves to the next line whole
        assert line["words"][-1]["x1"] > FRAME_RIGHT - 12 or not HAN.match(after["words"][0]["text"])
    assert lines[0]["words"][-1]["x1"] > FRAME_RIGHT - 12


def test_user_text_is_printed_not_interpreted(sample_pdf):
    assert "A & B <楼> 7" in logical_text(sample_pdf)


def test_mixed_cell_uses_a_font_per_script():
    engine = TextEngine("ug")
    markup = engine.markup("阿不都拉 / ئابدۇللا")
    cjk = engine.fonts.font_name("cjk")
    assert f'<font name="{cjk}">阿不都拉' in markup
    assert "ئا" not in markup.split(cjk)[1].split("</font>")[0]  # no Uyghur in the CJK run
    assert engine.markup("a<b>&c") == "a&lt;b&gt;&amp;c"


# --- ReportLab's own RTL path, pages, speed -----------------------------------------------------
RL_RTL_SCRIPT = """
import sys
from app.reports.text_engine import TextEngine  # before any ReportLab platypus import
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import textobject
from reportlab.platypus import Paragraph
assert textobject.rtlSupport, "ReportLab did not pick up our rlbidi"
engine = TextEngine("ug")
style = ParagraphStyle("rtl", fontName=engine.fonts.font_name("uyghur"), fontSize=11, leading=18,
                       wordWrap="RTL", alignment=TA_RIGHT)
doc = engine.doc(sys.argv[1])
doc.build([Paragraph(sys.argv[2], style)])
"""


def test_reportlab_rtl_word_wrap_works_with_our_rlbidi(tmp_path):
    # ReportLab looks for rlbidi once, when its text module is first imported: run in a fresh
    # interpreter so that other tests' imports cannot have come first.
    text = samples.UG_PARAGRAPHS[1]
    pdf = tmp_path / "rl.pdf"
    subprocess.run([sys.executable, "-c", RL_RTL_SCRIPT, str(pdf), text], check=True,
                   cwd=Path(__file__).resolve().parent.parent)
    tokens = UYGHUR_TOKEN.findall(logical_text(pdf))
    expected = UYGHUR_TOKEN.findall(text)
    assert any(tokens[i:i + len(expected)] == expected for i in range(len(tokens)))
    first = bbox_lines(pdf)[0][0]
    assert drawn(first["words"][-1]) == "ىلىي-2024"  # first words at the right, letters joined
    assert "\ufbe9" in first["words"][-1]["text"]  # ى in its Uyghur medial form


def test_pages_render(sample_pdf):
    out = artifacts_dir()
    for old in out.glob("text_sample-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(sample_pdf), str(out / "text_sample")], check=True)
    pngs = sorted(out.glob("text_sample-*.png"))
    assert pngs
    from PIL import Image

    with Image.open(pngs[0]) as im:
        gray = im.convert("L")
        dark = sum(gray.histogram()[:128])
    assert dark > 0.01 * gray.width * gray.height, "page 1 is (nearly) blank"


def test_twenty_page_mixed_pdf_builds_in_a_few_seconds(tmp_path):
    TextEngine("ug")  # fonts parsed and registered: not part of the timing
    start = time.perf_counter()
    samples.build_text_sample(tmp_path / "long.pdf", repeat=26)
    elapsed = time.perf_counter() - start
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(tmp_path / "long.pdf"))).group(1))
    print(f"\n{pages} pages in {elapsed:.2f} s")
    assert pages >= 20
    assert elapsed < 5.0

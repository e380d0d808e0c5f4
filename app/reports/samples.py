"""A sample PDF that exercises the text engine: `baijia doctor --pdf-sample` prints it so a person
can look at it, and tests/test_pdf_text_engine.py checks it.

It has wrapping Uyghur paragraphs (with numbers, a date, a phone number, a Chinese name and Latin
words inside), a bilingual table with mirrored columns, a wrapping Chinese paragraph and a Chinese
table, with a header and page numbers on every page.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from app.reports.fonts import FontSet
from app.reports.text_engine import TextEngine

SAMPLE_DATE = date(2024, 3, 15)
UG_DATE = format_date(SAMPLE_DATE, "long", locale="ug_CN")  # 15-مارت، 2024
ZH_DATE = format_date(SAMPLE_DATE, "long", locale="zh_CN")  # 2024年3月15日

UG_TITLE = "مەھەللە خىزمىتى ئۈلگە دوكلاتى"
UG_PARAGRAPHS = [
    "مەھەللە خىزمەتچىلىرى ھەر كۈنى ئائىلىلەرنى زىيارەت قىلىپ، ئاھالىلەرنىڭ ئەھۋالىنى ئىگىلەيدۇ ۋە "
    "ئۇلارنىڭ ئىلتىماسلىرىنى ۋاقتىدا بېجىرىدۇ. ياشانغانلار، مېيىپلار ۋە يالغۇز ياشايدىغان ئاھالىلەرگە "
    "ئالاھىدە كۆڭۈل بۆلۈپ، تۇرمۇشىدىكى قىيىنچىلىقلارنى ھەل قىلىشقا ياردەم بېرىدۇ.",
    f"2024-يىلى {UG_DATE} كۈنى مەھەللىمىزدە 120 ئائىلە زىيارەت قىلىندى، ئۇلارنىڭ 35 ئائىلىسى "
    "يېڭى ئىلتىماس سۇنۇپ، 28 ئىلتىماس بېجىرىلدى. سوئال بولسا تېلېفون: 0991-1234567 غا ئۇلىنىڭ.",
    "تور خادىمى 阿不都拉 (ئابدۇللا) 3-بىنادىكى 12 ئائىلىنى زىيارەت قىلدى ۋە Baijia پروگراممىسى "
    "ئارقىلىق زىيارەت خاتىرىسىنى ساقلىدى.",
]
ZH_TITLE = "社区工作示例报告"
ZH_PARAGRAPHS = [
    "进百家门、知百家情、管百家事、解百家难、暖百家心。社区工作者每天入户走访，了解居民的实际困难，"
    "对老年人、残疾人和独居居民给予特别关心，把居民的诉求及时受理、办理、反馈，做到件件有回音、事事有着落。"
    f"{ZH_DATE}共走访 120 户，受理诉求 35 件，办结 28 件，咨询电话 0991-1234567。",
]
TABLE_ROWS = [
    ["№", "姓名 / ئىسىم", "地址 / ئادرېس", "电话 / تېلېفون", "日期 / چېسلا"],
    ["1", "阿不都拉 / ئابدۇللا", "3-بىنا 2-ئىشىك 501", "138****1234", UG_DATE],
    ["2", "阿依古丽·买买提 / ئايگۈل مەمەت", "团结路 88 号 3 栋", "139****5678", ZH_DATE],
    ["3", "王建国", "A & B <楼> 7", "0991-1234567", "2024-03-15"],
]
ZH_TABLE_ROWS = [
    ["序号", "服务事项", "办理时限", "备注"],
    ["1", "居民身份证申领咨询", "即时办理", "前台受理"],
    ["2", "高龄津贴申请（80 周岁以上）", "5 个工作日", "需户口簿、身份证"],
]


def build_text_sample(path, fontset: FontSet | None = None, repeat: int = 1) -> str:
    """Write the sample PDF to `path` (a path or a binary file object); `repeat` > 1 repeats the
    content, for timing. Returns a one-line description of the fonts used."""
    ug = TextEngine("ug", fontset)
    zh = TextEngine("zh", ug.fonts)
    doc = ug.doc(path, title=UG_TITLE + " / " + ZH_TITLE, author="Baijia", subject="text engine sample")
    frame_w = doc.width
    widths = [0.07 * frame_w, 0.27 * frame_w, 0.26 * frame_w, 0.2 * frame_w, 0.2 * frame_w]
    story = []
    for _ in range(max(1, repeat)):
        story.append(ug.para(UG_TITLE, "title"))
        story.append(ug.para("مەھەللە ۋە ئائىلە", "h1"))
        story += [ug.para(p) for p in UG_PARAGRAPHS]
        story.append(ug.para("ئاھالىلەر جەدۋىلى", "h2"))
        story.append(ug.table(TABLE_ROWS, widths, zebra=True))
        story.append(zh.para(ZH_TITLE, "h1"))
        story += [zh.para(p) for p in ZH_PARAGRAPHS]
        story.append(zh.table(ZH_TABLE_ROWS, [0.1 * frame_w, 0.45 * frame_w, 0.2 * frame_w, 0.25 * frame_w]))
    decorate = ug.page_decorator(header=UG_TITLE + " — " + ZH_TITLE, footer=("Baijia", "·", UG_DATE))
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return "; ".join(f"{r}: {ug.fonts.get(r).family}" for r in ("cjk", "uyghur", "latin") if ug.fonts.get(r))

"""Uyghur Latin (ULY) ↔ Arabic script, as `baijia translit` and the name fields use it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.translit import to_arabic, to_latin

# Glossary terms (copied from GLOSSARY.md, which may move) with their ULY spelling.
GLOSSARY = [
    ("mehelle", "مەھەللە"),
    ("tor xadimi", "تور خادىمى"),
    ("bina", "بىنا"),
    ("a'ile", "ئائىلە"),  # hiatus inside a word: written with an apostrophe
    ("a'ile bashliqi", "ئائىلە باشلىقى"),
    ("ahale", "ئاھالە"),
    ("kimlik nomuri", "كىملىك نومۇرى"),
    ("téléfon", "تېلېفون"),
    ("jinsi er / ayal", "جىنسى ئەر / ئايال"),
    ("tughulghan waqti", "تۇغۇلغان ۋاقتى"),
    ("ziyaret", "زىيارەت"),
    ("öymu'öy ziyaret", "ئۆيمۇئۆي زىيارەت"),
    ("iltimas", "ئىلتىماس"),
    ("qobul qilish", "قوبۇل قىلىش"),
    ("béjiriliwatidu", "بېجىرىلىۋاتىدۇ"),
    ("inkas qayturush", "ئىنكاس قايتۇرۇش"),
    ("yötkep béjirish", "يۆتكەپ بېجىرىش"),
    ("möhlet", "مۆھلەت"),
    ("möhliti ötken", "مۆھلىتى ئۆتكەن"),
    ("mulazimet qollanmisi", "مۇلازىمەت قوللانمىسى"),
    ("siyaset asasi", "سىياسەت ئاساسى"),
    ("teyyarlinidighan matériyallar", "تەييارلىنىدىغان ماتېرىياللار"),
    ("partiye-amme mulazimet merkizi", "پارتىيە-ئاممە مۇلازىمەت مەركىزى"),
    ("yéngi dewr medeniyet emeliyiti ponkiti", "يېڭى دەۋر مەدەنىيەت ئەمەلىيىتى پونكىتى"),
    ("teshwiqat-ma'arip", "تەشۋىقات-مائارىپ"),
    ("xelq turmushi", "خەلق تۇرمۇشى"),
    ("sehiye-saghlamliq", "سەھىيە-ساغلاملىق"),
    ("bowaq-balilarni béqish", "بوۋاق-بالىلارنى بېقىش"),
    ("yashan'ghanlarni béqish", "ياشانغانلارنى بېقىش"),  # n + gh
    ("igilik tiklesh", "ئىگىلىك تىكلەش"),
    ("sheher bashqurush", "شەھەر باشقۇرۇش"),
    ("yalghuz yashaydighan", "يالغۇز ياشايدىغان"),
    ("méyiplar", "مېيىپلار"),
    ("eng töwen turmush kapaliti", "ئەڭ تۆۋەن تۇرمۇش كاپالىتى"),
    ("ishqa orunlishish", "ئىشقا ئورۇنلىشىش"),
    ("ayliq xizmet doklati", "ئايلىق خىزمەت دوكلاتى"),
    ("chésla", "چېسلا"),
    ("adrés", "ئادرېس"),
    ("jem'iy", "جەمئىي"),
    ("bügün", "بۈگۈن"),
    ("tengshekler", "تەڭشەكلەر"),
    ("ishletküchi ati / im", "ئىشلەتكۈچى ئاتى / ئىم"),
    ("xenzuche / uyghurche", "خەنزۇچە / ئۇيغۇرچە"),
    ("jezmle / waz kech", "جەزملە / ۋاز كەچ"),
    ("he'e / yaq", "ھەئە / ياق"),
    ("zapasla / eslige keltür", "زاپاسلا / ئەسلىگە كەلتۈر"),
    ("kir / chékin", "كىر / چېكىن"),
    ("qayt / kéyinki", "قايت / كېيىنكى"),
]

KNOWN = [
    ("abdulla", "ئابدۇللا"),
    ("ürümchi", "ئۈرۈمچى"),
    ("sin'gil", "سىنگىل"),  # n + g, not ng
    ("san'gh", "سانغ"),  # n + gh
    ("is'hal", "ئىسھال"),  # s + h, not sh
    ("mes'ul", "مەسئۇل"),  # hamza after a consonant
    ("sin'ip", "سىنئىپ"),
    ("2024-yili 15-mart", "2024-يىلى 15-مارت"),
    ("soal, jawab? ha; yaq", "سوئال، جاۋاب؟ ھا؛ ياق"),
]


def test_examples_from_the_brief():
    assert to_latin("مەھەللە") == "mehelle"
    assert to_arabic("abdulla") == "ئابدۇللا"


def test_glossary_and_known_pairs_both_ways():
    for latin, arabic in GLOSSARY + KNOWN:
        assert to_arabic(latin) == arabic, latin
        if latin != "soal, jawab? ha; yaq":
            assert to_latin(arabic) == latin, arabic
    assert to_latin("سوئال، جاۋاب؟ ھا؛ ياق") == "so'al, jawab? ha; yaq"


def test_latin_input_is_read_leniently():
    assert to_arabic("ABDULLA Ürümchi") == "ئابدۇللا ئۈرۈمچى"
    assert to_arabic("ma’arip") == to_arabic("maarip") == to_arabic("ma'arip") == "مائارىپ"
    assert to_arabic("e\u0301") == "ئې"  # é typed as e + combining acute
    assert to_arabic("'quoted' text") == "'قۇئوتەد' تەخت"  # apostrophes that are quotes stay


def test_arabic_input_is_read_leniently():
    joined_glyphs = "\ufee3\ufeea\ufbac\ufeea\ufedf\ufee0\ufeea"  # مەھەللە as copied from a PDF
    assert to_latin(joined_glyphs) == "mehelle"
    assert to_latin("مەھەللە 阿不都拉 2024") == "mehelle 阿不都拉 2024"


def test_output_uses_base_letters_only():
    for latin, _arabic in GLOSSARY:
        for ch in to_arabic(latin):
            assert not ("\ufb50" <= ch <= "\ufeff"), (latin, ch)


# --- round trips -------------------------------------------------------------------------------
CONSONANTS = ["b", "p", "t", "j", "ch", "x", "d", "r", "z", "zh", "s", "sh", "gh", "f", "q", "k",
              "g", "ng", "l", "m", "n", "h", "w", "y"]
VOWELS = ["a", "e", "é", "i", "o", "u", "ö", "ü"]
SEPARATED = {("n", "g"), ("n", "gh"), ("s", "h"), ("z", "h"), ("g", "h")}


@st.composite
def uly_words(draw):
    """A canonical ULY word: letters, spelled by the ULY rules. An apostrophe goes
    - between a vowel and the vowel after it (the hamza of a hiatus: ma'arip),
    - before a vowel after a consonant where the Arabic has a hamza (mes'ul): drawn at random,
    - between two letters that would read as a digraph (sin'gil, is'hal)."""
    letters = draw(st.lists(st.sampled_from(CONSONANTS + VOWELS), min_size=1, max_size=10))
    out = letters[0]
    for prev, cur in zip(letters, letters[1:]):
        if cur in VOWELS and (prev in VOWELS or draw(st.booleans())):
            out += "'"
        elif (prev, cur) in SEPARATED:
            out += "'"
        out += cur
    return out


ARABIC_VOWELS = [to_arabic("x" + v)[1:] for v in VOWELS]
ARABIC_CONSONANTS = [to_arabic(c) for c in CONSONANTS]


@st.composite
def arabic_words(draw):
    """A canonical Uyghur word in Arabic script: Uyghur letters, with ئ before a vowel that starts
    the word or follows a vowel, and (at random) before a vowel after a consonant."""
    letters = draw(st.lists(st.sampled_from(ARABIC_CONSONANTS + ARABIC_VOWELS), min_size=1, max_size=10))
    out = ""
    prev = None
    for cur in letters:
        if cur in ARABIC_VOWELS and (prev is None or prev in ARABIC_VOWELS or draw(st.booleans())):
            out += "ئ"
        out += cur
        prev = cur
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(uly_words(), min_size=1, max_size=4), st.sampled_from([" ", "-", ", ", " 2024 "]))
def test_latin_arabic_latin_is_identity_on_canonical_uly(words, sep):
    text = sep.join(words)
    assert to_latin(to_arabic(text)) == text


@settings(max_examples=300, deadline=None)
@given(st.lists(arabic_words(), min_size=1, max_size=4), st.sampled_from([" ", "-", "، ", " 15 "]))
def test_arabic_latin_arabic_is_identity_on_uyghur_words(words, sep):
    text = sep.join(words)
    assert to_arabic(to_latin(text)) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_converters_never_fail_and_keep_digits(text):
    for out in (to_arabic(text), to_latin(text)):
        assert [c for c in out if c in "0123456789"] == [c for c in text if c in "0123456789"]

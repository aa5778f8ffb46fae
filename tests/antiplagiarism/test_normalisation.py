"""Each trick that hides reuse is undone and recorded as an alert with its count."""

from __future__ import annotations

from antiplagiarism.engine.extract import extract
from antiplagiarism.engine.fingerprint import fingerprints
from antiplagiarism.engine.normalize import HIDDEN_TEXT, INVISIBLE, LOOKALIKE, ODD_SPACES, normalize
from tests.antiplagiarism.factories import docx_bytes, odt_bytes
from tests.antiplagiarism.texts import EN, KK, RU


def test_latin_lookalikes_inside_cyrillic_words_are_put_back():
    tricked = RU.replace("о", "o").replace("а", "a").replace("е", "e").replace("р", "p").replace("с", "c")
    result = normalize(tricked)
    assert result.text == RU
    alert = result.alert(LOOKALIKE)
    expected = sum(RU.count(ch) for ch in "оаерс")
    assert alert.count == expected
    assert alert.examples


def test_cyrillic_lookalikes_inside_latin_words_are_put_back():
    tricked = EN.replace("o", "о").replace("e", "е").replace("a", "а")
    result = normalize(tricked)
    assert result.text == EN
    assert result.alert(LOOKALIKE).count == sum(EN.count(ch) for ch in "oea")


def test_kazakh_words_with_latin_i_and_h_are_put_back():
    tricked = KK.replace("і", "i").replace("һ", "h")
    result = normalize(tricked)
    assert result.text == KK
    assert result.alert(LOOKALIKE).count == KK.count("і") + KK.count("һ")


def test_word_made_only_of_lookalikes_takes_the_script_of_its_neighbours():
    result = normalize("Он сказал: сор и рос, а потом ушёл домой. " + "Слово " + "cop" + " стоит среди русских слов.")
    assert "сор" in result.text
    assert result.alert(LOOKALIKE).count == 3


def test_honest_text_raises_no_alert():
    for text in (KK, RU, EN, "Компания IBM и стандарт ISO 9001 в тексте на русском."):
        assert normalize(text).alerts == []


def test_zero_width_and_invisible_characters_are_removed_and_counted():
    tricked = RU.replace(" ", " \u200b", 5).replace("ие", "и\u200dе").replace("ор", "о\u00adр", 3) + "\ufeff"
    result = normalize(tricked)
    assert result.text == RU
    assert result.alert(INVISIBLE).count == 5 + RU.count("ие") + min(3, RU.count("ор")) + 1


def test_odd_spaces_become_plain_spaces():
    result = normalize(EN.replace(" ", "\u2009", 4))
    assert result.text == EN
    assert result.alert(ODD_SPACES).count == 4


def test_fingerprints_survive_every_trick():
    tricked = RU.replace("о", "o").replace(" ", "\u200b ", 10)
    assert fingerprints(normalize(tricked).text) == fingerprints(RU)


def test_white_letters_in_place_of_spaces_in_docx_are_dropped_and_spaces_put_back():
    words = RU.split(" ")
    runs = []
    for word in words[:-1]:
        runs += [(word, {}), ("x", {"color": "FFFFFF"})]
    runs.append((words[-1], {}))
    extraction = extract(docx_bytes([runs]))
    result = normalize(extraction.text, extraction.hidden)
    assert result.text == RU
    assert result.alert(HIDDEN_TEXT).count == len(words) - 1


def test_tiny_font_vanish_and_hidden_style_text_in_docx_is_hidden():
    styles = '<w:style w:type="character" w:styleId="Secret"><w:rPr><w:color w:val="ffffff"/></w:rPr></w:style>'
    data = docx_bytes(
        [
            [(EN, {})],
            [("tiny padding words", {"sz": 2})],
            [("vanished padding words", {"vanish": True})],
            [("styled padding words", {"style": "Secret"})],
        ],
        styles=styles,
    )
    extraction = extract(data)
    result = normalize(extraction.text, extraction.hidden)
    assert result.text == EN
    assert {run.reason for run in extraction.hidden} == {"size", "vanish", "colour"}
    assert result.alert(HIDDEN_TEXT).count == len("tiny padding words") + len("vanished padding words") + len(
        "styled padding words"
    )


def test_white_and_tiny_text_in_odt_is_hidden():
    styles = (
        '<style:style style:name="T1" style:family="text"><style:text-properties fo:color="#ffffff"/></style:style>'
        '<style:style style:name="T2" style:family="text"><style:text-properties fo:font-size="1pt"/></style:style>'
    )
    cut = KK.index(" ", 60) + 1  # padding words slipped in between two visible words
    body = (
        f"<text:p>{KK[:cut]}<text:span text:style-name=\"T1\">жасырын сөздер </text:span>{KK[cut:]}</text:p>"
        '<text:p><text:span text:style-name="T2">өте кішкентай мәтін</text:span></text:p>'
    )
    extraction = extract(odt_bytes(body, styles))
    result = normalize(extraction.text, extraction.hidden)
    assert result.text == KK
    assert result.alert(HIDDEN_TEXT).count == len("жасырын сөздер ") + len("өте кішкентай мәтін")

"""UNIMARC ↔ MARC 21, field by field and both ways (`cataloguing.unimarc.tables`), detection, character sets."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from django.utils import translation
from pymarc import Field, Indicators, Record, Subfield

from cataloguing import marc
from cataloguing.unimarc import is_unimarc
from cataloguing.unimarc.charsets import ISO5426_CHARACTERS, ISO5426_DIACRITICS, Undecodable, decoder_for
from cataloguing.unimarc.convert import to_marc21, to_unimarc
from cataloguing.unimarc.io import as_iso2709, parse_iso2709
from tests.cataloguing.factories import marc_record


def field(tag: str, indicators: str, *pairs: str) -> Field:
    """field("200", "1 ", "a", "Title", "e", "Other") — pairs of code and value."""
    return Field(tag=tag, indicators=Indicators(*indicators),
                 subfields=[Subfield(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)])


def record(*fields: Field, leader: str = "00000nam  22000002  450 ") -> Record:
    result = Record()
    result.leader = leader
    result.fields = list(fields)
    return result


def marc_fields(converted: Record, tag: str) -> list[str]:
    return [str(f) for f in converted.get_fields(tag)]


# (UNIMARC fields, MARC 21 fields they become, MARC tag compared, UNIMARC tag compared)
CASES = {
    "010 ISBN": ([field("010", "  ", "a", "978-601-04-1234-5", "b", "пер.", "d", "1500 тг")],
                 [field("020", "  ", "a", "978-601-04-1234-5", "q", "пер.", "c", "1500 тг")]),
    "011 ISSN": ([field("011", "  ", "a", "1563-0269", "y", "1234-5679")],
                 [field("022", "  ", "a", "1563-0269", "z", "1234-5679")]),
    "200 title and responsibility": (
        [field("200", "1 ", "a", "Қазақ хандығының тарихы", "e", "оқу құралы", "f", "Ә. Н. Бөкейханов",
               "g", "ред. Қ. Ахметов")],
        [field("245", "00", "a", "Қазақ хандығының тарихы :", "b", "оқу құралы /",
               "c", "Ә. Н. Бөкейханов ; ред. Қ. Ахметов")]),
    "200 parts and GMD": (
        [field("200", "1 ", "a", "Информатика", "b", "Текст", "h", "Ч. 2", "i", "Алгоритмы")],
        [field("245", "00", "a", "Информатика", "h", "[Текст].", "n", "Ч. 2,", "p", "Алгоритмы")]),
    "205 edition": ([field("205", "  ", "a", "2-е изд., перераб.", "f", "под ред. И. И. Иванова")],
                    [field("250", "  ", "a", "2-е изд., перераб. /", "b", "под ред. И. И. Иванова")]),
    "210 publication": (
        [field("210", "  ", "a", "М.", "c", "Наука", "a", "СПб.", "c", "Питер", "d", "2018")],
        [field("260", "  ", "a", "М. :", "b", "Наука ;", "a", "СПб. :", "b", "Питер,", "c", "2018")]),
    "214 publication statement": ([field("214", " 1", "a", "Астана", "c", "Фолиант", "d", "2021")],
                                  [field("264", " 1", "a", "Астана :", "b", "Фолиант,", "c", "2021")]),
    "215 physical description": (
        [field("215", "  ", "a", "250 б.", "c", "сур.", "d", "20 см", "e", "1 CD")],
        [field("300", "  ", "a", "250 б. :", "b", "сур. ;", "c", "20 см +", "e", "1 CD")]),
    "225 series": ([field("225", "1 ", "a", "Қазақстан тарихы", "v", "3")],
                   [field("490", "0 ", "a", "Қазақстан тарихы ;", "v", "3")]),
    "300 general note": ([field("300", "  ", "a", "Мемлекеттік тілде")],
                         [field("500", "  ", "a", "Мемлекеттік тілде")]),
    "320 bibliography note": ([field("320", "  ", "a", "Библиогр.: с. 245-249")],
                              [field("504", "  ", "a", "Библиогр.: с. 245-249")]),
    "327 contents": ([field("327", "1 ", "a", "Кіріспе. Бірінші тарау")],
                     [field("505", "0 ", "a", "Кіріспе. Бірінші тарау")]),
    "328 dissertation": ([field("328", "  ", "a", "Дис. ... канд. техн. наук")],
                         [field("502", "  ", "a", "Дис. ... канд. техн. наук")]),
    "330 annotation": ([field("330", "  ", "a", "Кітапта Қазақ хандығының құрылуы баяндалады.")],
                       [field("520", "  ", "a", "Кітапта Қазақ хандығының құрылуы баяндалады.")]),
    "606 subject": (
        [field("606", "  ", "a", "Қазақстан", "x", "Тарих", "y", "Алматы", "z", "15-18 ғ.", "j", "Оқулықтар",
               "2", "nlr_sh")],
        [field("650", " 7", "a", "Қазақстан", "x", "Тарих", "z", "Алматы", "y", "15-18 ғ.", "v", "Оқулықтар",
               "2", "nlr_sh")]),
    "606 subject without a system": ([field("606", "  ", "a", "Информатика")],
                                     [field("650", " 4", "a", "Информатика")]),
    "610 keywords": ([field("610", "0 ", "a", "хандық"), field("610", "0 ", "a", "тарих")],
                     [field("653", "  ", "a", "хандық"), field("653", "  ", "a", "тарих")]),
    "675 UDC": ([field("675", "  ", "a", "94(574)", "v", "4")], [field("080", "  ", "a", "94(574)", "2", "4")]),
    "686 BBK": ([field("686", "  ", "a", "63.3(5Каз)", "2", "rubbk")],
                [field("084", "  ", "a", "63.3(5Каз)", "2", "rubbk")]),
    "700 author": (
        [field("700", " 1", "a", "Бөкейханов", "b", "Ә. Н.", "f", "1866-1937", "g", "Әлихан Нұрмұхамедұлы",
               "4", "070")],
        [field("100", "1 ", "a", "Бөкейханов, Ә. Н.,", "d", "1866-1937", "q", "(Әлихан Нұрмұхамедұлы)", "4", "aut")]),
    "701 co-author": ([field("701", " 1", "a", "Сәтбаев", "b", "Қ. И.", "4", "070")],
                      [field("700", "1 ", "a", "Сәтбаев, Қ. И.", "4", "aut")]),
    "702 editor": ([field("702", " 1", "a", "Ахметов", "b", "Қ.", "4", "340")],
                   [field("700", "1 ", "a", "Ахметов, Қ.", "4", "edt")]),
    "710 corporate body": ([field("710", "02", "a", "Әл-Фараби атындағы ҚазҰУ", "b", "Тарих факультеті")],
                           [field("110", "2 ", "a", "Әл-Фараби атындағы ҚазҰУ.", "b", "Тарих факультеті")]),
    "710 meeting": ([field("710", "12", "a", "Сәтбаев оқулары", "d", "15", "e", "Алматы", "f", "2020")],
                    [field("111", "2 ", "a", "Сәтбаев оқулары", "n", "15", "c", "Алматы", "d", "2020")]),
    "711 corporate co-author": ([field("711", "02", "a", "Қазақстан Республикасы Ұлттық кітапханасы")],
                                [field("710", "2 ", "a", "Қазақстан Республикасы Ұлттық кітапханасы")]),
    "712 secondary corporate body": ([field("712", "02", "a", "Сәтбаев университеті", "4", "340")],
                                     [field("710", "2 ", "a", "Сәтбаев университеті", "4", "edt")]),
    "856 link": ([field("856", "4 ", "u", "https://elib.kz/book/1/", "z", "Толық мәтін")],
                 [field("856", "4 ", "u", "https://elib.kz/book/1/", "z", "Толық мәтін")]),
    "463 host, embedded": (
        [field("463", " 1", "1", "2001 ", "a", "Вестник КазНУ", "1", "011  ", "a", "1563-0269", "1", "210  ",
               "d", "2019", "v", "С. 12-15")],
        [field("773", "0 ", "t", "Вестник КазНУ", "x", "1563-0269", "d", "2019", "g", "С. 12-15")]),
    "998 local document type": ([field("998", "  ", "a", "textbook")], [field("998", "  ", "a", "textbook")]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_field_maps_to_marc21(name):
    unimarc_fields, expected = CASES[name]
    converted = to_marc21(record(*unimarc_fields))
    tags = {f.tag for f in expected}
    assert [str(f) for f in converted.fields if f.tag in tags] == [str(f) for f in expected]


@pytest.mark.parametrize("name", list(CASES))
def test_field_maps_back_to_unimarc(name):
    unimarc_fields, expected = CASES[name]
    converted = to_unimarc(record(*expected, leader="     nam a22     4i 4500"))
    tags = {f.tag for f in unimarc_fields}
    assert [str(f) for f in converted.fields if f.tag in tags] == [str(f) for f in unimarc_fields]


def test_several_terms_of_one_610_become_one_653_each():
    converted = to_marc21(record(field("610", "0 ", "a", "хандық", "a", "тарих")))
    assert marc_fields(converted, "653") == ["=653  \\\\$aхандық", "=653  \\\\$aтарих"]


def test_control_number_and_local_fields_are_copied_both_ways():
    converted = to_marc21(record(Field(tag="001", data="RU\\NLR\\bibl\\1234"), field("998", "  ", "a", "book")))
    assert converted["001"].data == "RU\\NLR\\bibl\\1234"
    assert to_unimarc(converted)["001"].data == "RU\\NLR\\bibl\\1234"


def test_100_101_102_become_008_041_and_come_back():
    general = "20140429d2019    |||y0kazy50      ca"
    source = record(field("100", "  ", "a", general), field("101", "1 ", "a", "kaz", "c", "rus"),
                    field("102", "  ", "a", "KZ"), field("200", "1 ", "a", "Қазақ хандығы"))
    converted = to_marc21(source)
    fixed = converted["008"].data
    assert len(fixed) == 40
    assert (fixed[0:6], fixed[6], fixed[7:11], fixed[15:18], fixed[35:38]) == ("140429", "s", "2019", "kz ", "kaz")
    assert str(converted["041"]) == "=041  1\\$akaz$hrus"
    assert converted["040"]["b"] == "kaz"
    back = to_unimarc(converted)
    assert back["100"]["a"] == general
    assert str(back["101"]) == "=101  1\\$akaz$crus"
    assert back["102"]["a"] == "KZ"


def test_rusmarc_100_of_a_russian_record_keeps_its_dates_and_cataloguing_language():
    # As MegaPro writes it: date type "d", one date, "rus" cataloguing language, UTF-8 ("50"), Cyrillic title.
    converted = to_marc21(record(field("100", "  ", "a", "20140429d1994    |||y0rusy50      ca"),
                                 field("101", "0 ", "a", "rus"), field("200", "1 ", "a", "Информатика")))
    assert converted["008"].data[7:11] == "1994"
    assert to_unimarc(converted)["100"]["a"] == "20140429d1994    |||y0rusy50      ca"


def test_leader_type_and_level_map_both_ways():
    electronic_article = to_marc21(record(leader="00000nla2 22000001  450 "))
    assert str(electronic_article.leader)[5:8] == "nma"
    assert str(electronic_article.leader)[9] == "a"
    assert str(to_unimarc(electronic_article).leader)[5:9] == "nla2"
    assert str(to_unimarc(electronic_article).leader)[20:24] == "450 "


def test_derived_library_fields_of_a_converted_record():
    fields = marc.derive_fields(to_marc21(record(
        Field(tag="001", data="KZ1"), field("010", "  ", "a", "978-601-04-1234-5"),
        field("100", "  ", "a", "20200101d2020    |||y0kazy50      ca"), field("101", "0 ", "a", "kaz"),
        *CASES["200 title and responsibility"][0], *CASES["210 publication"][0], *CASES["215 physical description"][0],
        *CASES["606 subject"][0], *CASES["675 UDC"][0], *CASES["700 author"][0], *CASES["330 annotation"][0],
        *CASES["856 link"][0], *CASES["225 series"][0]
    )))
    assert fields["title"] == "Қазақ хандығының тарихы"
    assert fields["subtitle"] == "оқу құралы"
    assert fields["statement_of_responsibility"] == "Ә. Н. Бөкейханов ; ред. Қ. Ахметов"
    assert (fields["place"], fields["publisher"], fields["year"]) == ("М.", "Наука", 2018)
    assert (fields["isbn"], fields["udc"], fields["language"]) == ("9786010412345", "94(574)", "kaz")
    assert fields["pages"] == 250
    assert fields["first_author"].startswith("Бөкейханов, Ә. Н")
    assert fields["series"] == "Қазақстан тарихы"
    assert fields["subjects"] == "Қазақстан -- Тарих -- Алматы -- 15-18 ғ."
    assert fields["url"] == "https://elib.kz/book/1/"


def test_iso2709_written_is_read_back_the_same():
    source = record(Field(tag="001", data="KZ7"), field("100", "  ", "a", "20200101d2020    |||y0kazy50      ca"),
                    field("200", "1 ", "a", "Абай жолы", "f", "М. Әуезов"))
    raw = as_iso2709(source)
    assert raw[20:24] == b"450 "
    assert [str(f) for f in parse_iso2709(raw).fields] == [str(f) for f in source.fields]


# -- detection ---------------------------------------------------------------------------------------------

def test_detection_tells_unimarc_from_marc21_in_iso2709_and_xml():
    unimarc = as_iso2709(record(Field(tag="001", data="U1"), field("200", "1 ", "a", "Абай жолы"),
                                field("210", "  ", "d", "2020")))
    assert is_unimarc(unimarc)
    assert not is_unimarc(marc_record(control_number="M1").as_marc())
    assert is_unimarc(b'<collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>00000nam  22000002  450 '
                      b'</leader><datafield tag="200" ind1="1" ind2=" "><subfield code="a">X</subfield></datafield>'
                      b'</record></collection>')
    assert not is_unimarc(b'<collection><record><leader>00000nam a2200000 i 4500</leader>'
                          b'<controlfield tag="008">x</controlfield><datafield tag="245" ind1="1" ind2="0">'
                          b'<subfield code="a">X</subfield></datafield></record></collection>')


# -- character sets ----------------------------------------------------------------------------------------

def _general(charset: str) -> bytes:
    return f"20140429d1994    |||y0rusy{charset:<4}    ca".encode("ascii")


@pytest.mark.parametrize(("charset", "codec"), [("50", "utf-8"), ("89", "cp1251"), ("79", "cp866"),
                                                ("99", "koi8_r")])
def test_declared_character_set_is_used(charset, codec):
    data = "Информатика: энциклопедический словарь".encode(codec)
    _name, decode = decoder_for([data], _general(charset))
    assert decode(data) == "Информатика: энциклопедический словарь"


def test_kazakh_letters_in_a_1251_file_are_read_as_kz1048():
    data = "Қазақ әдебиетінің тарихы. Ұлы дала".encode("kz1048")
    name, decode = decoder_for([data], _general("89"))
    assert (name, decode(data)) == ("kz1048", "Қазақ әдебиетінің тарихы. Ұлы дала")


@pytest.mark.parametrize("codec", ["utf-8", "cp1251", "koi8_r", "cp866"])
def test_undeclared_character_set_is_recognised_from_the_letters(codec):
    data = "Программирование на языке Паскаль для начинающих".encode(codec)
    _name, decode = decoder_for([data], b"")
    assert decode(data) == "Программирование на языке Паскаль для начинающих"


def test_iso5427_and_iso5426_are_decoded():
    _name, decode = decoder_for([b""], _general("02"))
    assert decode("Мир".encode("koi8_r")) == "Мир"
    _name, decode = decoder_for([b""], _general("03"))
    assert decode(b"Fran\xd0cais \xc2ecole M\xc8unchen") == "Français école München"


@pytest.mark.skipif(shutil.which("yaz-iconv") is None, reason="yaz-iconv is not installed (Debian package yaz)")
def test_iso5426_table_agrees_with_yaz():
    _name, decode = decoder_for([b""], _general("03"))
    for byte in [*ISO5426_DIACRITICS, *ISO5426_CHARACTERS]:
        data = bytes([byte]) + b"e" if byte in ISO5426_DIACRITICS else bytes([byte])
        done = subprocess.run(["yaz-iconv", "-f", "ISO5426", "-t", "UTF-8"], input=data, capture_output=True,
                              check=True)
        assert decode(data) == unicodedata.normalize("NFC", done.stdout.decode("utf-8")), hex(byte)


def test_text_that_is_not_what_100_declares_is_undecodable_with_the_reason():
    with translation.override("en"), pytest.raises(Undecodable, match="declares UTF-8"):
        decoder_for(["Информатика".encode("cp1251")], _general("50"))


def test_undeclared_bytes_that_read_as_no_cyrillic_text_are_undecodable():
    with translation.override("en"), pytest.raises(Undecodable, match="not declared"):
        decoder_for([bytes(range(0x80, 0xB0)) * 3], b"")

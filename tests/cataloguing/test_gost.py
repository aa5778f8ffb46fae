"""GOST 7.1-2003 description for each document type, in Kazakh, Russian and foreign-language records."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from cataloguing.constants import DocumentType
from cataloguing.gost import describe


def record(**fields):
    base = {"title": "", "subtitle": "", "statement_of_responsibility": "", "authors": "", "edition": "", "place": "",
            "publisher": "", "year": None, "pages": None, "extent": "", "series": "", "source": "", "isbn": "",
            "issn": "", "url": "", "language": "kaz", "document_type": DocumentType.BOOK}
    base.update(fields)
    return SimpleNamespace(**base)


def test_kazakh_book_counts_pages_in_bet():
    text = describe(record(title="Таңдамалы еңбектер", authors="Сәтбаев, Қаныш Имантайұлы", place="Алматы",
                           publisher="Satbayev University", year=2023, pages=250, isbn="9786013231013"))
    assert text == ("Сәтбаев, Қ. И. Таңдамалы еңбектер / Қ. И. Сәтбаев. — Алматы : Satbayev University, 2023. "
                    "— 250 б. — ISBN 9786013231013.")


def test_russian_book_counts_pages_in_s():
    text = describe(record(language="rus", title="Избранные труды", authors="Сатпаев, Каныш Имантаевич",
                           place="Алматы", publisher="Satbayev University", year=2023, pages=250, edition="2-е изд."))
    assert text == ("Сатпаев, К. И. Избранные труды / К. И. Сатпаев. — 2-е изд. — Алматы : Satbayev University, "
                    "2023. — 250 с.")


def test_foreign_book_counts_pages_in_p_and_series_in_brackets():
    text = describe(record(language="eng", title="Earth", subtitle="an introduction to physical geology",
                           authors="Tarbuck, Edward J.; Lutgens, Frederick K.", place="Boston", publisher="Pearson",
                           year=2017, pages=800, series="Pearson geoscience"))
    assert text == ("Tarbuck, E. J. Earth : an introduction to physical geology / E. J. Tarbuck, F. K. Lutgens. "
                    "— Boston : Pearson, 2017. — 800 p. — (Pearson geoscience).")


def test_four_or_more_authors_give_no_heading_and_et_al():
    text = describe(record(language="eng", title="Introduction to algorithms",
                           authors="Cormen, Thomas H.; Leiserson, Charles E.; Rivest, Ronald L.; Stein, Clifford",
                           place="Cambridge, Mass.", publisher="MIT Press", year=2009, pages=1292))
    assert text.startswith("Introduction to algorithms / T. H. Cormen, C. E. Leiserson, R. L. Rivest [et al.]. — ")


def test_textbook_gets_its_designation_in_the_language_of_the_text():
    kk = describe(record(document_type=DocumentType.TEXTBOOK, title="Жоғары математика", authors="Оспанов, Қайрат",
                         place="Алматы", publisher="Эверо", year=2019, pages=360))
    ru = describe(record(document_type=DocumentType.TEXTBOOK, language="rus", title="Механика",
                         subtitle="учебное пособие", place="Алматы", publisher="КазНИТУ", year=2016, pages=220))
    assert "Жоғары математика : оқулық / Қ. Оспанов" in kk
    assert "Механика : учебное пособие. — Алматы" in ru
    assert "учебник" not in ru


def test_methodical_guidelines_are_designated():
    text = describe(record(document_type=DocumentType.METHODICAL, language="rus", title="Лабораторные работы",
                           place="Алматы", publisher="КазНИТУ", year=2017, pages=48))
    assert text == "Лабораторные работы : методические указания. — Алматы : КазНИТУ, 2017. — 48 с."


def test_article_is_described_within_its_host_journal():
    text = describe(record(document_type=DocumentType.ARTICLE, language="rus", title="Переработка медных руд",
                           authors="Жарменов, Абдурасул Алдашевич", year=2021, extent="34–40",
                           source="Горный журнал Казахстана. — № 5", issn="2227-4766"))
    assert text == ("Жарменов, А. А. Переработка медных руд / А. А. Жарменов // Горный журнал Казахстана. — 2021. "
                    "— № 5. — С. 34–40. — ISSN 2227-4766.")


def test_dissertation_and_author_abstract_are_designated():
    dissertation = describe(record(document_type=DocumentType.DISSERTATION, title="Терең карьерлер",
                                   authors="Молдабаев, Серік", place="Алматы", year=2018, pages=156))
    abstract = describe(record(document_type=DocumentType.AUTHOR_ABSTRACT, language="rus",
                               title="Выщелачивание урана", authors="Турсунов, Азамат", place="Алматы", year=2012,
                               pages=24))
    assert dissertation == "Молдабаев, С. Терең карьерлер : диссертация / С. Молдабаев. — Алматы, 2018. — 156 б."
    assert abstract == ("Турсунов, А. Выщелачивание урана : автореф. дис. / А. Турсунов. — Алматы, 2012. — 24 с.")


def test_periodical_has_an_open_date_and_issn():
    text = describe(record(document_type=DocumentType.PERIODICAL, language="rus", title="Горный журнал Казахстана",
                           place="Алматы", publisher="Горное дело", year=2003, issn="2227-4766"))
    assert text == "Горный журнал Казахстана. — Алматы : Горное дело, 2003–. — ISSN 2227-4766."


@pytest.mark.parametrize(("language", "designation", "access"), [
    ("kaz", "[Электрондық ресурс]", "Қолжетімділік режимі"),
    ("rus", "[Электронный ресурс]", "Режим доступа"),
    ("eng", "[Electronic resource]", "Mode of access"),
])
def test_electronic_resource_has_its_designation_and_mode_of_access(language, designation, access):
    text = describe(record(document_type=DocumentType.E_RESOURCE, language=language, title="Архив",
                           place="Алматы", publisher="Satbayev University", year=2024,
                           url="https://library.satbayev.university/archive"))
    assert text == (f"Архив {designation}. — Алматы : Satbayev University, 2024. "
                    f"— {access}: https://library.satbayev.university/archive.")


def test_areas_are_separated_by_full_stop_and_dash():
    text = describe(record(title="Атау", place="Алматы", publisher="Ғылым", year=2020, pages=10))
    assert text.count(". — ") == 2

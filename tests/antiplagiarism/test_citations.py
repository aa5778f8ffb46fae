"""Quoted-and-referenced passages and the bibliography are citation; the author's earlier works are
self-citation; everything else found in a source is a match."""

from __future__ import annotations

from antiplagiarism.engine.citations import bibliography, quoted_references
from antiplagiarism.engine.report import SourceText, analyse, author_key
from tests.antiplagiarism.texts import EN, FILLER_RU, OWN_RU, RU


def test_quotation_in_guillemets_with_a_bracketed_reference_is_citation():
    text = f"Как отмечает автор учебника, «{RU}» [12, с. 45]. Далее мы рассмотрим иное."
    spans = quoted_references(text)
    assert len(spans) == 1
    start, end = spans[0]
    assert text[start:end] == f"«{RU}» [12, с. 45]"


def test_quotation_in_english_quotes_with_author_year_reference_is_citation():
    text = f"As the textbook puts it, “{EN}” (Cormen et al., 2009). We go further."
    assert len(quoted_references(text)) == 1


def test_quotation_with_reference_before_it_is_citation():
    text = f"В работе [3] сказано: «{RU}». Это важно."
    assert len(quoted_references(text)) == 1


def test_quotation_without_reference_is_not_citation():
    assert quoted_references(f"Говорят, что «{RU}». И всё.") == []


def test_bibliography_is_the_section_under_the_last_heading_up_to_the_appendix():
    text = (
        "Мазмұны\nКіріспе\nПайдаланылған әдебиеттер тізімі\n\n" + FILLER_RU * 8 + "\n"
        "ПАЙДАЛАНЫЛҒАН ӘДЕБИЕТТЕР ТІЗІМІ\n1. Иванов И.И. Обогащение руд. — М., 2010.\n"
        "Қосымша А\nКесте 1"
    )
    start, end = bibliography(text)
    assert text[start:end].startswith("ПАЙДАЛАНЫЛҒАН")
    assert text[end:].startswith("Қосымша А")


def test_report_classifies_citation_self_citation_and_match():
    text = (
        f"{FILLER_RU}Как сказано в учебнике, «{RU}» [1].\n"
        f"{OWN_RU}\n"
        f"{EN}\n"
        f"{FILLER_RU}{FILLER_RU}\nСписок литературы\n1. Cormen T. Introduction to Algorithms. 2009."
    )
    sources = [
        SourceText(1, "Учебник", RU, author_key("Петров П.П.")),
        SourceText(2, "Моя статья", OWN_RU, author_key("Сейткали А.Б.")),
        SourceText(3, "Algorithms", EN, author_key("Cormen T.")),
    ]
    report = analyse(text, sources, author="Сейткали Айгерим Бекқызы")
    kinds = {p.source_id: p.kind for p in report.passages}
    assert kinds == {1: "citation", 2: "self_citation", 3: "match"}
    assert report.chars["self_citation"] == len(OWN_RU)
    assert report.chars["match"] == len(EN)
    assert report.chars["citation"] >= len(RU) + len("Список литературы")
    assert [s.source_id for s in report.sources] == [3, 2]  # a fully cited source adds nothing to the share


def test_author_key_matches_the_usual_ways_of_writing_a_name():
    assert author_key("Иванов И.И.") == author_key("И.И. Иванов") == author_key("Иванов Иван Иванович")
    assert author_key("Иванов И.И.") != author_key("Иванова А.")

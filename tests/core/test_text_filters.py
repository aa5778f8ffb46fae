"""A description element ends with one full stop, even after initials."""

from django.template import Context, Template

from core.text import with_full_stop


def test_an_author_with_initials_keeps_one_full_stop():
    assert with_full_stop("Сәтбаев Қ.И.") == "Сәтбаев Қ.И."
    assert with_full_stop("Вирт Н") == "Вирт Н."
    assert with_full_stop("") == ""


def test_the_filter_in_a_template_writes_no_double_stop():
    html = Template("{% load kitaphana_text %}{{ author|full_stop }} Деректер қоры").render(
        Context({"author": "Сәтбаев Қ.И."}))
    assert html == "Сәтбаев Қ.И. Деректер қоры"

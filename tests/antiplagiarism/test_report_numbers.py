"""Issue 21, item 4: the originality report (page and PDF share `report_context`) shows its shares and counts as
the reader's language writes numbers, while the bar's CSS keeps a decimal point; a new check's page says until when
the code is valid with the Kazakh dative."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from antiplagiarism.models import Check
from antiplagiarism.presentation import report_context
from tests.antiplagiarism.factories import AccessCodeFactory

pytestmark = pytest.mark.django_db
NBSP = "\xa0"

REPORT = {
    "total_chars": 123456, "chars": {"original": 105531, "match": 17925, "self_citation": 0, "citation": 0},
    "shares": {"original": 8548, "match": 1452, "self_citation": 0, "citation": 0},
    "sources": [], "passages": [], "citations": [],
    "alerts": [{"code": "transliterated", "count": 1250, "examples": ["Qazaqstan"]}],
}


def context(language: str) -> dict:
    with translation.override(language):
        return report_context(Check(text="x" * 10, report=REPORT))


def test_report_shares_have_the_decimal_comma_and_grouped_characters_in_kazakh():
    shown = context("kk")
    original = next(share for share in shown["shares"] if share["code"] == "original")
    assert original["percent"] == "85,48"
    assert original["chars"] == f"105{NBSP}531"
    assert shown["total_chars_shown"] == f"123{NBSP}456"
    assert shown["alerts"][0]["count"] == f"1{NBSP}250"


def test_report_shares_have_the_decimal_point_in_english():
    original = next(share for share in context("en")["shares"] if share["code"] == "original")
    assert original["percent"] == "85.48"
    assert original["chars"] == "105,531"


def test_report_bar_width_keeps_the_decimal_point_css_needs_in_every_language():
    for language in ("kk", "ru", "en"):
        original = next(share for share in context(language)["shares"] if share["code"] == "original")
        assert original["width"] == "85.48"


def test_originality_in_the_checks_list_has_the_decimal_comma_in_russian():
    with translation.override("ru"):
        assert Check(originality=8548).originality_percent == "85,48 %"


@freeze_time("2026-11-25 10:00:00")
def test_new_check_page_shows_the_checks_left_and_the_codes_last_day_in_the_dative(operator, client_for):
    code = AccessCodeFactory(operator=operator, quota=5)
    client = client_for(operator)
    client.post(reverse("antiplagiarism:code"), {"code": code.code})
    with translation.override("kk"):
        response = client.get(reverse("antiplagiarism:check_new"), HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 200
    page = response.content.decode()
    assert code.code in page
    assert "2027 жылғы 30 маусымға" in page

"""Issue 21, item 4: the originality report (page and PDF share `report_context`) shows its shares and counts as
the reader's language writes numbers, while the bar's CSS keeps a decimal point."""

from __future__ import annotations

import pytest
from django.utils import translation

from antiplagiarism.models import Check
from antiplagiarism.presentation import report_context

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

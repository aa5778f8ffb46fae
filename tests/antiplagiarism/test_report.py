"""Report shares are parts of the text in characters and add up to exactly 100 %."""

from __future__ import annotations

import random

import pytest

from antiplagiarism.engine.report import (
    SHARE_UNITS,
    SourceText,
    analyse,
    author_key,
    classes_from_dict,
    largest_remainder,
)
from tests.antiplagiarism.texts import EN, FILLER_RU, KK, OWN_RU, RU


@pytest.mark.parametrize("seed", range(25))
def test_rounded_shares_always_add_up_to_100_percent(seed):
    rng = random.Random(seed)
    counts = {k: rng.randint(0, 10_000) for k in ("original", "match", "self_citation", "citation")}
    total = sum(counts.values()) or 1
    shares = largest_remainder(counts, total)
    assert sum(shares.values()) == SHARE_UNITS
    for key, value in shares.items():
        assert abs(value - counts[key] * SHARE_UNITS / total) < 1


def test_thirds_round_to_100_percent():
    assert sum(largest_remainder({"a": 1, "b": 1, "c": 1}, 3).values()) == SHARE_UNITS


def test_report_shares_add_up_and_chars_cover_the_text():
    text = f"{FILLER_RU}{RU}\n«{KK}» [4]\n{OWN_RU}\n{FILLER_RU}"
    sources = [SourceText(1, "a", RU), SourceText(2, "b", OWN_RU, author_key("Сейтқали А."))]
    report = analyse(text, sources, author="Сейтқали Айгерим")
    assert sum(report.shares.values()) == SHARE_UNITS
    assert sum(report.chars.values()) == report.total_chars == len(text)
    assert report.chars["match"] == len(RU)
    assert report.chars["self_citation"] == len(OWN_RU)


def test_text_without_sources_is_fully_original():
    report = analyse(EN, [])
    assert report.shares == {"original": SHARE_UNITS, "match": 0, "self_citation": 0, "citation": 0}


def test_stored_report_rebuilds_the_same_classes():
    text = f"{FILLER_RU}{RU}\n«{KK}» [4]\n{OWN_RU}"
    sources = [SourceText(1, "a", RU), SourceText(2, "b", OWN_RU, author_key("Сейтқали А."))]
    report = analyse(text, sources, author="Сейтқали Айгерим")
    assert classes_from_dict(len(text), report.as_dict()) == report.classes

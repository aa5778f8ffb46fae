"""Circulation and acquisitions search through the catalogue's `search()` (issue 14.3): acquisitions' holdings
look-up finds what the catalogue finds (any script, class numbers), with its output shape kept; circulation has
no title search of its own left."""

from __future__ import annotations

import pytest

from acquisitions.selectors import HOLDINGS_LIMIT, holdings_matching
from catalogue_search.services import reindex_records
from cataloguing.constants import ItemStatus

from .factories import ItemFactory, RecordFactory


@pytest.fixture
def algebra(db):
    record = RecordFactory(title="Сызықтық алгебра", authors="Қасымов Қ.", year=2023, publisher="Фолиант",
                           isbn="9786017012345", udc="512.64")
    ItemFactory.create_batch(3, record=record)
    ItemFactory(record=record, status=ItemStatus.WRITTEN_OFF)
    reindex_records([record.pk])
    return record


def test_holdings_keep_their_shape(algebra):
    assert holdings_matching("Сызықтық") == [{
        "title": "Сызықтық алгебра", "authors": "Қасымов Қ.", "year": 2023, "publisher": "Фолиант",
        "isbn": "9786017012345", "copies": 3,
    }]


@pytest.mark.parametrize("typed", ["Syzyqtyq algebra", "Kasymov", "512.6", "978-601-7012-34-5"])
def test_holdings_find_what_the_catalogue_finds(algebra, typed):
    # Latin spellings, authors, class numbers and hyphenated ISBNs: none of which a title icontains matched.
    assert [row["title"] for row in holdings_matching(typed)] == ["Сызықтық алгебра"]


def test_holdings_need_three_characters_and_are_bounded(db):
    records = RecordFactory.create_batch(HOLDINGS_LIMIT + 3, title="Геология негіздері")
    reindex_records([r.pk for r in records])
    assert holdings_matching("ге") == []
    assert len(holdings_matching("геология")) == HOLDINGS_LIMIT


def test_circulation_has_no_title_search_of_its_own():
    from circulation import forms, selectors

    assert not hasattr(selectors, "search_records")
    assert not hasattr(forms, "RecordSearchForm")

"""The same answers on SQLite and PostgreSQL (issue 21, item 2): Kazakh inflected forms and script variants find
the same records on the embedded default as on PostgreSQL, because both index and query the words folded to
their stems by one Python function (`normalize.fold_document` / `normalize.search_words`).

One query list with its expected records, stored here; each backend is compared to it (the PostgreSQL half runs
when DATABASE_URL points at PostgreSQL). Russian and English inflection is PostgreSQL's own stemmer and stays
outside this list.
"""

from __future__ import annotations

import pytest
from django.db import connection

from catalogue_search.selectors import search
from catalogue_search.services import reindex_records

from .factories import RecordFactory

TITLES = {
    "books": {"title": "Қазақ кітаптарының тарихы", "authors": "Әуезов М.", "language": "kaz"},
    "school": {"title": "Ауыл мектебі", "subjects": "Ауыл мектептері; Оқыту әдістемесі", "language": "kaz"},
    "research": {"title": "Қарағанды кенінің геологиялық зерттеулері", "language": "kaz"},
    "latin": {"title": "Qazaqstannyñ mūnai kenderi", "authors": "Sätbaev Q.", "language": "kaz"},
    "russian": {"title": "История школы", "authors": "Иванов П.", "language": "rus"},
    "english": {"title": "Research methods in mining", "language": "eng"},
}

# Query → the records it must find, on every backend.
EXPECTED = {
    "кітап": {"books"},
    "кітаптар": {"books"},
    "кітабы": {"books"},
    "kitaptary": {"books"},                # ad-hoc Latin
    "Әуезовтің кітаптары": {"books"},
    "мектеп": {"school"},
    "мектептерде": {"school"},
    "mektebi": {"school"},
    '"ауыл мектептері"': {"school"},       # a phrase, inflected
    "зерттеу": {"research"},
    "зерттеулердің": {"research"},
    "zertteu": {"research"},
    "геология": {"research"},
    "Қарағандыдағы кен": {"research"},
    "Қазақстан": {"latin"},
    "Қазақстанның мұнайы": {"latin"},
    "Qazaqstan": {"latin"},
    "мұнайдың": {"latin"},
    "кен": {"research", "latin"},
    "Сәтбаевтың": {"latin"},
    "Satbayev": {"latin"},
    "Иванов": {"russian"},
    "research": {"english"},
    "мектептер тарихы": set(),
}


@pytest.fixture
def parity_catalogue(db):
    records = {key: RecordFactory(**fields) for key, fields in TITLES.items()}
    reindex_records([record.pk for record in records.values()])
    return {record.pk: key for key, record in records.items()}


def _found(catalogue: dict[int, str], query: str) -> set[str]:
    return {catalogue[hit.record.pk] for hit in search(query).hits}


@pytest.mark.parametrize(("query", "expected"), EXPECTED.items())
def test_embedded_database_finds_the_expected_records(parity_catalogue, query, expected):
    if connection.vendor == "postgresql":
        pytest.skip("the SQLite half: this run uses PostgreSQL")
    assert _found(parity_catalogue, query) == expected


@pytest.mark.postgres
@pytest.mark.parametrize(("query", "expected"), EXPECTED.items())
def test_postgresql_finds_the_expected_records(parity_catalogue, query, expected):
    assert _found(parity_catalogue, query) == expected

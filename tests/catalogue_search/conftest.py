from __future__ import annotations

import pytest

from catalogue_search.services import reindex_records

from .factories import ItemFactory, RecordFactory, catalogue_database


@pytest.fixture
def catalogue(db):
    """A small catalogue in three languages, indexed."""
    records = {
        "satbayev": RecordFactory(
            title="Қаныш Сәтбаев: өмірі мен қызметі", authors="Сәтбаев Қ. И.; Жұмабаев Б.",
            subjects="Геология; Қазақстан тарихы", annotation="Академик туралы ғылыми-көпшілік кітап.",
            year=2019, language="kaz", isbn="9786017012345", udc="55(574)(092)",
        ),
        "book_ru": RecordFactory(
            title="Книга о металлургии Казахстана", authors="Иванов П. С.", subjects="Металлургия",
            annotation="Обзор отрасли.", year=2015, language="rus", udc="669.1", document_type="textbook",
            database=catalogue_database("methodical"),
        ),
        "mining_en": RecordFactory(
            title="Mining engineering handbook", authors="Smith J.; Ivanov P.", subjects="Mining; Ore deposits",
            annotation="Underground and open-pit mining methods.", year=2021, language="eng", isbn="080442957X",
            udc="622.276", database=catalogue_database("foreign"),
        ),
        "oil": RecordFactory(
            title="Мұнай-газ кен орындарын игеру", authors="Әуезов М.", subjects="Мұнай өндіру",
            annotation="", year=2021, language="kaz", udc="622.276.5",
        ),
    }
    ItemFactory(record=records["satbayev"])
    ItemFactory(record=records["satbayev"], status="on_loan")
    ItemFactory(record=records["book_ru"], status="on_loan")
    ItemFactory(record=records["mining_en"], status="written_off")
    reindex_records([r.pk for r in records.values()])
    return records

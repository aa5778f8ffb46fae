"""Records and copies for the search tests, written straight to cataloguing's tables (the search reads them;
the tests then index explicitly with `reindex_records`, or go through cataloguing's services)."""

from __future__ import annotations

import factory

from cataloguing.constants import DocumentType, ItemStatus
from cataloguing.models import BibliographicRecord, CatalogueDatabase, Item


def catalogue_database(code: str = "fund") -> CatalogueDatabase:
    return CatalogueDatabase.objects.get(code=code)  # seeded by cataloguing's migration


class RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BibliographicRecord

    database = factory.LazyFunction(catalogue_database)
    control_number = factory.Sequence(lambda n: f"KSTU-T{n:07d}")
    title = factory.Sequence(lambda n: f"Тақырып {n}")
    authors = ""
    first_author = factory.LazyAttribute(lambda r: r.authors.split("; ")[0] if r.authors else "")
    year = 2020
    language = "kaz"
    document_type = DocumentType.BOOK


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    record = factory.SubFactory(RecordFactory)
    inventory_number = factory.Sequence(lambda n: f"INV{n:08d}")
    barcode = factory.LazyAttribute(lambda i: i.inventory_number)
    database = factory.LazyAttribute(lambda i: i.record.database)
    status = ItemStatus.ON_SHELF

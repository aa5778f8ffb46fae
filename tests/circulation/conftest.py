from __future__ import annotations

import pytest

from tests.circulation.factories import make_item, make_reader, make_record


@pytest.fixture
def reader_profile(reader):
    """The conftest persona "reader" with a registered reader profile."""
    return make_reader(reader, card_number=reader.reader_card_number)


@pytest.fixture
def record(db):
    return make_record()


@pytest.fixture
def item(record):
    return make_item(record)


SEED_MIGRATIONS = (
    ("accounts.migrations.0002_seed_departments_and_categories", "seed"),
    ("cataloguing.migrations.0002_seed_databases", "seed"),
    ("circulation.migrations.0002_seed_loan_policies", "seed"),
)


@pytest.fixture(autouse=True)
def _seeded_vocabularies(request):
    """Reader categories, catalogue databases and the rules of use come from data migrations; a transactional
    test elsewhere in the run flushes them, so they are put back (idempotently) before each database test."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")
    import importlib

    from django.apps import apps

    from accounts.models import ReaderCategory
    from cataloguing.models import CatalogueDatabase
    from circulation.models import LoanPolicy

    if ReaderCategory.objects.exists() and CatalogueDatabase.objects.exists() and LoanPolicy.objects.exists():
        return
    for module_name, function in SEED_MIGRATIONS:
        getattr(importlib.import_module(module_name), function)(apps, None)

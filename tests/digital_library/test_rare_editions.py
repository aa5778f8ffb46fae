"""Rare editions selected by book storage become scanning requests (607-35) from storage."""

import pytest

from accounts import roles
from cataloguing.constants import LoanCategory
from cataloguing.services import item_create
from digital_library.choices import LegalBasis, ScanningSource
from digital_library.models import ScanningRequest
from tests.digital_library.factories import record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage_librarian():
    return UserFactory(username="storage", roles=[roles.LIBRARIAN_STORAGE])


def rare_record(year: int, inventory: str):
    rec = record(year=year, title=f"Сирек басылым {inventory}")
    item_create(record=rec, inventory_number=inventory, loan_category=LoanCategory.RARE)
    return rec


def test_storage_selects_rare_editions_and_each_becomes_one_scanning_request(client_for, storage_librarian):
    old, recent = rare_record(1895, "R-1"), rare_record(1990, "R-2")
    item_create(record=old, inventory_number="R-1b", loan_category=LoanCategory.RARE)  # listed once all the same
    ordinary = record(title="Жай кітап")
    item_create(record=ordinary, inventory_number="O-1")
    client = client_for(storage_librarian)
    page = client.get("/digital/scanning/rare-editions/")
    assert list(page.context["candidates"]) == [old, recent]
    client.post("/digital/scanning/rare-editions/", {"record": [old.pk, recent.pk, ordinary.pk]})
    client.post("/digital/scanning/rare-editions/", {"record": [old.pk]})  # asked again: not doubled
    requests_ = {r.record_id: r for r in ScanningRequest.objects.all()}
    assert set(requests_) == {old.pk, recent.pk}
    assert all(r.source == ScanningSource.STORAGE and r.department is None for r in requests_.values())
    assert requests_[old.pk].legal_basis == LegalBasis.PUBLIC_DOMAIN
    assert requests_[recent.pk].legal_basis == LegalBasis.RIGHTS_HOLDER_PERMISSION


def test_readers_cannot_select_rare_editions(client_for, reader):
    assert client_for(reader).get("/digital/scanning/rare-editions/").status_code == 403

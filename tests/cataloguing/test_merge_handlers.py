"""Merging duplicates never crashes (issue 13, point 11): every app moves its own rows to the record kept through
its handler (`cataloguing.merging`), and a conflict refuses the merge, with the reason, before anything changes."""

from __future__ import annotations

import pytest
from django.utils import timezone

from acquisitions.constants import Accounting, LiteratureKind
from acquisitions.models import (
    Discipline,
    EducationalProgramme,
    NonInventoryCard,
    Periodical,
    ReceiptLine,
    RecommendedLiterature,
)
from catalogue_search.models import SearchEntry
from catalogue_search.services import reindex_records
from cataloguing import merging, services
from cataloguing.constants import RecordAction
from cataloguing.exceptions import MergeNotAllowed, RecordLocked
from cataloguing.models import BibliographicRecord, Item, LockLogEntry, RecordChange
from circulation.constants import ReservationStatus
from circulation.models import IllRequest, Refusal, Reservation
from digital_library.choices import ScanningSource, UsageKind
from digital_library.models import DigitalFile, FileUploadLog, ScanningRequest, UsageEvent
from tests.acquisitions.factories import receive
from tests.cataloguing.factories import make_item, make_record
from tests.circulation.factories import make_reader
from tests.digital_library.factories import digital_file, pdf_bytes

pytestmark = pytest.mark.django_db


def discipline(department, code="GEO201") -> Discipline:
    programme, _ = EducationalProgramme.objects.get_or_create(code="6B07201", name="Геология", department=department)
    return Discipline.objects.create(code=code, name="Минералогия", programme=programme, department=department,
                                     semester=3, students=40)


def one_of_each(record, *, user, department, reader) -> dict[str, object]:
    """One row of every kind that links to a record, made as the apps make them."""
    make_item(record)
    receive(user, (record, 5, "1200.00", Accounting.CARD))  # a receipt line, a non-inventory card, card copies
    services.record_lock(record=record, user=user)
    services.record_unlock(record=record, user=user)
    file = digital_file(record_=record, user=user, content=pdf_bytes("merge sample"))
    reindex_records([record.pk])
    return {
        "periodical": Periodical.objects.create(title="Геология журналы", subscription_index="75123", language="kaz",
                                                issues_per_year=4, record=record),
        "recommended": RecommendedLiterature.objects.create(discipline=discipline(department), record=record,
                                                            kind=LiteratureKind.MAIN),
        "order": Reservation.objects.create(reader=reader, record=record, status=ReservationStatus.WAITING),
        "refusal": Refusal.objects.create(record=record, reason=Refusal._meta.get_field("reason").choices[0][0]),
        "ill": IllRequest.objects.create(year=2026, number=1, reader=reader, title=record.title, record=record),
        "scan": ScanningRequest.objects.create(year=2026, number=1, requested_by=user, material=record.title,
                                               source=ScanningSource.STORAGE, record=record),
        "usage": UsageEvent.objects.create(digital_file=file, record=record, kind=UsageKind.VIEW,
                                           occurred_at=timezone.now()),
        "file": file,
    }


def test_merge_moves_every_kind_of_row_of_every_app_to_the_record_kept(sysadmin, department, reader):
    """Before: ProtectedError on the duplicate's non-inventory card (and the search entry's key clashed)."""
    keep, duplicate = make_record(), make_record(title="Қазақстанның пайдалы қазбалары.")
    reindex_records([keep.pk])
    rows = one_of_each(duplicate, user=sysadmin, department=department, reader=make_reader())
    duplicate_pk = duplicate.pk
    card_items = Item.objects.filter(record=duplicate).count()

    services.record_merge(keep=keep, duplicate=duplicate, user=sysadmin)

    assert not BibliographicRecord.objects.filter(pk=duplicate_pk).exists()
    assert Item.objects.filter(record=keep).count() == card_items
    assert NonInventoryCard.objects.get().record_id == keep.pk
    assert set(ReceiptLine.objects.values_list("record_id", flat=True)) == {keep.pk}
    for name in ("periodical", "recommended", "order", "refusal", "ill", "scan", "usage", "file"):
        row = rows[name]
        row.refresh_from_db()
        assert row.record_id == keep.pk, name
    assert set(FileUploadLog.objects.values_list("record_id", flat=True)) == {keep.pk}
    assert set(LockLogEntry.objects.values_list("record_id", flat=True)) == {keep.pk}
    assert list(SearchEntry.objects.values_list("record_id", flat=True)) == [keep.pk]
    merged = RecordChange.objects.get(record=keep, action=RecordAction.MERGED)
    assert merged.changes["rows_moved"]["acquisitions"] == 4  # card, receipt line, periodical, recommendation


def test_merge_refuses_two_non_inventory_cards_before_changing_anything(sysadmin):
    keep, duplicate = make_record(), make_record(title="Басқа атау")
    receive(sysadmin, (keep, 3, "900.00", Accounting.CARD), (duplicate, 2, "900.00", Accounting.CARD))
    Refusal.objects.create(record=duplicate, reason=Refusal._meta.get_field("reason").choices[0][0])
    items_before = set(Item.objects.values_list("pk", "record_id"))

    with pytest.raises(MergeNotAllowed) as refused:
        services.record_merge(keep=keep, duplicate=duplicate, user=sysadmin)

    assert "607-14" in str(refused.value)
    assert BibliographicRecord.objects.filter(pk=duplicate.pk).exists()
    assert set(Item.objects.values_list("pk", "record_id")) == items_before
    assert Refusal.objects.get().record_id == duplicate.pk
    assert not RecordChange.objects.filter(action=RecordAction.MERGED).exists()


def test_merge_refuses_a_reader_with_an_open_order_for_each_record(cataloguer):
    keep, duplicate = make_record(), make_record(title="Басқа атау")
    reader = make_reader()
    for record in (keep, duplicate):
        Reservation.objects.create(reader=reader, record=record, status=ReservationStatus.WAITING)
    with pytest.raises(MergeNotAllowed) as refused:
        services.record_merge(keep=keep, duplicate=duplicate, user=cataloguer)
    assert reader.card_number in str(refused.value)
    assert Reservation.objects.filter(record=duplicate).count() == 1


def test_merge_refuses_the_same_full_text_attached_to_both_records(sysadmin):
    keep, duplicate = make_record(), make_record(title="Басқа атау")
    content = pdf_bytes("the same bytes")
    digital_file(record_=keep, user=sysadmin, content=content)
    digital_file(record_=duplicate, user=sysadmin, content=content)
    with pytest.raises(MergeNotAllowed):
        services.record_merge(keep=keep, duplicate=duplicate, user=sysadmin)
    assert DigitalFile.objects.filter(record=duplicate).count() == 1


def test_merge_refuses_rows_that_no_app_moves(cataloguer, monkeypatch):
    """A link no handler declares (an app added later without one) refuses the merge instead of failing in it."""
    monkeypatch.setattr(merging, "_handlers", {k: v for k, v in merging._handlers.items() if k != "circulation"})
    keep, duplicate = make_record(), make_record(title="Басқа атау")
    Refusal.objects.create(record=duplicate, reason=Refusal._meta.get_field("reason").choices[0][0])
    with pytest.raises(MergeNotAllowed):
        services.record_merge(keep=keep, duplicate=duplicate, user=cataloguer)
    assert BibliographicRecord.objects.filter(pk=duplicate.pk).exists()


def test_merge_of_a_locked_record_is_refused_for_a_cataloguer(cataloguer, sysadmin):
    keep, duplicate = make_record(), make_record(title="Басқа атау")
    services.record_lock(record=duplicate, user=sysadmin)
    with pytest.raises(RecordLocked):
        services.record_merge(keep=keep, duplicate=duplicate, user=cataloguer)


def test_merge_action_shows_the_conflict_instead_of_crashing(client, cataloguer, sysadmin):
    keep, duplicate = make_record(), make_record(title="Басқа атау")
    receive(sysadmin, (keep, 3, "900.00", Accounting.CARD), (duplicate, 2, "900.00", Accounting.CARD))
    client.force_login(cataloguer)
    response = client.post("/admin/cataloguing/bibliographicrecord/", {
        "action": "merge_duplicates", "_selected_action": [keep.pk, duplicate.pk], "apply": "1", "keep": keep.pk,
    }, follow=True)
    assert response.status_code == 200
    assert "607-14" in response.content.decode()
    assert BibliographicRecord.objects.count() == 2


def test_every_link_to_a_record_has_a_merge_handler():
    covered = {label.lower() for handler in merging._handlers.values() for label in handler.models}
    links = {relation.related_model._meta.label_lower
             for relation in BibliographicRecord._meta.get_fields(include_hidden=True)
             if relation.auto_created and (relation.one_to_many or relation.one_to_one)}
    assert links <= covered, links - covered

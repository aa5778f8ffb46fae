"""Withdrawn editions leave the catalogue (issue 17.4, QP 607 §5.3): the last copy written off, the record is
marked withdrawn, hidden from the public search and record page and given to OAI-PMH as deleted, kept in the
admin; a copy back in the fund brings it back."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from acquisitions import services as acquisitions
from acquisitions.constants import WriteOffReason
from catalogue_search.selectors import new_arrivals, search
from catalogue_search.services import reindex_records
from cataloguing.constants import ItemStatus
from cataloguing.models import BibliographicRecord, Item
from cataloguing.services import item_change_status, item_create
from digital_library.choices import AccessLevel
from digital_library.oai import record_identifier
from tests.acquisitions.factories import catalogue_record, receive
from tests.digital_library.factories import digital_file
from tests.digital_library.factories import record as e_record

pytestmark = pytest.mark.django_db

OAI_NS = {"oai": "http://www.openarchives.org/OAI/2.0/"}


def write_off(items, *, librarian, director, reason=WriteOffReason.WORN):
    act = acquisitions.write_off_act_create(reason=reason, drawn_on=dt.date(2026, 5, 1), items=items,
                                            user=librarian)
    return acquisitions.write_off_act_approve(act=act, user=director, approved_on=dt.date(2026, 5, 2))


def refreshed(record) -> BibliographicRecord:
    return BibliographicRecord.objects.get(pk=record.pk)


@pytest.fixture
def mechanics(acquisitions_librarian, django_capture_on_commit_callbacks):
    """A book with two copies and a textbook with one, received and indexed for the public search."""
    book = catalogue_record("Механика негіздері", udc="531")
    other = catalogue_record("Механика есептері", udc="531")
    with django_capture_on_commit_callbacks(execute=True):
        receive(acquisitions_librarian, (book, 2, "5000", "inventory"), (other, 1, "3000", "inventory"))
    reindex_records([book.pk, other.pk])
    return book, other


def test_approving_an_act_that_writes_off_the_last_copy_withdraws_the_record(
        mechanics, acquisitions_librarian, director):
    book, _other = mechanics
    with freeze_time("2026-05-02 10:00:00"):
        write_off(list(book.items.all()), librarian=acquisitions_librarian, director=director)
    book = refreshed(book)
    assert book.is_withdrawn
    assert book.withdrawn_at == dt.datetime(2026, 5, 2, 10, 0, tzinfo=dt.UTC)


def test_record_with_another_copy_left_is_not_withdrawn(mechanics, acquisitions_librarian, director):
    book, _other = mechanics
    write_off([book.items.first()], librarian=acquisitions_librarian, director=director)
    assert not refreshed(book).is_withdrawn


def test_lost_copies_written_off_withdraw_the_record(mechanics, acquisitions_librarian, director):
    _book, other = mechanics
    lost = item_change_status(item=other.items.get(), status=ItemStatus.LOST)
    assert not refreshed(other).is_withdrawn  # lost, but still on the books until the act
    write_off([lost], librarian=acquisitions_librarian, director=director, reason=WriteOffReason.LOST)
    assert refreshed(other).is_withdrawn


def test_record_without_copies_is_never_withdrawn(db):
    from cataloguing.services import records_withdrawal_sync

    article = catalogue_record("Электрондық ресурс")
    assert records_withdrawal_sync(record_ids=[article.pk]) == (0, 0)
    assert not refreshed(article).is_withdrawn


def test_new_receipt_brings_a_withdrawn_record_back(mechanics, acquisitions_librarian, director,
                                                    django_capture_on_commit_callbacks):
    book, _other = mechanics
    with django_capture_on_commit_callbacks(execute=True):
        write_off(list(book.items.all()), librarian=acquisitions_librarian, director=director)
    assert search("Механика негіздері").total == 0
    with django_capture_on_commit_callbacks(execute=True):
        receive(acquisitions_librarian, (book, 1, "5200", "inventory"), on=dt.date(2026, 9, 1))
    assert not refreshed(book).is_withdrawn
    assert [hit.record.pk for hit in search("Механика негіздері").hits] == [book.pk]


def test_a_copy_created_by_the_cataloguer_brings_a_withdrawn_record_back(mechanics, acquisitions_librarian,
                                                                           director):
    _book, other = mechanics
    write_off(list(other.items.all()), librarian=acquisitions_librarian, director=director)
    item_create(record=refreshed(other), inventory_number="INV-RETURN-1")
    assert not refreshed(other).is_withdrawn


def test_public_search_and_new_arrivals_hide_a_withdrawn_record(mechanics, acquisitions_librarian, director,
                                                                django_capture_on_commit_callbacks):
    book, other = mechanics
    assert {hit.record.pk for hit in search("Механика").hits} == {book.pk, other.pk}
    with django_capture_on_commit_callbacks(execute=True):
        write_off(list(book.items.all()), librarian=acquisitions_librarian, director=director)
    assert [hit.record.pk for hit in search("Механика").hits] == [other.pk]
    assert book.pk not in {hit.record.pk for hit in search("").hits}
    assert book.pk not in {record.pk for record, _copies, _available in new_arrivals(limit=10)}
    # A full re-index (the rebuild command) does not bring it back.
    reindex_records([book.pk])
    assert [hit.record.pk for hit in search("Механика").hits] == [other.pk]


def test_public_record_page_of_a_withdrawn_record_is_not_found(client, mechanics, acquisitions_librarian, director):
    book, _other = mechanics
    write_off(list(book.items.all()), librarian=acquisitions_librarian, director=director)
    assert client.get(reverse("catalogue_search:record", args=[book.pk])).status_code == 404


def test_cataloguer_sees_a_withdrawn_record_with_its_notice(client, cataloguer, mechanics, acquisitions_librarian,
                                                           director):
    book, other = mechanics
    write_off(list(book.items.all()), librarian=acquisitions_librarian, director=director)
    client.force_login(cataloguer)
    page = client.get(reverse("catalogue_search:record", args=[book.pk]))
    assert page.status_code == 200
    assert 'class="record-withdrawn"' in page.content.decode()
    kept = client.get(reverse("catalogue_search:record", args=[other.pk]))
    assert 'class="record-withdrawn"' not in kept.content.decode()


def test_admin_keeps_withdrawn_records_behind_a_filter(admin_client, mechanics, acquisitions_librarian, director):
    book, other = mechanics
    write_off(list(book.items.all()), librarian=acquisitions_librarian, director=director)
    url = reverse("admin:cataloguing_bibliographicrecord_changelist")
    withdrawn = admin_client.get(url, {"withdrawn": "yes"}).context["cl"].queryset
    public = admin_client.get(url, {"withdrawn": "no"}).context["cl"].queryset
    assert set(withdrawn.values_list("pk", flat=True)) == {book.pk}
    assert book.pk not in set(public.values_list("pk", flat=True))
    assert other.pk in set(public.values_list("pk", flat=True))
    assert admin_client.get(reverse("admin:cataloguing_bibliographicrecord_change", args=[book.pk])).status_code == 200


def test_approval_query_count_does_not_grow_with_the_copies(acquisitions_librarian, director):
    def approve_count(records: int, copies: int) -> int:
        books = [catalogue_record(f"Кітап {records}-{n}") for n in range(records)]
        receive(acquisitions_librarian, *[(book, copies, "1000", "inventory") for book in books])
        items = list(Item.objects.filter(record__in=books))
        act = acquisitions.write_off_act_create(reason=WriteOffReason.WORN, drawn_on=dt.date(2026, 5, 1),
                                                items=items, user=acquisitions_librarian)
        with CaptureQueriesContext(connection) as queries:
            acquisitions.write_off_act_approve(act=act, user=director, approved_on=dt.date(2026, 5, 2))
        assert BibliographicRecord.objects.filter(pk__in=[b.pk for b in books], withdrawn_at__isnull=False).count() \
            == records
        return len(queries)

    assert approve_count(6, 3) == approve_count(1, 1)


def oai(client, **arguments) -> ET.Element:
    return ET.fromstring(client.get(reverse("digital_library:oai"), arguments).content)


@pytest.fixture
def open_thesis(digital_librarian, acquisitions_librarian, director):
    """An open full text whose one printed copy is then written off."""
    with freeze_time("2026-01-10 09:00:00"):
        thesis = e_record(title="Ашық диссертация")
        digital_file(record_=thesis, user=digital_librarian, access_level=AccessLevel.OPEN, licence="CC BY 4.0")
        copy = item_create(record=thesis, inventory_number="INV-OAI-1", status=ItemStatus.ON_SHELF)
    kept = e_record(title="Ашық монография")
    digital_file(record_=kept, user=digital_librarian, access_level=AccessLevel.OPEN, licence="CC BY 4.0")
    with freeze_time("2026-05-02 10:00:00"):
        write_off([copy], librarian=acquisitions_librarian, director=director)
    return thesis, kept


def test_oai_lists_a_withdrawn_record_as_deleted_with_its_withdrawal_date(client, open_thesis):
    thesis, kept = open_thesis
    identify = oai(client, verb="Identify")
    assert identify.find("oai:Identify/oai:deletedRecord", OAI_NS).text == "transient"
    headers = {h.find("oai:identifier", OAI_NS).text: h
               for h in oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc").iter(f"{{{OAI_NS['oai']}}}header")}
    deleted = headers[record_identifier(thesis.pk)]
    assert deleted.get("status") == "deleted"
    assert deleted.find("oai:datestamp", OAI_NS).text == "2026-05-02T10:00:00Z"
    assert headers[record_identifier(kept.pk)].get("status") is None


def test_oai_deleted_record_has_no_metadata_and_is_harvested_from_its_withdrawal(client, open_thesis):
    thesis, _kept = open_thesis
    records = oai(client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2026-05-02"})
    listed = {r.find("oai:header/oai:identifier", OAI_NS).text: r for r in records.iter(f"{{{OAI_NS['oai']}}}record")}
    deleted = listed[record_identifier(thesis.pk)]
    assert deleted.find("oai:header", OAI_NS).get("status") == "deleted"
    assert deleted.find("oai:metadata", OAI_NS) is None
    got = oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=record_identifier(thesis.pk))
    assert got.find("oai:GetRecord/oai:record/oai:header", OAI_NS).get("status") == "deleted"


def test_withdraw_written_off_command_marks_records_already_written_off_once(mechanics):
    book, other = mechanics
    # Written off before withdrawal existed: the copies' status changed, the record left unmarked.
    Item.objects.filter(record=book).update(status=ItemStatus.WRITTEN_OFF)
    call_command("withdraw_written_off", batch_size=1)
    first = refreshed(book)
    assert first.is_withdrawn
    assert not refreshed(other).is_withdrawn
    call_command("withdraw_written_off")
    assert refreshed(book).withdrawn_at == first.withdrawn_at
    assert refreshed(book).version == first.version


def test_sru_does_not_find_a_withdrawn_record(client, mechanics, acquisitions_librarian, director,
                                              django_capture_on_commit_callbacks):
    book, _other = mechanics

    def found(query: str) -> int:
        answer = ET.fromstring(client.get("/sru", {"operation": "searchRetrieve", "version": "1.2",
                                                   "query": query}).content)
        return int(answer.findtext("{http://www.loc.gov/zing/srw/}numberOfRecords"))

    assert found('title="Механика"') == 2
    with django_capture_on_commit_callbacks(execute=True):
        write_off(list(book.items.all()), librarian=acquisitions_librarian, director=director)
    assert found('title="Механика"') == 1
    assert found('title="Механика негіздері"') == 0


def test_merging_a_duplicate_with_copies_into_a_withdrawn_record_brings_it_back(
        mechanics, acquisitions_librarian, director, cataloguer):
    from cataloguing.services import record_merge

    book, other = mechanics
    write_off(list(book.items.all()), librarian=acquisitions_librarian, director=director)
    kept = record_merge(keep=refreshed(book), duplicate=refreshed(other), user=cataloguer)
    assert not kept.is_withdrawn
    assert not refreshed(book).is_withdrawn

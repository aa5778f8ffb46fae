"""Record locking and versions (issue 13, point 10; QP 607 §5.4): a stale save is refused with who saved the record
and when, the administrator locks records and whole catalogue databases (logged) and unlocks them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from freezegun import freeze_time

from accounts import roles
from cataloguing import services
from cataloguing.constants import ItemStatus, LockAction
from cataloguing.exceptions import LockError, RecordLocked, RecordStale
from cataloguing.marcio import import_records, read_iso2709
from cataloguing.models import BibliographicRecord, Item, LockLogEntry
from tests.cataloguing.factories import database, iso2709, make_item, make_record, marc_record
from tests.cataloguing.test_admin_and_permissions import FORM, inlines
from tests.factories import UserFactory, library_department

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_cataloguer(db):
    return UserFactory(username="aigul", first_name="Айгүл", last_name="Серікова",
                       roles=[roles.LIBRARIAN_CATALOGUING], library_department=library_department("cataloguing"))


def record_url(record) -> str:
    return f"/admin/cataloguing/bibliographicrecord/{record.pk}/change/"


def record_form(record, **changes) -> dict:
    return {**FORM, **inlines(record), "control_number": record.control_number, "database": record.database_id,
            "seen_version": record.version, **changes}


# -- versions -------------------------------------------------------------------------------------------------

def test_every_save_of_a_record_or_an_item_raises_its_version(cataloguer):
    record = make_record()
    item = make_item(record)
    assert (record.version, item.version) == (1, 1)
    services.record_save_fields(record=record, user=cataloguer, year=2021)
    assert BibliographicRecord.objects.get(pk=record.pk).version == record.version == 2
    services.item_change_status(item=item, status=ItemStatus.ON_SHELF)
    assert Item.objects.get(pk=item.pk).version == item.version == 2
    services.items_change_status(item_ids=[item.pk], from_status=ItemStatus.ON_SHELF, to_status=ItemStatus.RESERVED)
    assert Item.objects.get(pk=item.pk).version == 3


def test_a_save_from_an_older_copy_still_moves_the_version_forward():
    record = make_record()
    older = BibliographicRecord.objects.get(pk=record.pk)
    record.save()
    older.save()
    assert BibliographicRecord.objects.get(pk=record.pk).version == 3


def test_marc_reimport_raises_the_version_of_the_records_it_changes(cataloguer):
    record = make_record()
    services.record_save_marc(record=record, marc_record=marc_record(control_number=record.control_number),
                              user=cataloguer)
    before = BibliographicRecord.objects.get(pk=record.pk).version
    changed = marc_record(control_number=record.control_number, title="Жаңа басылым")
    result = import_records(read_iso2709(iso2709(changed)), database=database(), user=cataloguer)
    assert result.updated == 1
    assert BibliographicRecord.objects.get(pk=record.pk).version == before + 1


def test_stale_record_save_is_refused_with_the_other_editors_name_and_time(cataloguer, other_cataloguer):
    record = make_record()
    mine = BibliographicRecord.objects.get(pk=record.pk)  # the form opened at version 1
    with freeze_time("2026-03-02 09:15:00"):
        services.record_save_fields(record=record, user=other_cataloguer, year=2021)
    with pytest.raises(RecordStale) as refused:
        services.record_save_fields(record=mine, user=cataloguer, year=2022)
    message = str(refused.value)
    assert "Серікова" in message
    assert timezone.localtime(dt.datetime(2026, 3, 2, 9, 15, tzinfo=dt.UTC)).strftime("%d.%m.%Y %H:%M") in message
    assert refused.value.changed_by == other_cataloguer
    assert BibliographicRecord.objects.get(pk=record.pk).year == 2021


def test_admin_refuses_a_stale_save_and_keeps_the_input(client, cataloguer, other_cataloguer):
    record = make_record()
    opened = record_form(record, title="Менің түзетуім")  # the page as it was opened, with my edit typed in
    services.record_save_fields(record=record, user=other_cataloguer, year=2021)

    client.force_login(cataloguer)
    response = client.post(record_url(record), opened)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "Серікова" in " ".join(form.non_field_errors())
    assert "Менің түзетуім" in response.content.decode()  # the input is still on the page
    stored = BibliographicRecord.objects.get(pk=record.pk)
    assert stored.title != "Менің түзетуім"
    assert stored.year == 2021
    # The page now carries the current version: saving again applies the input deliberately.
    assert form["seen_version"].value() == stored.version
    again = client.post(record_url(record), {**opened, "seen_version": form["seen_version"].value()})
    assert again.status_code == 302
    assert BibliographicRecord.objects.get(pk=record.pk).title == "Менің түзетуім"


def test_admin_refuses_a_stale_item_save(client, cataloguer):
    item = make_item(make_record())
    url = f"/admin/cataloguing/item/{item.pk}/change/"
    data = {"record": item.record_id, "barcode": item.barcode, "location_note": "", "loan_category": "regular",
            "price": "100.00", "received_on": "", "receipt_source": "purchase", "call_number": "55 С",
            "seen_version": item.version}
    services.item_change_status(item=item, status=ItemStatus.ON_SHELF)  # someone else saved it meanwhile
    client.force_login(cataloguer)
    response = client.post(url, data)
    assert response.status_code == 200
    assert item.inventory_number in " ".join(response.context["adminform"].form.non_field_errors())
    assert Item.objects.get(pk=item.pk).call_number != "55 С"


# -- locks ----------------------------------------------------------------------------------------------------

def test_only_the_administrator_role_holds_the_lock_permission(cataloguer, sysadmin, acquisitions_librarian):
    assert sysadmin.has_perm("cataloguing.lock_record")
    assert not cataloguer.has_perm("cataloguing.lock_record")
    assert cataloguer.has_perm("cataloguing.change_bibliographicrecord")
    assert not acquisitions_librarian.has_perm("cataloguing.lock_record")
    with pytest.raises(LockError):
        services.record_lock(record=make_record(), user=cataloguer)


def test_locked_record_refuses_a_cataloguers_save_through_the_service(cataloguer, sysadmin):
    record = make_record()
    services.record_lock(record=record, user=sysadmin, reason="Эталон жазба")
    record = BibliographicRecord.objects.get(pk=record.pk)
    with pytest.raises(RecordLocked) as refused:
        services.record_save_fields(record=record, user=cataloguer, year=2021)
    assert record.control_number in str(refused.value)
    assert BibliographicRecord.objects.get(pk=record.pk).year == 2020
    services.record_save_fields(record=record, user=sysadmin, year=2021)  # the administrator still may
    assert BibliographicRecord.objects.get(pk=record.pk).year == 2021


def test_locked_record_opens_read_only_and_refuses_a_cataloguers_save_in_the_admin(client, cataloguer, sysadmin):
    record = make_record()
    opened = record_form(record, title="Менің түзетуім")
    services.record_lock(record=record, user=sysadmin)
    client.force_login(cataloguer)
    page = client.get(record_url(record))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert 'name="title"' not in page.content.decode()
    response = client.post(record_url(record), opened)  # a form opened before the lock
    assert response.status_code == 200
    assert record.control_number in " ".join(response.context["adminform"].form.non_field_errors())
    assert BibliographicRecord.objects.get(pk=record.pk).title != "Менің түзетуім"


def test_locked_database_refuses_cataloguers_edits_new_records_and_marc_imports(client, cataloguer, sysadmin):
    record = make_record()
    item = make_item(record)
    services.database_lock(database=database(), user=sysadmin, reason="Қайта тексеру")
    with pytest.raises(RecordLocked):
        services.record_save_fields(record=BibliographicRecord.objects.get(pk=record.pk), user=cataloguer, year=2021)
    with pytest.raises(RecordLocked):
        make_record(user=cataloguer)
    with pytest.raises(RecordLocked):
        services.item_save(item=Item.objects.get(pk=item.pk), user=cataloguer)
    with pytest.raises(RecordLocked):
        import_records(read_iso2709(iso2709(marc_record())), database=database(), user=cataloguer)
    client.force_login(cataloguer)
    assert not client.get(record_url(record)).context["has_change_permission"]
    assert not client.get(f"/admin/cataloguing/item/{item.pk}/change/").context["has_change_permission"]


def test_marc_import_rejects_the_records_it_would_update_when_they_are_locked(cataloguer, sysadmin):
    locked = make_record(database_code="fund")
    services.record_lock(record=locked, user=sysadmin)
    free = make_record(title="Басқа кітап")
    result = import_records(read_iso2709(iso2709(
        marc_record(control_number=locked.control_number, title="Өзгертілген"),
        marc_record(control_number=free.control_number, title="Өзгертілген"),
    )), database=database(), user=cataloguer)
    assert result.updated == 1
    assert [r.position for r in result.rejected] == [1]
    assert locked.control_number in result.rejected[0].reason
    assert BibliographicRecord.objects.get(pk=locked.pk).title != "Өзгертілген"
    assert BibliographicRecord.objects.get(pk=free.pk).title == "Өзгертілген"


def test_lock_and_unlock_are_logged_and_the_administrator_unlocks(cataloguer, sysadmin):
    record = make_record()
    services.record_lock(record=record, user=sysadmin, reason="Эталон жазба")
    services.database_lock(database=database(), user=sysadmin)
    with pytest.raises(LockError):
        services.record_unlock(record=record, user=cataloguer)
    services.record_unlock(record=record, user=sysadmin)
    services.database_unlock(database=database(), user=sysadmin)
    log = list(LockLogEntry.objects.order_by("id").values_list("action", "control_number", "database", "user"))
    assert log == [
        (LockAction.LOCKED, record.control_number, None, sysadmin.pk),
        (LockAction.LOCKED, "", database().pk, sysadmin.pk),
        (LockAction.UNLOCKED, record.control_number, None, sysadmin.pk),
        (LockAction.UNLOCKED, "", database().pk, sysadmin.pk),
    ]
    services.record_save_fields(record=BibliographicRecord.objects.get(pk=record.pk), user=cataloguer, year=2021)
    assert BibliographicRecord.objects.get(pk=record.pk).year == 2021


def test_sysadmin_locks_and_unlocks_from_the_admin_and_sees_the_log(client, sysadmin, cataloguer):
    record = make_record()
    client.force_login(sysadmin)
    changelist = "/admin/cataloguing/bibliographicrecord/"
    response = client.post(changelist, {"action": "lock_records", "_selected_action": [record.pk]})
    assert response.status_code == 302
    assert BibliographicRecord.objects.get(pk=record.pk).is_locked
    client.post("/admin/cataloguing/cataloguedatabase/", {"action": "lock_databases",
                                                          "_selected_action": [database().pk]})
    assert database().is_locked
    client.post(changelist, {"action": "unlock_records", "_selected_action": [record.pk]})
    assert not BibliographicRecord.objects.get(pk=record.pk).is_locked
    log_page = client.get("/admin/cataloguing/locklogentry/")
    assert log_page.status_code == 200
    assert record.control_number in log_page.content.decode()
    client.force_login(cataloguer)
    assert "lock_records" not in client.get(changelist).content.decode()

"""One write path for bibliographic records (issue 19, item 1): the admin's form and the MARC import both store
records through `cataloguing.records.records_upsert`, so each rule holds for both. Each test drives one rule
through the admin (the form a cataloguer posts) and through an import of a file."""

from __future__ import annotations

import io

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError
from pymarc import Leader

from cataloguing import marcio, services
from cataloguing import records as write_path
from cataloguing.constants import RecordAction
from cataloguing.models import BibliographicRecord, RecordChange
from cataloguing.records import sql
from cataloguing.signals import record_changed
from tests.cataloguing.factories import database, isbn13, iso2709, make_record, marc_record
from tests.cataloguing.test_admin_and_permissions import FORM, inlines

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/cataloguing/bibliographicrecord/add/"


def change_url(record) -> str:
    return f"/admin/cataloguing/bibliographicrecord/{record.pk}/change/"


def edit_form(record, **changes) -> dict:
    return {**FORM, **inlines(record), "control_number": record.control_number, "database": record.database_id,
            "seen_version": record.version, **changes}


def run_import(*records, user=None):
    return marcio.import_file(iso2709(*records), database=database(), user=user)


def form_errors(response) -> str:
    form = response.context["adminform"].form
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


def test_an_isbn_already_catalogued_names_that_record_in_the_admin_and_is_updated_by_the_import(client, cataloguer):
    isbn = isbn13("978601700101")
    existing = make_record(isbn=isbn, title="Бірінші басылым")
    client.force_login(cataloguer)

    response = client.post(ADD_URL, {**FORM, **inlines(), "database": database().pk, "isbn": isbn})
    assert response.status_code == 200
    assert existing.control_number in " ".join(response.context["adminform"].form.errors["isbn"])
    assert BibliographicRecord.objects.count() == 1

    result = run_import(marc_record(control_number="OTHER-001", isbn=isbn, title="Екінші басылым"))
    assert result.summary == "imported 0, updated 1, flagged 0, rejected 0"
    assert BibliographicRecord.objects.get().title == "Екінші басылым"
    assert BibliographicRecord.objects.get().control_number == existing.control_number


def test_a_control_number_names_one_record_in_the_admin_and_in_the_import(cataloguer):
    first, second = make_record(title="Бірінші"), make_record(title="Екінші")

    refusal = services.record_save_refusal(record=second, database=database(), user=cataloguer,
                                           control_number=first.control_number)
    assert first.control_number in str(refusal)
    assert BibliographicRecord.objects.get(pk=second.pk).control_number != first.control_number

    result = run_import(marc_record(control_number=first.control_number, title="Үшінші"))
    assert result.summary == "imported 0, updated 1, flagged 0, rejected 0"
    assert BibliographicRecord.objects.count() == 2
    assert BibliographicRecord.objects.get(pk=first.pk).title == "Үшінші"


def test_a_save_that_changes_nothing_writes_nothing_in_the_admin_and_in_the_import(client, cataloguer):
    client.force_login(cataloguer)
    assert client.post(ADD_URL, {**FORM, **inlines(), "database": database().pk}).status_code == 302
    typed = BibliographicRecord.objects.get()
    data = iso2709(marc_record(control_number="SAME-1")).read()
    marcio.import_file(iso2709(marc_record(control_number="SAME-1")), database=database())
    imported = BibliographicRecord.objects.get(control_number="SAME-1")
    sent = []

    def listener(sender, record_ids, **kwargs):
        sent.append(record_ids)

    record_changed.connect(listener)
    try:
        assert client.post(change_url(typed), edit_form(typed)).status_code == 302
        summary = marcio.import_file(io.BytesIO(data), database=database()).summary
        assert summary == "imported 0, updated 1, flagged 0, rejected 0"
    finally:
        record_changed.disconnect(listener)
    assert sent == []
    for record in (typed, imported):
        stored = BibliographicRecord.objects.get(pk=record.pk)
        assert (stored.version, stored.updated_at) == (record.version, record.updated_at)
        assert list(stored.changes.values_list("action", flat=True)) in (
            [RecordAction.CREATED], [RecordAction.IMPORTED])


def test_every_write_raises_the_version_and_keeps_who_and_what_in_the_history(client, cataloguer):
    typed = make_record(year=2020)
    client.force_login(cataloguer)
    assert client.post(change_url(typed), edit_form(typed, year="2021")).status_code == 302
    run_import(marc_record(control_number=typed.control_number, year=2022), user=cataloguer)

    stored = BibliographicRecord.objects.get(pk=typed.pk)
    assert stored.version == typed.version + 2
    history = list(stored.changes.order_by("id").values_list("action", "user", "changes"))
    assert [(action, user) for action, user, _changes in history[1:]] == [
        (RecordAction.EDITED, cataloguer.pk), (RecordAction.REIMPORTED, cataloguer.pk)]
    assert history[1][2]["year"] == [2020, 2021]
    assert history[2][2]["year"] == [2021, 2022]


def test_a_row_the_database_refuses_is_refused_with_the_reason_in_the_admin_and_in_the_import(
        client, cataloguer, monkeypatch):
    original = sql.write

    def refusing(creates, updates, *, writer):
        if any(entry.fields["title"] == "Бас тартылған" for entry in [*creates, *(u.entry for u in updates)]):
            raise IntegrityError("value refused by the database")
        return original(creates, updates, writer=writer)

    monkeypatch.setattr(sql, "write", refusing)
    client.force_login(cataloguer)
    response = client.post(ADD_URL, {**FORM, **inlines(), "database": database().pk, "title": "Бас тартылған"})
    assert response.status_code == 200
    assert "value refused by the database" in " ".join(response.context["adminform"].form.non_field_errors())
    assert not BibliographicRecord.objects.exists()

    result = run_import(marc_record(control_number="R-1", title="Бас тартылған"), marc_record(control_number="R-2"))
    assert result.summary == "imported 1, updated 0, flagged 0, rejected 1"
    assert result.rejected[0].reason == "value refused by the database"
    assert not RecordChange.objects.filter(control_number="R-1").exists()


def test_the_stored_marc_says_unicode_whatever_the_source_said_in_the_admin_and_in_the_import(cataloguer):
    typed = make_record()
    source = marc_record(control_number=typed.control_number, title="MARC-8 жазба")
    source.leader = Leader(str(source.leader)[:9] + " " + str(source.leader)[10:])
    services.record_save_marc(record=typed, marc_record=source, user=cataloguer)
    assert BibliographicRecord.objects.get(pk=typed.pk).leader[9] == "a"

    entry = write_path.record_input(marc_record(control_number="U-1"))
    assert entry.fields["leader"][9] == "a"
    run_import(marc_record(control_number="U-1"))
    assert BibliographicRecord.objects.get(control_number="U-1").leader[9] == "a"


def test_a_locked_record_refuses_the_admin_and_the_import_alike(client, cataloguer, sysadmin):
    record = make_record()
    services.record_lock(record=record, user=sysadmin)
    record = BibliographicRecord.objects.get(pk=record.pk)
    client.force_login(cataloguer)
    response = client.post(change_url(record), edit_form(record, title="Түзетілген"))
    assert response.status_code == 200
    assert record.control_number in form_errors(response)
    result = run_import(marc_record(control_number=record.control_number, title="Түзетілген"), user=cataloguer)
    assert [r.position for r in result.rejected] == [1]
    assert record.control_number in result.rejected[0].reason
    assert BibliographicRecord.objects.get(pk=record.pk).title != "Түзетілген"


def test_the_audit_trail_logs_a_staff_edit_and_an_import_leaves_its_trace_in_the_history(client, cataloguer):
    # A staff edit of one record goes into the audit trail as any admin change does; an import writes thousands
    # of records set-based and is traced by its history rows (who, when, what) and its job, as core.audit says.
    record = make_record(year=2020)
    client.force_login(cataloguer)
    assert client.post(change_url(record), edit_form(record, year="2021")).status_code == 302
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(BibliographicRecord),
                                      object_pk=str(record.pk), action=LogEntry.Action.UPDATE)
    assert [(entry.actor, entry.changes_dict["year"]) for entry in entries] == [(cataloguer, ["2020", "2021"])]

    run_import(marc_record(control_number=record.control_number, year=2022), user=cataloguer)
    assert entries.count() == 1
    assert record.changes.filter(action=RecordAction.REIMPORTED, user=cataloguer).exists()

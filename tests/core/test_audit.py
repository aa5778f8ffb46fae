"""The audit trail of staff changes (core.audit, django-auditlog): who, when, what, before → after, for the
admin's create/change/delete and for imports run by Celery; shown on each object's admin history in Almaty
time; searched by the system administrator only; passwords never in it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from freezegun import freeze_time
from import_export.formats.base_formats import CSV

from accounts.models import User
from circulation.models import Event, Reader
from circulation.resources import StudentListResource
from core.audit import MASK, audited_models
from core.imports import import_job_confirm, import_job_create, import_job_run
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

# 05:30 UTC is 10:30 in Almaty (UTC+5 since 1 March 2024).
UTC_INSTANT = dt.datetime(2026, 3, 10, 5, 30, tzinfo=dt.UTC)


def entries_for(obj) -> list[LogEntry]:
    return list(LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk))
                .order_by("timestamp", "pk"))


def event_form(**values) -> dict:
    return {"title": "Кітап көрмесі", "kind": "event", "held_on": "10.03.2026", "place": "Оқу залы", "organiser": "",
            "participants-TOTAL_FORMS": "0", "participants-INITIAL_FORMS": "0",
            "participants-MIN_NUM_FORMS": "0", "participants-MAX_NUM_FORMS": "1000", **values}


def test_create_change_and_delete_in_the_admin_are_logged_with_who_and_before_after(client_for, librarian):
    client = client_for(librarian)
    response = client.post(reverse("admin:circulation_event_add"), event_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    response = client.post(reverse("admin:circulation_event_change", args=[event.pk]),
                           event_form(place="Мәжіліс залы"))
    assert response.status_code == 302
    response = client.post(reverse("admin:circulation_event_delete", args=[event.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Event.objects.exists()

    created, changed, deleted = entries_for(event)
    assert [e.action for e in (created, changed, deleted)] == [
        LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE]
    assert {e.actor for e in (created, changed, deleted)} == {librarian}
    assert created.changes_dict["title"] == ["None", "Кітап көрмесі"]
    assert changed.changes_dict == {"place": ["Оқу залы", "Мәжіліс залы"]}


def test_an_import_run_by_the_worker_logs_each_row_with_the_importer_as_actor(settings, tmp_path, librarian):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = io.BytesIO("card_number,last_name,first_name,category\n"
                        "2026300001,Сейткали,Айбек,bachelor\n2026300002,Ким,Олег,master\n".encode())
    upload.name = "students.csv"
    # Created and run outside any request, as the Celery worker runs it: no middleware sets the actor.
    job = import_job_create(model=Reader, resource_class=StudentListResource, input_format=CSV, encoding="utf-8",
                            uploaded_file=upload, user=librarian)
    import_job_run(job_id=job.pk)
    job.refresh_from_db()
    import_job_confirm(job=job, user=librarian)
    import_job_run(job_id=job.pk)

    readers = list(Reader.objects.order_by("card_number"))
    assert [r.card_number for r in readers] == ["2026300001", "2026300002"]
    for reader in readers:
        created = entries_for(reader)[0]
        assert created.action == LogEntry.Action.CREATE
        assert created.actor == librarian
        assert created.changes_dict["card_number"][1] == reader.card_number
        assert entries_for(reader.user)[0].actor == librarian  # the account made for the reader too


def test_the_history_page_shows_the_audit_entries_in_almaty_time(client_for, librarian):
    client = client_for(librarian)
    with freeze_time(UTC_INSTANT):
        client.post(reverse("admin:circulation_event_add"), event_form())
        event = Event.objects.get()
        client.post(reverse("admin:circulation_event_change", args=[event.pk]), event_form(place="Мәжіліс залы"))

    page = client.get(reverse("admin:circulation_event_history", args=[event.pk])).content.decode()
    trail = page[page.index('id="audit-trail"'):]
    assert trail.count("2026 ж. 10 наурыз, 10:30") == 2  # the created and the changed entry, local time
    assert "05:30" not in page  # neither Django's own entries nor the trail show UTC
    assert "Оқу залы" in trail
    assert "Мәжіліс залы" in trail
    assert librarian.get_username() in trail


def test_the_history_of_an_account_shows_a_password_change_masked(client_for, sysadmin):
    account = UserFactory(username="changed-reader")
    client = client_for(sysadmin)
    response = client.post(reverse("admin:auth_user_password_change", args=[account.pk]),
                           {"password1": "New-pass-phrase-2026", "password2": "New-pass-phrase-2026"})
    assert response.status_code == 302, response.content.decode()[:2000]
    account.refresh_from_db()
    change = entries_for(account)[-1]
    assert change.actor == sysadmin
    assert change.changes_dict == {"password": [MASK, MASK]}
    page = client.get(reverse("admin:accounts_user_history", args=[account.pk])).content.decode()
    assert MASK in page[page.index('id="audit-trail"'):]
    assert account.password not in page


def test_passwords_never_appear_in_the_log(client_for, sysadmin):
    client = client_for(sysadmin)
    response = client.post(reverse("admin:accounts_user_add"), {
        "username": "new-librarian", "password1": "Kitap-2026-secret", "password2": "Kitap-2026-secret",
        "usable_password": "true"})
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="new-librarian")
    UserFactory(username="factory-made")  # set_password then save: a create with a hash
    assert user.password
    assert LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User)).exists()
    hashes = list(User.objects.values_list("password", flat=True))
    for entry in LogEntry.objects.all():
        stored = f"{entry.changes} {entry.changes_text} {entry.serialized_data}"
        assert "Kitap-2026-secret" not in stored
        assert PASSWORD not in stored
        assert not any(h and h in stored for h in hashes)
        assert "md5$" not in stored


def test_a_non_sysadmin_cannot_see_the_audit_log(client_for, librarian, director):
    for user in (librarian, director):
        client = client_for(user)
        assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 403
        assert "auditlog/logentry" not in client.get(reverse("admin:index")).content.decode()


def test_the_sysadmin_searches_and_exports_the_audit_log(client, client_for, librarian, sysadmin):
    client_for(librarian).post(reverse("admin:circulation_event_add"), event_form(title="Ақын кеші"))
    event = Event.objects.get()
    client_for(sysadmin)
    changelist = reverse("admin:auditlog_logentry_changelist")
    assert "auditlog/logentry" in client.get(reverse("admin:index")).content.decode()
    by_actor = client.get(changelist, {"q": librarian.last_name}).content.decode()
    assert "Ақын кеші" in by_actor
    content_type = ContentType.objects.get_for_model(Event).pk
    by_object = client.get(changelist, {"resource_type": content_type, "q": event.pk}).content.decode()
    assert "Ақын кеші" in by_object
    assert "Ақын кеші" not in client.get(changelist, {"q": "no-such-person"}).content.decode()
    entry = LogEntry.objects.get(object_pk=str(event.pk), content_type_id=content_type)
    assert client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk])).status_code == 200  # read-only
    columns = ("id", "time", "actor_name", "action_name", "model", "object_pk", "object_repr", "changes")
    response = client.post(reverse("admin:auditlog_logentry_export"), {
        "format": "0", "resource": "0", **{f"logentryresource_{name}": "on" for name in columns}})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    exported = response.content.decode("utf-8-sig")
    assert "Ақын кеші" in exported
    assert librarian.get_username() in exported
    assert client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403


def test_service_written_logs_and_read_only_registers_are_not_audited():
    labels = {model._meta.label for model in audited_models()}
    assert {"circulation.Event", "accounts.User", "cataloguing.BibliographicRecord"} <= labels
    assert not labels & {"circulation.Loan", "circulation.Reservation", "core.ImportJob", "axes.AccessLog",
                         "cataloguing.RecordChange", "auditlog.LogEntry"}


def test_the_audit_log_list_is_worded_in_the_readers_language(client_for, sysadmin, settings):
    """auditlog's own list says "1 change: password" and "system" in English; ours follows the reader."""
    client = client_for(sysadmin)
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Exhibition team")
    LogEntry.objects.log_create(group, action=LogEntry.Action.UPDATE, changes={"name": ["Exhibition team", "Expo"]},
                                force_log=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(reverse("admin:auditlog_logentry_changelist")).content.decode()
    assert "1 изменение:" in page
    assert "система" in page  # no actor outside a request
    assert "1 change:" not in page
    assert ">Группа</a>" in page  # the register filter names the model, not "group"

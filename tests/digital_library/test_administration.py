"""System administration logs: account requests (607-30), dictionary edits (607-33), system requests (607-34)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from digital_library.choices import (
    AccountRequestKind,
    AccountRequestStatus,
    DictionaryAction,
    SystemRequestKind,
    SystemRequestStatus,
)
from digital_library.models import (
    AccountRequest,
    DictionaryEdit,
    LanguageEntry,
    PublicationPlace,
    Publisher,
    SubjectHeading,
    SystemRequest,
)
from digital_library.services import (
    account_request_close,
    account_request_create,
    dictionary_entry_delete,
    dictionary_entry_save,
    system_request_resolve,
    system_request_submit,
)

pytestmark = pytest.mark.django_db


def test_account_request_is_closed_with_who_and_when(sysadmin, librarian):
    account_request = account_request_create(
        requested_by=librarian, kind=AccountRequestKind.CREATE, person_name="Ахметова Дана Серікқызы",
        roles="librarian_service", justification="Жаңа қызметкер",
    )
    closed = account_request_close(account_request=account_request, user=sysadmin, status=AccountRequestStatus.DONE,
                                   resolution="Есептік жазба ашылды", account=librarian)
    assert (closed.processed_by, closed.account) == (sysadmin, librarian)
    assert closed.processed_at is not None
    assert closed.role_codes == ["librarian_service"]


def test_closed_account_request_without_processor_is_refused_by_the_database(librarian):
    with pytest.raises(IntegrityError), transaction.atomic():
        AccountRequest.objects.create(requested_by=librarian, kind=AccountRequestKind.CREATE, person_name="X",
                                      status=AccountRequestStatus.DONE)


def test_system_request_is_resolved_with_resolution_and_time(librarian, sysadmin):
    system_request = system_request_submit(
        submitted_by=librarian, kind=SystemRequestKind.FAULT, subject="Штрихкод сканері істемейді",
        description="Қызмет көрсету бөлімінде сканер кітапты танымайды.",
    )
    assert system_request.library_department == librarian.library_department
    resolved = system_request_resolve(system_request=system_request, user=sysadmin,
                                      status=SystemRequestStatus.RESOLVED, resolution="Драйвер жаңартылды")
    assert resolved.resolved_at is not None
    assert resolved.assigned_to == sysadmin
    assert resolved.is_closed


def test_resolved_system_request_needs_a_resolution(librarian):
    with pytest.raises(IntegrityError), transaction.atomic():
        SystemRequest.objects.create(submitted_by=librarian, kind=SystemRequestKind.FAULT, subject="s",
                                     description="d", status=SystemRequestStatus.RESOLVED)


def test_creating_a_dictionary_entry_is_logged(sysadmin):
    entry = dictionary_entry_save(entry=LanguageEntry(code="kaz", name_kk="қазақ тілі", name_en="Kazakh"),
                                  user=sysadmin)
    edit = DictionaryEdit.objects.get()
    assert (edit.edited_by, edit.dictionary, edit.entry_id, edit.action) == (
        sysadmin, "languageentry", entry.pk, DictionaryAction.CREATED)
    assert edit.changes["code"] == ["", "kaz"]


def test_editing_a_dictionary_entry_logs_what_changed(sysadmin):
    place = dictionary_entry_save(entry=PublicationPlace(name_kk="Алматы", country="KZ"), user=sysadmin)
    place.name_ru = "Алматы"
    dictionary_entry_save(entry=place, user=sysadmin)
    edit = DictionaryEdit.objects.filter(action=DictionaryAction.CHANGED).get()
    assert edit.changes == {"name_ru": ["", "Алматы"]}
    assert "name_ru" in edit.changes_text


def test_saving_an_unchanged_entry_logs_nothing(sysadmin):
    heading = dictionary_entry_save(entry=SubjectHeading(heading="Геология"), user=sysadmin)
    dictionary_entry_save(entry=heading, user=sysadmin)
    assert DictionaryEdit.objects.count() == 1


def test_deleting_an_entry_is_logged(sysadmin):
    heading = dictionary_entry_save(entry=SubjectHeading(heading="Тау-кен ісі"), user=sysadmin)
    dictionary_entry_delete(entry=heading, user=sysadmin)
    assert DictionaryEdit.objects.filter(action=DictionaryAction.DELETED, entry_repr="Тау-кен ісі").exists()


def test_a_place_in_use_by_a_publisher_cannot_be_deleted(sysadmin):
    place = dictionary_entry_save(entry=PublicationPlace(name_kk="Астана", country="KZ"), user=sysadmin)
    dictionary_entry_save(entry=Publisher(name="Фолиант", place=place), user=sysadmin)
    with pytest.raises(ProtectedError):
        dictionary_entry_delete(entry=place, user=sysadmin)
    assert PublicationPlace.objects.filter(pk=place.pk).exists()


def test_admin_edit_of_a_dictionary_is_logged_with_the_editor(client_for, sysadmin):
    sysadmin.is_staff = True
    sysadmin.save()
    response = client_for(sysadmin).post("/admin/digital_library/languageentry/add/", {
        "code": "rus", "name_kk": "орыс тілі", "name_ru": "русский", "name_en": "Russian",
    })
    assert response.status_code == 302
    edit = DictionaryEdit.objects.get()
    assert (edit.edited_by, edit.action, edit.entry_repr) == (sysadmin, DictionaryAction.CREATED, "орыс тілі")


def test_admin_closing_an_account_request_records_the_processor(client_for, sysadmin, librarian):
    sysadmin.is_staff = True
    sysadmin.save()
    account_request = account_request_create(requested_by=librarian, kind=AccountRequestKind.CHANGE_RIGHTS,
                                             person_name="Нұрланов Ерлан")
    response = client_for(sysadmin).post(f"/admin/digital_library/accountrequest/{account_request.pk}/change/", {
        "kind": AccountRequestKind.CHANGE_RIGHTS, "person_name": "Нұрланов Ерлан", "person_email": "",
        "position": "", "library_department": "", "academic_department": "", "roles": "librarian_storage",
        "justification": "", "status": AccountRequestStatus.DONE, "account": "", "resolution": "Рөл берілді",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    account_request.refresh_from_db()
    assert account_request.processed_by == sysadmin


@pytest.mark.parametrize("model", ["accountrequest", "systemrequest", "documenttypeentry", "languageentry",
                                   "publicationplace", "publisher", "subjectheading", "dictionaryedit",
                                   "digitalfile", "fileuploadlog", "usageevent", "scanningrequest"])
def test_every_register_opens_in_the_admin(client_for, sysadmin, model):
    sysadmin.is_staff = True
    sysadmin.save()
    client = client_for(sysadmin)
    assert client.get(f"/admin/digital_library/{model}/").status_code == 200


def test_dictionary_edit_log_cannot_be_edited_in_the_admin(client_for, sysadmin):
    sysadmin.is_staff = True
    sysadmin.save()
    dictionary_entry_save(entry=SubjectHeading(heading="Металлургия"), user=sysadmin)
    edit = DictionaryEdit.objects.get()
    response = client_for(sysadmin).post(f"/admin/digital_library/dictionaryedit/{edit.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403


@pytest.mark.parametrize("model", ["accountrequest", "systemrequest", "languageentry", "publisher", "subjectheading",
                                   "digitalfile", "scanningrequest"])
def test_every_register_add_form_opens_in_the_admin(client_for, sysadmin, model):
    sysadmin.is_staff = True
    sysadmin.save()
    assert client_for(sysadmin).get(f"/admin/digital_library/{model}/add/").status_code == 200


def test_staff_request_is_logged_through_the_admin_with_the_submitter(client_for, librarian, sysadmin):
    sysadmin.is_staff = True
    sysadmin.save()
    response = client_for(sysadmin).post("/admin/digital_library/systemrequest/add/", {
        "kind": SystemRequestKind.ADAPTATION, "priority": "normal", "library_department": "",
        "subject": "Жаңа есеп", "description": "Айлық есеп қажет", "status": SystemRequestStatus.NEW,
        "assigned_to": "", "resolution": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SystemRequest.objects.get().submitted_by == sysadmin

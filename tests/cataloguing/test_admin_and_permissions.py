"""The cataloguer's admin (library fields in, MARC view out, history) and who may do what."""

from __future__ import annotations

import pytest

from cataloguing.constants import RecordAction
from cataloguing.models import BibliographicRecord
from tests.cataloguing.factories import database, make_item, make_record

pytestmark = pytest.mark.django_db

FORM = {
    "control_number": "", "document_type": "book", "language": "kaz", "authors": "Сәтбаев, Қаныш Имантайұлы",
    "title": "Жезқазған кен орны", "subtitle": "", "statement_of_responsibility": "", "edition": "",
    "place": "Алматы", "publisher": "Ғылым", "year": "1958", "extent": "210 б.", "series": "", "source": "",
    "isbn": "", "issn": "", "udc": "553.3(574)", "subjects": "Мыс кендері", "annotation": "", "url": "",
}



def inlines(record=None) -> dict:
    """The management forms of the read-only inlines (items, history) a browser posts with the page."""
    data = {}
    for prefix in ("items", "changes"):
        rows = list(getattr(record, prefix).order_by("-changed_at" if prefix == "changes" else "inventory_number")
                    .values_list("pk", flat=True)) if record else []
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows)})
        for n, pk in enumerate(rows):
            data.update({f"{prefix}-{n}-id": pk, f"{prefix}-{n}-record": record.pk})
    return data


def test_cataloguer_creates_a_record_through_library_fields(client, cataloguer):
    client.force_login(cataloguer)
    response = client.post("/admin/cataloguing/bibliographicrecord/add/",
                           {**FORM, **inlines(), "database": database().pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    record = BibliographicRecord.objects.get()
    assert record.created_by == cataloguer
    assert record.title == "Жезқазған кен орны"
    assert {"080": {"ind1": " ", "ind2": " ", "subfields": [{"a": "553.3(574)"}]}} in record.marc["fields"]


def test_cataloguer_edit_is_kept_in_the_history_and_the_page_shows_marc(client, cataloguer):
    record = make_record()
    client.force_login(cataloguer)
    url = f"/admin/cataloguing/bibliographicrecord/{record.pk}/change/"
    page = client.get(url).content.decode()
    assert "MARC 21" in page
    assert "<b>$a</b>" in page
    response = client.post(url, {**FORM, **inlines(record), "control_number": record.control_number,
                                 "database": database().pk})
    assert response.status_code == 302
    edit = record.changes.get(action=RecordAction.EDITED)
    assert edit.user == cataloguer
    assert edit.changes["title"][1] == "Жезқазған кен орны"


def test_form_refuses_a_wrong_isbn_with_the_field_named(client, cataloguer):
    client.force_login(cataloguer)
    response = client.post("/admin/cataloguing/bibliographicrecord/add/",
                           {**FORM, **inlines(), "isbn": "978-601-323-101-0", "database": database().pk})
    assert response.status_code == 200
    assert "isbn" in response.context["adminform"].form.errors
    assert not BibliographicRecord.objects.exists()


def test_service_librarian_may_view_but_not_edit_records(client, librarian):
    record = make_record()
    client.force_login(librarian)
    url = f"/admin/cataloguing/bibliographicrecord/{record.pk}/change/"
    assert client.get(url).status_code == 200
    client.post(url, {**FORM, **inlines(record), "control_number": record.control_number,
                                 "database": database().pk})
    record.refresh_from_db()
    assert record.title != FORM["title"]
    assert client.get("/admin/cataloguing/bibliographicrecord/add/").status_code == 403


def test_reader_cannot_open_the_catalogue_admin(client, reader):
    client.force_login(reader)
    response = client.get("/admin/cataloguing/bibliographicrecord/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_records_and_items_cannot_be_deleted(admin_client):
    record = make_record()
    item = make_item(record)
    assert admin_client.get(f"/admin/cataloguing/bibliographicrecord/{record.pk}/delete/").status_code == 403
    assert admin_client.get(f"/admin/cataloguing/item/{item.pk}/delete/").status_code == 403


def test_catalogue_cards_need_the_view_permission(client, reader, librarian):
    make_record()
    client.force_login(reader)
    assert client.get("/reports/forms/607-26/").status_code in (302, 403)
    client.force_login(librarian)
    assert client.get("/reports/forms/607-26/").status_code == 200


def test_merge_action_keeps_the_chosen_record(client, cataloguer):
    keep, duplicate = make_record(), make_record()
    client.force_login(cataloguer)
    response = client.post("/admin/cataloguing/bibliographicrecord/", {
        "action": "merge_duplicates", "_selected_action": [keep.pk, duplicate.pk], "apply": "1", "keep": keep.pk,
    })
    assert response.status_code == 302
    assert list(BibliographicRecord.objects.values_list("pk", flat=True)) == [keep.pk]


def test_export_action_returns_marc(client, cataloguer):
    record = make_record()
    client.force_login(cataloguer)
    response = client.post("/admin/cataloguing/bibliographicrecord/", {
        "action": "export_iso2709", "_selected_action": [record.pk]})
    assert response.status_code == 200
    assert response.content.endswith(b"\x1d")
    assert record.control_number.encode() in response.content


def test_demo_catalogue_loads_twice_without_duplicates():
    from cataloguing import demo

    demo.load()
    count = BibliographicRecord.objects.count()
    demo.load()
    assert BibliographicRecord.objects.count() == count >= 60
    assert BibliographicRecord.objects.filter(first_author__startswith="Сәтбаев").exists()
    languages = set(BibliographicRecord.objects.values_list("language", flat=True))
    assert {"kaz", "rus", "eng"} <= languages
    assert BibliographicRecord.objects.values("database").distinct().count() == 8
    assert all(letter in "".join(BibliographicRecord.objects.values_list("title", flat=True))
               for letter in "әғқңөұүһі")

"""The public record page (issue 14.3): open to anyone; description, copies by location and status, the
e-version with its access terms, the MARC fields for cataloguing staff only; every result and new arrival leads
to it; an empty query browses; the home page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import LibraryDepartment
from catalogue_search.services import reindex_records
from cataloguing.constants import ItemStatus
from storage.constants import LocationKind
from storage.models import ItemPlacement, Location
from tests.factories import UserFactory

from .factories import ItemFactory, RecordFactory

BBK_MARC = {"leader": "     nam a22     4i 4500", "fields": [
    {"001": "KSTU-R1"},
    {"084": {"ind1": " ", "ind2": " ", "subfields": [{"a": "63.3(5Каз)"}, {"2": "rubbk"}]}},
    {"245": {"ind1": "1", "ind2": "0", "subfields": [{"a": "Қазақстан тарихы"}]}},
]}


def page_url(record) -> str:
    return reverse("catalogue_search:record", args=[record.pk])


@pytest.fixture
def history(db):
    record = RecordFactory(title="Қазақстан тарихы", subtitle="оқулық", authors="Қасымов Қ.; Әуезов М.",
                           publisher="Фолиант", place="Астана", year=2021, isbn="9786017012345",
                           udc='94(574)"19"', subjects="Тарих; Қазақстан", language="kaz", marc=BBK_MARC)
    reindex_records([record.pk])
    return record


def test_anonymous_visitor_reads_the_description(client, history):
    response = client.get(page_url(history), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    lines = {line.label: line.values for line in response.context["description"]}
    assert lines["Authors"] == ["Қасымов Қ.", "Әуезов М."]
    assert lines["Title"] == ["Қазақстан тарихы : оқулық"]
    assert lines["Publication"] == ["Астана: Фолиант, 2021"]
    assert lines["ISBN"] == ["9786017012345"]
    assert lines["Subjects"] == ["Тарих", "Қазақстан"]
    assert lines["UDC"] == ['94(574)"19"']
    assert lines["BBK"] == ["63.3(5Каз)"]
    assert lines["Language"] == ["Kazakh"]
    assert lines["Catalogue database"] == [history.database.name]
    page = response.content.decode()
    assert history.gost_description.split(" / ")[0] in page


def test_anonymous_visitor_sees_no_marc_and_is_invited_to_sign_in_to_order(client, history):
    ItemFactory(record=history)
    page = client.get(page_url(history)).content.decode()
    assert "panel-marc" not in page
    assert 'id="order-button"' not in page
    assert reverse("accounts:login") in page


def test_reader_sees_no_marc(client_for, reader, history):
    response = client_for(reader).get(page_url(history))
    assert "marc_rows" not in response.context
    assert "panel-marc" not in response.content.decode()


def test_cataloguer_sees_the_marc_fields_and_the_admin_link(client_for, cataloguer, history):
    response = client_for(cataloguer).get(page_url(history))
    page = response.content.decode()
    assert [row["tag"] for row in response.context["marc_rows"]] == ["LDR", "001", "084", "245"]
    assert "panel-marc" in page
    assert "63.3(5Каз)" in page
    assert reverse("admin:cataloguing_bibliographicrecord_change", args=[history.pk]) in page


def test_staff_who_may_only_view_records_see_marc_without_the_edit_link(client_for, history):
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_bibliographicrecord"))
    response = client_for(viewer).get(page_url(history))
    assert response.context["marc_rows"]
    assert "admin_url" not in response.context


def test_unknown_record_is_not_found(client, db):
    assert client.get(reverse("catalogue_search:record", args=[999_999])).status_code == 404


def test_copies_are_counted_by_location_and_status(client, history):
    hall = LibraryDepartment.objects.create(code="hall-1", name_kk="Оқу залы", name_ru="Читальный зал",
                                            name_en="Reading hall")
    shelf = Location.objects.create(code="store-a", kind=LocationKind.ROOM, name_kk="Сақтау қоймасы",
                                    name_ru="Книгохранилище", name_en="Main store")
    ItemFactory.create_batch(2, record=history, department=hall)
    ItemFactory(record=history, department=hall, status=ItemStatus.ON_LOAN)
    stored = ItemFactory(record=history, department=hall, status=ItemStatus.ON_SHELF)
    ItemPlacement.objects.create(item=stored, location=shelf, placed_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    ItemFactory(record=history, status=ItemStatus.WRITTEN_OFF)  # no longer in the fund
    response = client.get(page_url(history), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert "Reading hall" in page
    assert "Main store" in page
    assert "3 copies on the shelf" in page
    assert "of 4 copies in the fund" in page


def test_e_version_shows_its_access_terms_and_embargo(client, history, settings, tmp_path, librarian):
    from tests.digital_library.factories import digital_file

    settings.MEDIA_ROOT = tmp_path
    digital_file(record_=history, user=librarian, access_level="open", label="Full text")
    digital_file(record_=history, user=librarian, access_level="reading_room", label="Atlas",
                 embargo_until=dt.date(2999, 1, 1))
    page = client.get(page_url(history), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Electronic version" in page
    assert "Open access" in page
    assert "On site only" in page
    assert "Embargo until 01.01.2999" in page
    assert page.count("/digital/files/") == 2  # read and download of the open file only


def test_record_without_e_version_shows_no_e_version_panel(client, history):
    assert "panel-e_version" not in client.get(page_url(history)).content.decode()


def test_every_result_links_to_its_record_page(client, history):
    response = client.get(reverse("catalogue_search:search"), {"q": "тарихы"})
    assert f'href="{page_url(history)}"' in response.content.decode()


def test_class_number_as_shown_on_the_page_finds_the_record(client, history):
    for typed in ('94(574)"19"', "94(574)", "63.3(5Каз)"):
        hits = client.get(reverse("catalogue_search:search"), {"q": typed}).context["result"].hits
        assert [hit.record for hit in hits] == [history], typed


def test_empty_query_browses_newest_first_with_links(client, db):
    older, newer = RecordFactory(title="Ескі кітап"), RecordFactory(title="Жаңа кітап")
    reindex_records([older.pk, newer.pk])
    response = client.get(reverse("catalogue_search:search"))
    assert response.context["result"].mode == "browse"
    assert [hit.record for hit in response.context["result"].hits] == [newer, older]
    page = response.content.decode()
    assert f'href="{page_url(newer)}"' in page
    assert f'href="{page_url(older)}"' in page


def test_home_page_has_the_search_box_and_new_arrivals(client, db):
    records = [RecordFactory(title=f"Жаңа түсім {n}") for n in range(10)]
    reindex_records([r.pk for r in records])
    response = client.get("/")
    assert response.status_code == 200
    assert response.resolver_match.func.__name__ == "home"
    page = response.content.decode()
    assert 'name="q"' in page
    assert f'action="{reverse("catalogue_search:search")}"' in page
    shown = [row["record"] for row in response.context["arrivals"]]
    assert shown == records[::-1][:8]
    assert f'href="{page_url(records[-1])}"' in page
    assert f'href="{reverse("catalogue_search:search")}" role="button"' in page


def test_pages_have_no_inline_styles(client, history):
    for url in ("/", reverse("catalogue_search:search"), page_url(history)):
        assert "style=" not in client.get(url).content.decode(), url

"""Issue 21, item 4: numbers and dates as a person reads them in each language: thousands grouped with a
non-breaking space and a decimal comma in Kazakh and Russian, month names lower case inside a Kazakh date and in
the genitive in a Russian one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation

from accounts import roles
from core.dates import until_date
from core.navigation import registry
from tests.factories import UserFactory

NBSP = "\xa0"


@pytest.mark.parametrize(("language", "shown"), [("kk", f"1{NBSP}234{NBSP}567"), ("ru", f"1{NBSP}234{NBSP}567"),
                                                 ("en", "1,234,567")])
def test_catalogue_search_count_of_records_found_is_grouped_in_the_pages_language(language, shown):
    for capped in (False, True):
        with translation.override(language):
            html = render_to_string("catalogue_search/_result_count.html",
                                    {"result": SimpleNamespace(total=1234567, total_is_capped=capped)})
        assert shown in html
        assert "1234567" not in html


@pytest.mark.django_db
def test_staff_home_queue_counts_are_grouped(client_for, monkeypatch):
    librarian = UserFactory(username="digital-grouped", roles=[roles.LIBRARIAN_DIGITAL])
    key = "antiplagiarism.to_accept"
    monkeypatch.setitem(registry.queues, key, dataclasses.replace(registry.queues[key], count=lambda user: 12345))
    with translation.override("kk"):
        page = client_for(librarian).get(reverse("core:workbench"), HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert f'<span class="queue-count">12{NBSP}345</span>' in page


def test_kazakh_date_has_the_month_in_lower_case_after_the_day():
    with translation.override("kk"):
        assert formats.date_format(dt.date(2026, 12, 3)) == "2026 ж. 3 желтоқсан"
        assert formats.date_format(dt.date(2026, 5, 1), "YEAR_MONTH_FORMAT") == "2026 ж. мамыр"


def test_russian_date_has_the_month_in_the_genitive():
    with translation.override("ru"):
        assert formats.date_format(dt.date(2026, 12, 3)) == "3 декабря 2026 г."


def test_kazakh_numbers_take_the_decimal_comma_and_grouping_of_our_formats():
    with translation.override("kk"):
        assert formats.number_format(1234567.5, 2, force_grouping=True) == f"1{NBSP}234{NBSP}567,50"


@pytest.mark.parametrize(("day", "dative"), [
    (dt.date(2026, 12, 3), "2026 жылғы 3 желтоқсанға"), (dt.date(2027, 4, 30), "2027 жылғы 30 сәуірге"),
    (dt.date(2027, 7, 1), "2027 жылғы 1 шілдеге"), (dt.date(2027, 9, 15), "2027 жылғы 15 қыркүйекке"),
])
def test_a_kazakh_date_before_deyin_takes_the_dative(day, dative):
    with translation.override("kk"):
        assert until_date(day) == dative


def test_a_russian_or_english_date_before_until_is_the_long_date():
    with translation.override("ru"):
        assert until_date(dt.date(2026, 12, 3)) == "3 декабря 2026 г."
    with translation.override("en"):
        assert until_date(dt.date(2026, 12, 3)) == formats.date_format(dt.date(2026, 12, 3))


def test_the_access_code_line_of_a_new_check_reads_until_with_the_dative_in_kazakh():
    code = SimpleNamespace(remaining=3, code="ABCD1234", valid_until=dt.date(2026, 12, 31))
    with translation.override("kk"):
        html = render_to_string("antiplagiarism/check_new.html", {"code": code, "form": ""})
    assert "2026 жылғы 31 желтоқсанға" in html
    assert "31 желтоқсан " not in html


def test_the_embargo_refusal_says_until_when_with_the_dative_in_kazakh():
    from django.contrib.auth.models import AnonymousUser

    from digital_library.access import file_access
    from digital_library.choices import AccessLevel
    from digital_library.models import DigitalFile

    embargoed = DigitalFile(access_level=AccessLevel.OPEN, embargo_until=dt.date(2026, 9, 1))
    with translation.override("kk"):
        decision = file_access(digital_file=embargoed, user=AnonymousUser(), ip=None,
                               at=dt.datetime(2026, 8, 31, 12, tzinfo=dt.UTC))
    assert "2026 жылғы 1 қыркүйекке" in decision.reason


@pytest.mark.django_db
def test_a_background_imports_page_groups_its_row_counts(client_for, librarian, settings, tmp_path,
                                                         django_capture_on_commit_callbacks):
    import io

    from import_export.formats.base_formats import CSV

    from core.models import ImportJob

    settings.MEDIA_ROOT = tmp_path / "media"
    upload = io.BytesIO("card_number,last_name,first_name,category,email,course\n"
                        "2026200001,Сейткали,Айбек,bachelor,a@st.kz,2\n".encode())
    upload.name = "students.csv"
    client = client_for(librarian)
    formats_list = [f.__name__ for f in settings.IMPORT_EXPORT_FORMATS]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:circulation_reader_import"), {
            "resource": "0", "format": str(formats_list.index(CSV.__name__)), "import_file": upload,
        })
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(rows_total=123456, totals={"new": 120000, "update": 3456})
    with translation.override("kk"):
        page = client.get(reverse("admin:circulation_reader_import_job", args=[job.pk]),
                          HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert f"<td>123{NBSP}456</td>" in page
    assert f"<td>120{NBSP}000</td>" in page
    assert f"<td>3{NBSP}456</td>" in page


def _render_for(user, template: str, context: dict, language: str = "kk") -> str:
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    request.csp_nonce = "nonce"
    with translation.override(language):
        return render_to_string(template, context, request=request)


@pytest.mark.django_db
def test_digital_library_usage_statistics_group_views_and_downloads(digital_librarian):
    row = SimpleNamespace(views=23456, downloads=7890, __str__=lambda self: "file")
    html = _render_for(digital_librarian, "digital_library/admin/usage_statistics.html",
                       {"form": "", "totals": {"views": 123456, "downloads": 54321}, "rows": [row]})
    assert f"<strong>123{NBSP}456</strong>" in html
    assert f"<strong>54{NBSP}321</strong>" in html
    assert f"<td>23{NBSP}456</td><td>7{NBSP}890</td>" in html


@pytest.mark.django_db
def test_catalogue_pages_line_groups_the_number_of_pages(reader):
    from catalogue_search.forms import SearchForm

    result = SimpleNamespace(mode="search", hits=[1], total=1234567, total_is_capped=False, first_index=1, page=2,
                             num_pages=61729)
    html = _render_for(reader, "catalogue_search/search.html", {
        "result": result, "rows": [], "facets": [], "facet_hidden": [], "form": SearchForm(),
        "pages": {"previous": "?page=1", "next": "?page=3"},
    })
    assert f"61{NBSP}729" in html
    assert "61729" not in html

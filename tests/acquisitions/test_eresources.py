"""The public list of e-resources (QP 607 §5.5, 607-17/18): who may open a licensed database from where, and the
count of uses the summary book of databases reports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from pypdf import PdfReader

from acquisitions import services
from acquisitions.models import AccessModel, EResourceUse, LicensedDatabase
from forms_registry.renderer import render_form_pdf

CAMPUS = "10.20.30.40"
HOME = "203.0.113.7"


def make_database(name="Scopus", access_model=AccessModel.IP, url="https://www.scopus.com/", **fields):
    year = timezone.localdate().year
    return LicensedDatabase.objects.create(
        name=name, provider="Elsevier", basis="Ұлттық жазылым", access_from=dt.date(year, 1, 1),
        access_to=dt.date(year, 12, 31), access_model=access_model, url=url, **fields)


@pytest.fixture(autouse=True)
def _campus(settings):
    settings.UNIVERSITY_NETWORKS = ["10.0.0.0/8"]


def open_database(client, database, ip):
    return client.post(reverse("eresources:open", args=[database.pk]), REMOTE_ADDR=ip)


def uses(database, on_campus=None) -> int:
    rows = EResourceUse.objects.filter(database=database)
    if on_campus is not None:
        rows = rows.filter(on_campus=on_campus)
    return sum(rows.values_list("count", flat=True))


@pytest.mark.django_db
def test_anyone_finds_the_databases_open_today_with_their_terms(client):
    make_database(description="Аннотациялар мен дәйексөздер")
    make_database(name="IPR SMART", access_model=AccessModel.LOGIN, url="https://www.iprbookshop.ru/")
    expired = make_database(name="Ескі дерекқор")
    expired.access_to = timezone.localdate() - dt.timedelta(days=1)
    expired.save()
    make_database(name="Мекенжайсыз", url="")
    page = client.get(reverse("eresources:list"), REMOTE_ADDR=HOME, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Scopus" in page
    assert "Аннотациялар мен дәйексөздер" in page
    assert "IPR SMART" in page
    assert "on campus only" in page
    assert "remotely after signing in" in page
    assert "Ескі дерекқор" not in page
    assert "Мекенжайсыз" not in page


@pytest.mark.django_db
def test_a_campus_database_opens_on_campus_for_anyone_and_the_use_is_counted(client):
    database = make_database()
    response = open_database(client, database, CAMPUS)
    assert response.status_code == 302
    assert response["Location"] == "https://www.scopus.com/"
    open_database(client, database, CAMPUS)
    assert uses(database, on_campus=True) == 2


@pytest.mark.django_db
def test_a_campus_database_is_refused_off_campus_even_signed_in(client_for, reader):
    database = make_database()
    response = open_database(client_for(reader), database, HOME)
    assert response.status_code == 302
    assert response["Location"] == reverse("eresources:list")
    assert uses(database) == 0


@pytest.mark.django_db
def test_a_remote_database_asks_for_sign_in_off_campus_then_opens(client, client_for, reader):
    database = make_database(name="IPR SMART", access_model=AccessModel.LOGIN, url="https://www.iprbookshop.ru/")
    anonymous = open_database(client, database, HOME)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    assert uses(database) == 0
    signed_in = open_database(client_for(reader), database, HOME)
    assert signed_in["Location"] == "https://www.iprbookshop.ru/"
    assert uses(database, on_campus=False) == 1


@pytest.mark.django_db
def test_behind_the_proxy_the_forwarded_address_decides(client, settings):
    settings.LOGIN_TRUSTED_PROXIES = 1
    database = make_database()
    response = client.post(reverse("eresources:open", args=[database.pk]), REMOTE_ADDR="127.0.0.1",
                           HTTP_X_FORWARDED_FOR=f"1.2.3.4, {CAMPUS}")
    assert response["Location"] == "https://www.scopus.com/"
    refused = client.post(reverse("eresources:open", args=[database.pk]), REMOTE_ADDR="127.0.0.1",
                          HTTP_X_FORWARDED_FOR=f"{CAMPUS}, {HOME}")
    assert refused["Location"] == reverse("eresources:list")


@pytest.mark.django_db
def test_following_the_link_with_get_neither_opens_nor_counts(client):
    database = make_database()
    response = client.get(reverse("eresources:open", args=[database.pk]), REMOTE_ADDR=CAMPUS)
    assert response.status_code == 405
    assert uses(database) == 0


@pytest.mark.django_db
def test_the_day_row_is_counted_on_and_a_new_day_starts_a_row(db):
    database = make_database()
    with freeze_time("2026-03-02 10:00"):
        for _ in range(3):
            services.eresource_use_count(database=database, on_campus=True)
    with freeze_time("2026-03-03 10:00"):
        services.eresource_use_count(database=database, on_campus=True)
    assert list(EResourceUse.objects.order_by("day").values_list("day", "count")) == [
        (dt.date(2026, 3, 2), 3), (dt.date(2026, 3, 3), 1)]


@pytest.mark.django_db
def test_the_summary_book_of_databases_reports_the_uses_through_the_site(client):
    database = make_database()
    for _ in range(4):
        open_database(client, database, CAMPUS)
    pdf = render_form_pdf("607-18", {"year": timezone.localdate().year})
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Сайт арқылы" in text
    row = next(line for line in text.splitlines() if "Scopus" in line)
    assert row.rstrip().endswith("4")

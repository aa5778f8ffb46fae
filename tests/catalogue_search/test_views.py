"""The /catalogue/ page: anyone may search; facets, availability, pages; a fixed number of queries."""

from __future__ import annotations

from django.urls import reverse

from catalogue_search.services import reindex_records

from .factories import RecordFactory

URL = reverse("catalogue_search:search")


def test_anonymous_visitor_can_search(client, catalogue):
    response = client.get(URL, {"q": "Satbayev"})
    assert response.status_code == 200
    assert "Қаныш Сәтбаев" in response.content.decode()


def test_empty_page_shows_the_search_box(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_reader_sees_gost_description_and_availability(client_for, reader, catalogue):
    response = client_for(reader).get(URL, {"q": "Сәтбаев"})
    page = response.content.decode()
    assert catalogue["satbayev"].gost_description.split(" / ")[0] in page
    assert response.context["result"].hits[0].available_count == 1


def test_facet_links_filter_and_unfilter(client, catalogue):
    response = client.get(URL, {"q": "Ivanov"})
    language = next(links for name, _title, links in response.context["facets"] if name == "language")
    url = next(url for value, url in language if value.value == "eng")
    filtered = client.get(URL + url)
    assert [hit.record.pk for hit in filtered.context["result"].hits] == [catalogue["mining_en"].pk]
    selected = next(links for name, _title, links in filtered.context["facets"] if name == "language")
    unfilter = next(url for value, url in selected if value.selected)
    assert "language" not in unfilter
    assert len(client.get(URL + unfilter).context["result"].hits) == 2


def test_bad_filter_values_are_ignored_with_a_message(client, catalogue):
    response = client.get(URL, {"q": "Ivanov", "year": "abc"})
    assert response.status_code == 200
    assert response.context["result"] is None


def test_pagination_links_keep_the_query(client, db):
    records = RecordFactory.create_batch(25, title="Геология негіздері")
    reindex_records([r.pk for r in records])
    response = client.get(URL, {"q": "геология"})
    assert "q=" in response.context["pages"]["next"]
    assert "page=2" in response.context["pages"]["next"]
    second = client.get(URL + response.context["pages"]["next"])
    assert len(second.context["result"].hits) == 5


def test_page_query_count_does_not_grow_with_results(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    one = RecordFactory(title="Петрология негіздері")
    records = RecordFactory.create_batch(20, title="Геология негіздері")
    reindex_records([one.pk, *(r.pk for r in records)])
    client.get(URL, {"q": "петрология"})  # warm the per-process caches
    with CaptureQueriesContext(connection) as single:
        assert len(client.get(URL, {"q": "петрология"}).context["result"].hits) == 1
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(URL, {"q": "геология"}).context["result"].hits) == 20
    assert len(many) == len(single)


def test_year_range_from_the_form_filters_and_stays_in_the_form(client, catalogue):
    response = client.get(URL, {"q": "", "year_from": "2016", "year_to": "2020"})
    assert [hit.record.pk for hit in response.context["result"].hits] == [catalogue["satbayev"].pk]
    assert 'name="year_from" min="1000" max="2999" value="2016"' in response.content.decode()

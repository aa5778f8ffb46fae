"""The SRU 1.2 endpoint (/sru): explain, searchRetrieve through the catalogue's own search, record schemas,
paging and diagnostics, anonymously."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from catalogue_search.services import reindex_records
from tests.cataloguing.factories import make_record

SRW = "{http://www.loc.gov/zing/srw/}"
DIAG = "{http://www.loc.gov/zing/srw/diagnostic/}"
MARC = "{http://www.loc.gov/MARC21/slim}"
DC = "{http://purl.org/dc/elements/1.1/}"
ZR = "{http://explain.z3950.org/dtd/2.0/}"


def sru(client, **params) -> ET.Element:
    response = client.get("/sru", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.content)


def retrieve(client, query: str, **params) -> ET.Element:
    return sru(client, operation="searchRetrieve", version="1.2", query=query, **params)


def count(root: ET.Element) -> int:
    return int(root.findtext(f"{SRW}numberOfRecords"))


def diagnostic(root: ET.Element) -> str | None:
    return root.findtext(f"{SRW}diagnostics/{DIAG}diagnostic/{DIAG}uri")


def dc_titles(root: ET.Element) -> list[str]:
    return [element.text for element in root.iter(f"{DC}title")]


def test_explain_is_the_answer_without_an_operation(client, db):
    root = sru(client)
    assert root.tag == f"{SRW}explainResponse"
    assert root.findtext(f"{SRW}version") == "1.2"
    indexes = [e.text for e in root.iter(f"{ZR}name")]
    assert indexes == ["anywhere", "title", "author", "isbn", "udc", "year"]
    schemas = {e.get("name"): e.get("identifier") for e in root.iter(f"{ZR}schema")}
    assert schemas == {"marcxml": "info:srw/schema/1/marcxml-v1.1", "dc": "info:srw/schema/1/dc-v1.1"}


def test_anywhere_finds_kazakh_in_another_script_and_inflection(client, catalogue):
    root = retrieve(client, "satbayev", recordSchema="dc")  # Latin transliteration of "Сәтбаев"
    assert count(root) == 1
    assert dc_titles(root) == ["Қаныш Сәтбаев: өмірі мен қызметі"]
    assert count(retrieve(client, "cql.serverChoice all \"Сәтбаевтың\"")) == 1


def test_title_index_ignores_words_found_only_elsewhere(client, catalogue):
    assert count(retrieve(client, "title=mining")) == 1
    assert count(retrieve(client, "anywhere=geology OR anywhere=геология")) == 1
    assert count(retrieve(client, "title=геология")) == 0  # a subject of "satbayev", not in a title


def test_author_index(client, catalogue):
    root = retrieve(client, "author=ivanov", recordSchema="dc")
    assert sorted(dc_titles(root)) == ["Mining engineering handbook", "Книга о металлургии Казахстана"]


def test_isbn_and_udc_indexes(client, catalogue):
    assert dc_titles(retrieve(client, "isbn=978-601-7012-34-5", recordSchema="dc")) == [
        "Қаныш Сәтбаев: өмірі мен қызметі"]
    assert count(retrieve(client, "isbn=0-8044-2957-X")) == 1
    assert count(retrieve(client, "isbn=not-an-isbn")) == 0
    assert count(retrieve(client, "udc=622.276")) == 2  # the number and its subdivision 622.276.5


def test_year_relations(client, catalogue):
    assert count(retrieve(client, "year=2021")) == 2
    assert count(retrieve(client, "year>=2019")) == 3
    assert count(retrieve(client, "year<2019")) == 1


def test_booleans_combine_the_clauses(client, catalogue):
    assert count(retrieve(client, "udc=622.276 and year=2021")) == 2
    assert count(retrieve(client, "udc=622.276 not title=mining")) == 1
    assert count(retrieve(client, "title=mining or author=сәтбаев")) == 2
    assert count(retrieve(client, "(title=mining or author=сәтбаев) and year=2019")) == 1


def test_any_relation_finds_either_word(client, catalogue):
    assert count(retrieve(client, 'title any "mining металлургии"')) == 2
    assert count(retrieve(client, 'title all "mining металлургии"')) == 0


def test_a_phrase_keeps_its_word_order(client, catalogue):
    assert count(retrieve(client, 'title adj "engineering handbook"')) == 1
    assert count(retrieve(client, 'title adj "handbook engineering"')) == 0


def test_paging_with_start_and_maximum_records(client, db):
    records = [make_record(title=f"Геодезия {n}", year=2000 + n) for n in range(5)]
    reindex_records([r.pk for r in records])
    first = retrieve(client, "title=геодезия", maximumRecords="2", recordSchema="dc")
    assert count(first) == 5
    assert [e.text for e in first.iter(f"{SRW}recordPosition")] == ["1", "2"]
    assert first.findtext(f"{SRW}nextRecordPosition") == "3"
    last = retrieve(client, "title=геодезия", maximumRecords="2", startRecord="5", recordSchema="dc")
    assert [e.text for e in last.iter(f"{SRW}recordPosition")] == ["5"]
    assert last.find(f"{SRW}nextRecordPosition") is None
    pages = dc_titles(first) + dc_titles(retrieve(client, "title=геодезия", maximumRecords="2", startRecord="3",
                                                  recordSchema="dc")) + dc_titles(last)
    assert sorted(pages) == sorted(r.title for r in records)
    assert retrieve(client, "title=геодезия", maximumRecords="0").find(f"{SRW}records") is None


def test_marcxml_is_the_stored_record(client, db):
    record = make_record(title="Жер асты суларының гидрологиясы")
    reindex_records([record.pk])
    root = retrieve(client, "title=гидрологиясы", recordSchema="marcxml")
    assert root.findtext(f"{SRW}records/{SRW}record/{SRW}recordSchema") == "info:srw/schema/1/marcxml-v1.1"
    marc = root.find(f"{SRW}records/{SRW}record/{SRW}recordData/{MARC}record")
    assert marc.findtext(f"{MARC}controlfield[@tag='001']") == record.control_number
    assert marc.findtext(f"{MARC}leader")[9] == "a"  # UTF-8, as the export writes it
    assert marc.findtext(f"{MARC}datafield[@tag='245']/{MARC}subfield[@code='a']").startswith(
        "Жер асты суларының гидрологиясы")


def test_string_packing_carries_the_record_as_text(client, catalogue):
    root = retrieve(client, "title=mining", recordSchema="dc", recordPacking="string")
    text = root.findtext(f"{SRW}records/{SRW}record/{SRW}recordData")
    assert ET.fromstring(text).findtext(f"{DC}title") == "Mining engineering handbook"


@pytest.mark.parametrize(("params", "code"), [
    ({"query": "title=(mining"}, "10"),
    ({"query": "publisher=Ғылым"}, "16"),
    ({"query": "title<mining"}, "19"),
    ({"query": "year=soon"}, "36"),
    ({"query": "title=mining", "recordSchema": "mods"}, "66"),
    ({"query": "title=mining", "startRecord": "0"}, "6"),
    ({"query": "title=mining", "maximumRecords": "many"}, "6"),
    ({"query": "title=mining", "startRecord": "9"}, "61"),
    ({"query": "title=mining", "recordPacking": "json"}, "71"),
    ({"query": "title=mining", "version": "2.0"}, "5"),
    ({}, "7"),
])
def test_diagnostics(client, catalogue, params, code):
    root = sru(client, operation="searchRetrieve", **params)
    assert root.tag == f"{SRW}searchRetrieveResponse"
    assert diagnostic(root) == f"info:srw/diagnostic/1/{code}"
    assert count(root) == 0


def test_an_unsupported_operation_is_diagnostic_4(client, db):
    assert diagnostic(sru(client, operation="scan", scanClause="title=a")) == "info:srw/diagnostic/1/4"


def test_it_answers_get_only(client, db):
    assert client.post("/sru", {"operation": "explain"}).status_code == 405


def test_search_retrieve_queries_do_not_grow_with_the_records(client, db, django_assert_max_num_queries):
    query = "title=гидрогеология and year=2020 not author=иванов"

    def add(n: int) -> None:
        records = [make_record(title=f"Гидрогеология {n}-{i}") for i in range(n)]
        reindex_records([r.pk for r in records])

    add(3)
    with django_assert_max_num_queries(40) as counted:
        assert count(retrieve(client, query, maximumRecords="100")) == 3
    add(6)
    with django_assert_max_num_queries(len(counted)):
        root = retrieve(client, query, maximumRecords="100")
    assert count(root) == 9
    assert len(list(root.iter(f"{SRW}record"))) == 9


@pytest.mark.parametrize("value", ["abc", "1e5", "9" * 20, "-1", ""])
def test_absurd_parameters_answer_xml(client, catalogue, value):
    for name in ("query", "startRecord", "maximumRecords", "recordSchema", "recordPacking", "version"):
        params = {"query": "title=mining", name: value}
        root = sru(client, operation="searchRetrieve", **params)
        assert root.tag == f"{SRW}searchRetrieveResponse"


def test_a_nul_byte_is_refused_by_the_sites_parameter_guard(client, db):
    assert client.get("/sru", {"operation": "searchRetrieve", "query": "a\x00b"}).status_code == 400

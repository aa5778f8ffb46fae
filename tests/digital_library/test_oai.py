"""The OAI-PMH 2.0 provider, harvested by a real client library (Sickle) through Django's test client."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
import requests
from freezegun import freeze_time
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from sickle import Sickle, oaiexceptions

from digital_library.choices import AccessLevel
from digital_library.oai import record_identifier

from .factories import digital_file, record

pytestmark = pytest.mark.django_db

ENDPOINT = "http://testserver/digital/oai/"


class DjangoClientAdapter(BaseAdapter):
    """Sends the harvester's HTTP requests to Django's test client instead of the network."""

    def __init__(self, client):
        super().__init__()
        self.client = client

    def send(self, request, **kwargs):
        parts = urlsplit(request.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if request.method == "POST":
            body = request.body.decode() if isinstance(request.body, bytes) else (request.body or "")
            django_response = self.client.post(path, data=body, content_type=request.headers["Content-Type"])
        else:
            django_response = self.client.get(path)
        response = requests.Response()
        response.status_code = django_response.status_code
        response._content = django_response.content
        response.headers = CaseInsensitiveDict(django_response.headers)
        response.encoding = "utf-8"
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass


@pytest.fixture
def sickle(client, monkeypatch):
    adapter = DjangoClientAdapter(client)
    monkeypatch.setattr(requests.Session, "get_adapter", lambda self, url: adapter)
    return Sickle(ENDPOINT)


@pytest.fixture
def collection(digital_librarian, settings):
    """Five open items (three in e-resources, two in dissertations), one closed, one under embargo."""
    settings.OAI_PAGE_SIZE = 2
    items = {}
    with freeze_time("2026-01-10 09:00:00"):
        for n in range(3):
            items[f"e{n}"] = record(title=f"Ашық ресурс {n}", isbn=f"978601000000{n}")
            digital_file(record_=items[f"e{n}"], user=digital_librarian, access_level=AccessLevel.OPEN,
                         legal_basis="licence", licence="CC BY 4.0")
    with freeze_time("2026-02-20 09:00:00"):
        for n in range(2):
            items[f"d{n}"] = record(title=f"Диссертация {n}", database_code="dissertations")
            digital_file(record_=items[f"d{n}"], user=digital_librarian, access_level=AccessLevel.OPEN)
        items["closed"] = record(title="Жабық жұмыс")
        digital_file(record_=items["closed"], user=digital_librarian, access_level=AccessLevel.CLOSED)
        items["embargoed"] = record(title="Эмбаргодағы жұмыс")
        digital_file(record_=items["embargoed"], user=digital_librarian, access_level=AccessLevel.OPEN,
                     embargo_until=dt.date(2099, 1, 1))
    return items


def test_identify_describes_the_repository(sickle, collection):
    identify = sickle.Identify()
    assert identify.protocolVersion == "2.0"
    assert identify.baseURL == ENDPOINT
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.deletedRecord == "transient"
    assert identify.earliestDatestamp == "2026-01-10T09:00:00Z"


def test_list_metadata_formats_offers_oai_dc(sickle, collection):
    formats = list(sickle.ListMetadataFormats())
    assert [f.metadataPrefix for f in formats] == ["oai_dc"]
    assert [f.metadataPrefix for f in sickle.ListMetadataFormats(identifier=record_identifier(collection["e0"].pk))] \
        == ["oai_dc"]


def test_list_sets_gives_one_set_per_catalogue_database(sickle, collection):
    specs = {s.setSpec for s in sickle.ListSets()}
    assert {"fund", "e-resources", "dissertations", "rare"} <= specs
    assert len(specs) == 8


def test_list_records_harvests_every_open_item_across_resumption_tokens(sickle, collection):
    harvested = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    titles = sorted(r.metadata["title"][0] for r in harvested)
    assert titles == sorted(["Ашық ресурс 0", "Ашық ресурс 1", "Ашық ресурс 2", "Диссертация 0", "Диссертация 1"])


def test_closed_and_embargoed_items_are_not_harvested(sickle, collection):
    identifiers = {h.identifier for h in sickle.ListIdentifiers(metadataPrefix="oai_dc")}
    assert record_identifier(collection["closed"].pk) not in identifiers
    assert record_identifier(collection["embargoed"].pk) not in identifiers
    assert len(identifiers) == 5


def test_list_identifiers_by_set(sickle, collection):
    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="dissertations"))
    assert {h.identifier for h in headers} == {record_identifier(collection[k].pk) for k in ("d0", "d1")}
    assert all(h.setSpecs == ["dissertations"] for h in headers)


def test_from_and_until_select_by_datestamp(sickle, collection):
    after = {h.identifier for h in sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2026-02-01"})}
    assert after == {record_identifier(collection[k].pk) for k in ("d0", "d1")}
    before = {h.identifier for h in sickle.ListIdentifiers(metadataPrefix="oai_dc", until="2026-01-10")}
    assert before == {record_identifier(collection[k].pk) for k in ("e0", "e1", "e2")}
    exact = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2026-01-10T09:00:00Z"},
                                        until="2026-01-10T09:00:00Z"))
    assert len(exact) == 3


def test_get_record_gives_dublin_core(sickle, collection):
    item = collection["e1"]
    oai_record = sickle.GetRecord(identifier=record_identifier(item.pk), metadataPrefix="oai_dc")
    metadata = oai_record.metadata
    assert metadata["title"] == ["Ашық ресурс 1"]
    assert metadata["creator"] == ["Сәтбаев Қ.И.", "Ермеков А.Б."]
    assert metadata["language"] == ["kaz"]
    assert "urn:isbn:9786010000001" in metadata["identifier"]
    assert any("/digital/files/" in value for value in metadata["identifier"])
    assert "CC BY 4.0" in metadata["rights"]
    assert oai_record.header.datestamp == "2026-01-10T09:00:00Z"


def test_a_post_request_is_answered_too(client, collection):
    response = client.post("/digital/oai/", {"verb": "Identify"})
    assert response.status_code == 200
    assert b"<Identify>" in response.content


def test_unknown_metadata_format_is_cannot_disseminate_format(sickle, collection):
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        list(sickle.ListRecords(metadataPrefix="marc21"))
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        sickle.GetRecord(identifier=record_identifier(collection["e0"].pk), metadataPrefix="marc21")


@pytest.mark.parametrize("key", ["closed", "embargoed", None])
def test_unknown_or_hidden_identifier_is_id_does_not_exist(sickle, collection, key):
    identifier = record_identifier(collection[key].pk) if key else "oai:elsewhere.example:record/1"
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        sickle.GetRecord(identifier=identifier, metadataPrefix="oai_dc")


def test_empty_selection_is_no_records_match(sickle, collection):
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(sickle.ListRecords(metadataPrefix="oai_dc", **{"from": "2100-01-01"}))
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="rare"))


def test_forged_resumption_token_is_bad_resumption_token(sickle, collection):
    with pytest.raises(oaiexceptions.BadResumptionToken):
        list(sickle.ListRecords(resumptionToken="not-a-token"))


@pytest.mark.parametrize("arguments", [
    {"verb": "ListRecords"},  # metadataPrefix missing
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "10/01/2026"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01", "until": "2026-02-01T00:00:00Z"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-03-01", "until": "2026-01-01"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
    {"verb": "Identify", "extra": "1"},
    {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
])
def test_illegal_or_missing_arguments_are_bad_argument(sickle, collection, arguments):
    response = sickle.harvest(**arguments)
    error = response.xml.find(".//{http://www.openarchives.org/OAI/2.0/}error")
    assert error.get("code") == "badArgument"


def test_repeated_argument_is_bad_argument(client, collection):
    response = client.get("/digital/oai/?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")
    assert b'code="badArgument"' in response.content


@pytest.mark.parametrize("query", ["verb=Frobnicate", "", "verb=Identify&verb=Identify"])
def test_missing_or_unknown_verb_is_bad_verb(client, collection, query):
    response = client.get(f"/digital/oai/?{query}")
    assert response.status_code == 200
    assert b'code="badVerb"' in response.content
    assert b"<request>http://testserver/digital/oai/</request>" in response.content


def test_last_page_carries_an_empty_resumption_token(client, collection):
    import re

    first = client.get("/digital/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc").content.decode()
    assert 'completeListSize="5"' in first
    pages, text = 1, first
    while True:
        match = re.search(r">([^<]+)</resumptionToken>", text)
        if not match:
            break
        text = client.get("/digital/oai/", {"verb": "ListIdentifiers", "resumptionToken": match.group(1)}) \
            .content.decode()
        pages += 1
    assert pages == 3
    assert re.search(r'<resumptionToken completeListSize="5" cursor="4"\s*/>', text)


def test_item_whose_embargo_ends_is_harvested_from_that_day(sickle, digital_librarian):
    from django.core.management import call_command

    with freeze_time("2026-01-05 08:00:00"):
        embargoed = record(title="Эмбарго аяқталады")
        digital_file(record_=embargoed, user=digital_librarian, access_level=AccessLevel.OPEN,
                     embargo_until=dt.date(2026, 3, 1))
    with freeze_time("2026-02-28 12:00:00"):  # 17:00 in Almaty (UTC+5): still under embargo
        call_command("lift_embargoes")
        with pytest.raises(oaiexceptions.NoRecordsMatch):
            list(sickle.ListIdentifiers(metadataPrefix="oai_dc"))
    with freeze_time("2026-02-28 19:05:00"):  # the daily job at 00:05 on 1 March, Almaty time
        call_command("lift_embargoes")
        call_command("lift_embargoes")  # a second run changes nothing
        headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2026-02-28T19:00:00Z"}))
    assert [h.identifier for h in headers] == [record_identifier(embargoed.pk)]
    assert headers[0].datestamp == "2026-02-28T19:05:00Z"

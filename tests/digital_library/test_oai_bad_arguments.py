"""Issue 13.5 for OAI-PMH: absurd arguments get the protocol's own error, in well-formed XML, never a 500."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from digital_library.choices import AccessLevel
from digital_library.oai import record_identifier

from .factories import digital_file, record

pytestmark = pytest.mark.django_db

OAI = "{http://www.openarchives.org/OAI/2.0/}"


@pytest.fixture
def open_item(digital_librarian):
    item = record(title="Ашық ресурс")
    digital_file(record_=item, user=digital_librarian, access_level=AccessLevel.OPEN, licence="CC BY 4.0")
    return item


def answer(client, method: str, arguments: dict[str, str]) -> ElementTree.Element:
    response = getattr(client, method)("/digital/oai/", arguments)
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)  # raises on malformed XML


@pytest.mark.parametrize("until", ["9999-12-31", "9999-12-31T23:59:59Z"])
def test_until_the_last_day_there_is_harvests_everything(client, open_item, until):
    root = answer(client, "get", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": until,
                                  "from": "0001-01-01" if "T" not in until else "0001-01-01T00:00:00Z"})
    assert root.find(f"{OAI}error") is None
    assert [e.text for e in root.iter(f"{OAI}identifier")] == [record_identifier(open_item.pk)]


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "-1", "9" * 20, "1e5", "abc", "0000-00-00"])
@pytest.mark.parametrize("name", ["from", "until"])
def test_a_malformed_date_is_bad_argument(client, open_item, name, value):
    root = answer(client, "get", {"verb": "ListRecords", "metadataPrefix": "oai_dc", name: value})
    assert root.find(f"{OAI}error").get("code") == "badArgument"


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("arguments", [
    {"verb": "Identify\x00"},
    {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:record/1\x00"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc\x00"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01\x00"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "\x00"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "e-resources\x00"},
    {"verb": "ListRecords", "resumptionToken": "\x00"},
    {"verb": "ListSets", "\x00": "1"},
    {"verb": "ListMetadataFormats", "identifier": "\x1b\x08"},
])
def test_a_nul_byte_in_any_argument_is_bad_argument_in_well_formed_xml(client, open_item, method, arguments):
    root = answer(client, method, arguments)
    assert root.find(f"{OAI}error").get("code") == "badArgument"
    # OAI-PMH 2.0, 3.6: after badArgument the request element carries the base URL only, nothing echoed.
    assert root.find(f"{OAI}request").attrib == {}


def test_a_date_refused_after_the_verb_was_read_echoes_no_argument(client, open_item):
    root = answer(client, "get", {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-02-30"})
    assert root.find(f"{OAI}error").get("code") == "badArgument"
    assert root.find(f"{OAI}request").attrib == {}

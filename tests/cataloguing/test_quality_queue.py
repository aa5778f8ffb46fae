"""Issue 17.2: a record that can be read but breaks the library's completeness rules is imported, flagged with its
reasons and listed in the cataloguer's quality-control queue until a save corrects it; only what cannot be read is
rejected."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pymarc import Field, Indicators, Record, Subfield

from cataloguing import marcio, services
from cataloguing.models import BibliographicRecord, MarcImport
from cataloguing.quality import QualityReason, quality_flags
from tests.cataloguing.factories import database, iso2709, make_record, marc_record
from tests.cataloguing.test_admin_and_permissions import FORM, inlines

pytestmark = pytest.mark.django_db

QUEUE_URL = "/cataloguing/quality/"


def title_only(title: str) -> bytes:
    """A readable ISO 2709 record with nothing but a title (no 001, 008, year, place, publisher, language)."""
    record = Record(leader="     nam a22     4i 4500")
    record.add_field(Field(tag="245", indicators=Indicators("1", "0"), subfields=[Subfield("a", title)]))
    return record.as_marc()


def nine_record_file() -> bytes:
    """Seven structurally broken records around two readable title-only ones, as a MegaPro dump may hold them."""
    good = title_only("Тек атауы бар кітап")
    text_at = good.index("Тек".encode())
    broken = [
        b"no leader at all\x1d",  # 1: not even a leader
        b"00999" + good[5:],  # 3: the length in the leader is not the record's
        good[:12] + b"00099" + good[17:],  # 4: the base address points past the record
        good[:text_at] + b"\xff\xfe" + good[text_at + 2:],  # 6: text that is not UTF-8
        b"0007x" + good[5:],  # 7: the leader's length is not a number
        good[:12] + b"0a0b0" + good[17:],  # 8: the base address is not a number
        good[:-10],  # 9: cut short, no record terminator
    ]
    return (broken[0] + good + broken[1] + broken[2] + title_only("Атауы ғана бар екінші кітап") + broken[3]
            + broken[4] + broken[5] + broken[6])


def test_seven_broken_and_two_title_only_records_give_two_imported_and_flagged_and_seven_rejected():
    result = marcio.import_file(io.BytesIO(nine_record_file()), database=database())
    assert result.summary == "imported 2, updated 0, flagged 2, rejected 7"
    assert [rejection.position for rejection in result.rejected] == [1, 3, 4, 6, 7, 8, 9]
    stored = BibliographicRecord.objects.flagged().order_by("pk")
    assert [record.title for record in stored] == ["Тек атауы бар кітап", "Атауы ғана бар екінші кітап"]
    for record in stored:
        assert set(record.quality_flags) == {QualityReason.NO_YEAR, QualityReason.NO_PLACE,
                                             QualityReason.NO_PUBLISHER, QualityReason.NO_LANGUAGE}
        assert record.control_number  # given one when stored


def test_the_command_prints_the_same_summary_for_the_nine_record_file(tmp_path):
    path = tmp_path / "legacy.mrc"
    path.write_bytes(nine_record_file())
    out, err = io.StringIO(), io.StringIO()
    call_command("import_marc", str(path), stdout=out, stderr=err)
    assert out.getvalue().strip().splitlines()[-1] == "imported 2, updated 0, flagged 2, rejected 7"
    assert err.getvalue().count("rejected #") == 7


def test_the_rule_is_one_function_for_the_admin_form_and_the_import():
    fields = {"title": "Атауы", "document_type": "book", "year": 2020, "language": "kaz", "place": "Алматы"}
    assert list(quality_flags(fields)) == [QualityReason.NO_PUBLISHER]
    assert quality_flags({**fields, "publisher": "Ғылым"}) is None


def test_reimporting_a_corrected_record_clears_its_flag():
    marcio.import_file(iso2709(marc_record(control_number="Q1", publisher="")), database=database())
    assert list(BibliographicRecord.objects.get(control_number="Q1").quality_flags) == ["no_publisher"]
    result = marcio.import_file(iso2709(marc_record(control_number="Q1")), database=database())
    assert result.summary == "imported 0, updated 1, flagged 0, rejected 0"
    assert BibliographicRecord.objects.get(control_number="Q1").quality_flags is None


def test_saving_the_corrected_record_in_the_admin_clears_the_flag(client, cataloguer):
    marcio.import_file(iso2709(marc_record(control_number="Q2", publisher="", udc="")), database=database())
    record = BibliographicRecord.objects.get(control_number="Q2")
    client.force_login(cataloguer)
    form = {**FORM, **inlines(record), "control_number": record.control_number, "database": record.database_id,
            "seen_version": record.version, "title": record.title, "authors": record.authors, "year": record.year,
            "place": record.place, "language": record.language, "publisher": "Ғылым", "udc": "55(574)"}
    response = client.post(f"/admin/cataloguing/bibliographicrecord/{record.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    record.refresh_from_db()
    assert record.quality_flags is None
    assert not BibliographicRecord.objects.flagged().exists()


def test_the_admin_form_still_refuses_a_record_that_breaks_a_rule(client, cataloguer):
    record = make_record(control_number="Q3")
    client.force_login(cataloguer)
    form = {**FORM, **inlines(record), "control_number": "Q3", "database": record.database_id,
            "seen_version": record.version, "title": record.title, "year": record.year, "place": record.place,
            "language": record.language, "publisher": "", "udc": record.udc}
    response = client.post(f"/admin/cataloguing/bibliographicrecord/{record.pk}/change/", form)
    assert response.status_code == 200
    assert "publisher" in response.context["adminform"].form.errors


def test_the_public_catalogue_shows_flagged_records():
    record = make_record(publisher="")
    assert record.quality_flags
    assert BibliographicRecord.objects.public().filter(pk=record.pk).exists()


def _flagged_batch():
    """An import batch (as the admin's upload makes) with two flagged records and one clean."""
    job = MarcImport.objects.create(file="cataloguing/imports/batch.mrc", database=database())
    marcio.import_file(iso2709(marc_record(control_number="F1", publisher=""), marc_record(control_number="F2", udc="",
                                                                                      place=""),
                               marc_record(control_number="F3")), database=database(), batch=job)
    return job


@pytest.mark.parametrize(("persona", "status"), [
    ("cataloguer", 200), ("superuser", 200), ("reader", 403), ("librarian", 403), ("acquisitions_librarian", 403),
    ("department_head", 403), ("director", 403),
])
def test_the_queue_is_the_cataloguers(client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(QUEUE_URL).status_code == status


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(QUEUE_URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_queue_lists_flagged_records_with_counts_filters_and_edit_links(client, cataloguer):
    job = _flagged_batch()
    marcio.import_file(iso2709(marc_record(control_number="F4", publisher="")), database=database())
    client.force_login(cataloguer)
    page = client.get(QUEUE_URL)
    numbers = [row["record"].control_number for row in page.context["rows"]]
    assert numbers == ["F4", "F2", "F1"]
    assert page.context["flagged_total"] == 3
    assert ("no_publisher", QualityReason.NO_PUBLISHER.label, 2) in page.context["reasons"]
    assert page.context["batches"] == [(job, 2)]
    record = BibliographicRecord.objects.get(control_number="F2")
    assert reverse("admin:cataloguing_bibliographicrecord_change", args=[record.pk]) in page.content.decode()

    by_reason = client.get(QUEUE_URL, {"reason": "no_place"})
    assert [row["record"].control_number for row in by_reason.context["rows"]] == ["F2"]
    by_batch = client.get(QUEUE_URL, {"batch": job.pk})
    assert [row["record"].control_number for row in by_batch.context["rows"]] == ["F2", "F1"]
    both = client.get(QUEUE_URL, {"batch": job.pk, "reason": "no_publisher"})
    assert [row["record"].control_number for row in both.context["rows"]] == ["F1"]


def test_the_staff_home_shows_the_queue_and_its_count_to_the_cataloguer(client, cataloguer):
    _flagged_batch()
    client.force_login(cataloguer)
    home = client.get(reverse("core:workbench")).content.decode()
    assert QUEUE_URL in home


def test_the_admin_filters_flagged_records(client, cataloguer):
    _flagged_batch()
    client.force_login(cataloguer)
    changelist = client.get("/admin/cataloguing/bibliographicrecord/", {"flagged": "yes"})
    assert {record.control_number for record in changelist.context["cl"].result_list} == {"F1", "F2"}
    clean = client.get("/admin/cataloguing/bibliographicrecord/", {"flagged": "no"})
    assert {record.control_number for record in clean.context["cl"].result_list} == {"F3"}
    by_reason = client.get("/admin/cataloguing/bibliographicrecord/", {"flagged": "no_place"})
    assert {record.control_number for record in by_reason.context["cl"].result_list} == {"F2"}


def test_the_queue_costs_the_same_queries_whatever_its_rows(client, cataloguer, django_assert_max_num_queries):
    client.force_login(cataloguer)
    marcio.import_file(iso2709(marc_record(control_number="N0", publisher="")),
                       database=database(), batch=MarcImport.objects.create(file="a.mrc", database=database()))
    with django_assert_max_num_queries(12) as first:
        assert client.get(QUEUE_URL).status_code == 200
    for index in range(1, 4):
        marcio.import_file(iso2709(*(marc_record(control_number=f"N{index}-{i}", udc="") for i in range(3))),
                           database=database(), batch=MarcImport.objects.create(file=f"{index}.mrc",
                                                                                database=database()))
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(QUEUE_URL).status_code == 200


def test_a_record_saved_through_the_service_keeps_its_batch():
    job = _flagged_batch()
    record = BibliographicRecord.objects.get(control_number="F1")
    record = services.record_save_fields(record=record, user=None, publisher="Ғылым")
    assert record.quality_flags is None
    assert record.import_batch == job


def test_a_save_that_changes_nothing_still_brings_the_flags_up_to_todays_rules():
    # Flags stored under a rule that no longer holds (a year then in the future): saving the record as it is
    # checks it again and clears them, and the history says so.
    record = make_record()
    BibliographicRecord.objects.filter(pk=record.pk).update(quality_flags={"bad_year": "…"})
    record.refresh_from_db()
    record = services.record_save_fields(record=record, user=None)
    assert record.quality_flags is None
    assert record.changes.order_by("-pk").first().changes == {"quality_flags": [["bad_year"], []]}
    marcio.import_file(iso2709(marc_record(control_number="R1")), database=database())
    BibliographicRecord.objects.filter(control_number="R1").update(quality_flags={"no_place": "…"})
    result = marcio.import_file(iso2709(marc_record(control_number="R1")), database=database())
    assert result.summary == "imported 0, updated 1, flagged 0, rejected 0"
    assert BibliographicRecord.objects.get(control_number="R1").quality_flags is None

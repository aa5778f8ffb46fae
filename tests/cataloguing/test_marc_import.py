"""MARC import and export: good, bad and mixed files, encodings, re-import, the command, the admin task."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import translation
from django.utils.translation import gettext
from pymarc import Field, Indicators, Subfield

from cataloguing import marcio
from cataloguing import records as write_path
from cataloguing.constants import ImportStatus, RecordAction
from cataloguing.models import BibliographicRecord, MarcImport, RecordChange
from cataloguing.records import inputs, sql, upsert
from cataloguing.signals import record_changed
from tests.cataloguing.factories import database, encode_iso2709, isbn13, iso2709, marc_record, to_marc8

pytestmark = pytest.mark.django_db


def run_import(stream, **kwargs):
    return marcio.import_file(stream, database=kwargs.pop("database", database()), **kwargs)


def test_good_file_imports_every_record():
    result = run_import(iso2709(*(marc_record(control_number=f"G{i}", title=f"Кітап {i}") for i in range(5))))
    assert result.summary == "imported 5, updated 0, flagged 0, rejected 0"
    assert BibliographicRecord.objects.filter(control_number__startswith="G").count() == 5
    assert RecordChange.objects.filter(action=RecordAction.IMPORTED).count() == 5


def test_readable_records_breaking_the_rules_are_imported_and_flagged_with_their_reasons():
    bad_isbn = marc_record(control_number="B1", isbn="9786013231010")
    no_title = marc_record(control_number="B2", title="")
    result = run_import(iso2709(bad_isbn, no_title))
    assert result.summary == "imported 2, updated 0, flagged 2, rejected 0"
    flags = dict(BibliographicRecord.objects.values_list("control_number", "quality_flags"))
    assert list(flags["B1"]) == ["bad_isbn"]
    assert list(flags["B2"]) == ["no_title"]


def test_mixed_file_imports_the_good_records_and_names_position_and_reason_of_the_bad_ones():
    good = [marc_record(control_number=f"M{i}", title=f"Жақсы жазба {i}") for i in range(4)]
    stream = io.BytesIO(
        good[0].as_marc()
        + b"00050nam  22000371i 4500 this is not a record\x1d"
        + good[1].as_marc()
        + marc_record(control_number="M-bad-year", year=1200).as_marc()
        + good[2].as_marc()
        + good[3].as_marc()[:-40]  # truncated in the middle of the last record
    )
    result = run_import(stream, batch_size=2)
    assert result.summary == "imported 4, updated 0, flagged 1, rejected 2"
    assert [r.position for r in result.rejected] == [2, 6]
    assert result.rejected[0].offset == len(good[0].as_marc())
    assert set(BibliographicRecord.objects.values_list("control_number", flat=True)) == {"M0", "M1", "M2", "M-bad-year"}
    assert list(BibliographicRecord.objects.flagged().get().quality_flags) == ["no_year"]  # 1200 is not a year


def test_a_record_the_database_refuses_is_rejected_alone_in_its_savepoint(monkeypatch):
    original = sql.write

    def failing_write(creates, updates, *, writer):
        if any(entry.fields["control_number"] == "DB-BAD" for entry in creates):
            raise IntegrityError("refused by the database")
        return original(creates, updates, writer=writer)

    monkeypatch.setattr(sql, "write", failing_write)
    records = [marc_record(control_number=n, title=f"Атауы {n}") for n in ("DB-1", "DB-BAD", "DB-2")]
    result = run_import(iso2709(*records))
    assert result.summary == "imported 2, updated 0, flagged 0, rejected 1"
    assert result.rejected[0].position == 2
    assert set(BibliographicRecord.objects.values_list("control_number", flat=True)) == {"DB-1", "DB-2"}
    assert not RecordChange.objects.filter(control_number="DB-BAD").exists()


def test_reimport_updates_records_instead_of_duplicating():
    run_import(iso2709(marc_record(control_number="R1", title="Бірінші басылым")))
    result = run_import(iso2709(marc_record(control_number="R1", title="Екінші басылым")))
    assert result.summary == "imported 0, updated 1, flagged 0, rejected 0"
    record = BibliographicRecord.objects.get(control_number="R1")
    assert record.title == "Екінші басылым"
    change = record.changes.get(action=RecordAction.REIMPORTED)
    assert change.changes["title"] == ["Бірінші басылым", "Екінші басылым"]


def test_record_without_a_matching_control_number_is_matched_on_isbn():
    isbn = isbn13("978601323107")
    run_import(iso2709(marc_record(control_number="OURS-1", isbn=isbn)))
    result = run_import(iso2709(marc_record(control_number="THEIRS-77", isbn=isbn, title="Жаңартылған атау")))
    assert result.summary == "imported 0, updated 1, flagged 0, rejected 0"
    assert BibliographicRecord.objects.get().control_number == "OURS-1"


def test_record_without_001_gets_a_control_number():
    result = run_import(iso2709(marc_record(control_number=False)))
    assert result.imported == 1
    assert BibliographicRecord.objects.get().control_number.startswith("KAZNTU")


def test_cp1251_file_is_read_as_cp1251():
    record = marc_record(control_number="CP-1", title="Обогащение руд Джезказгана", author="Ким, Виктор",
                         publisher="Наука")
    data = encode_iso2709(record, lambda text: text.encode("cp1251"), coding_scheme="a")
    result = run_import(io.BytesIO(data), encoding="cp1251")
    assert result.summary == "imported 1, updated 0, flagged 0, rejected 0"
    stored = BibliographicRecord.objects.get(control_number="CP-1")
    assert stored.title == "Обогащение руд Джезказгана"
    assert stored.first_author == "Ким, Виктор"


def test_cp1251_file_read_as_utf8_is_rejected_with_the_encoding_named():
    data = encode_iso2709(marc_record(control_number="CP-2", publisher="Наука"), lambda text: text.encode("cp1251"))
    result = run_import(io.BytesIO(data), encoding="utf-8")
    assert result.summary == "imported 0, updated 0, flagged 0, rejected 1"
    assert "utf-8" in result.rejected[0].reason


def test_marc8_file_is_converted_to_unicode():
    record = marc_record(control_number="M8-1", title="Геология меди", author="Sätbaev, K.", publisher="Наука")
    data = encode_iso2709(record, lambda text: to_marc8(text) if "ä" not in text else text.replace(
        "ä", "").encode("ascii").replace(b"Stbaev", b"S\xe8atbaev"))
    result = run_import(io.BytesIO(data), encoding="marc8")
    assert result.summary == "imported 1, updated 0, flagged 0, rejected 0"
    stored = BibliographicRecord.objects.get(control_number="M8-1")
    assert stored.title == "Геология меди"
    assert stored.first_author == "Sätbaev, K."


def test_marcxml_with_a_bad_record_imports_the_others():
    good = marc_record(control_number="X1", title="Қазақ тілі")
    out = io.BytesIO()
    marcio.export_records([], out, fmt="marcxml")
    xml = out.getvalue().decode()
    body = (
        "<record><leader>     nam a22     4i 4500</leader><controlfield tag=\"001\">X1</controlfield>"
        + "".join(
            f'<datafield tag="{f.tag}" ind1="{f.indicator1}" ind2="{f.indicator2}">'
            + "".join(f'<subfield code="{s.code}">{s.value}</subfield>' for s in f.subfields) + "</datafield>"
            for f in good.fields if not f.is_control_field())
        + "</record><record><leader>short</leader></record>"
    )
    xml = xml.replace("</collection>", body + "</collection>") if "</collection>" in xml else xml.replace(
        "<collection xmlns=\"http://www.loc.gov/MARC21/slim\" />",
        f"<collection xmlns=\"http://www.loc.gov/MARC21/slim\">{body}</collection>")
    result = run_import(io.BytesIO(xml.encode()), fmt="marcxml")
    assert result.summary == "imported 1, updated 0, flagged 0, rejected 1"
    assert result.rejected[0].position == 2
    assert BibliographicRecord.objects.get().title == "Қазақ тілі"


@pytest.mark.parametrize("fmt", ["iso2709", "marcxml"])
def test_export_then_reimport_gives_the_same_records(fmt):
    records = [marc_record(control_number=f"E{i}", title=f"Экспорт {i} — ә ғ қ ң ө ұ ү һ і") for i in range(3)]
    run_import(iso2709(*records))
    before = {r.control_number: (r.title, r.first_author, r.year, r.marc) for r in BibliographicRecord.objects.all()}
    out = io.BytesIO()
    assert marcio.export_queryset(BibliographicRecord.objects.all(), out, fmt=fmt) == 3
    out.seek(0)
    result = run_import(out, fmt=fmt)
    assert result.summary == "imported 0, updated 3, flagged 0, rejected 0"
    after = {r.control_number: (r.title, r.first_author, r.year, r.marc) for r in BibliographicRecord.objects.all()}
    assert after == before
    assert not RecordChange.objects.filter(action=RecordAction.REIMPORTED).exists()


@pytest.mark.skipif(shutil.which("yaz-marcdump") is None, reason="yaz-marcdump is not installed (Debian package yaz)")
@pytest.mark.parametrize(("fmt", "yaz_input"), [("iso2709", "marc"), ("marcxml", "marcxml")])
def test_export_is_read_by_yaz_marcdump_without_complaint(tmp_path, fmt, yaz_input):
    run_import(iso2709(*(marc_record(control_number=f"Y{i}", title=f"Сәтбаев {i}") for i in range(3))))
    path = tmp_path / "out.mrc"
    call_command("export_marc", "--out", str(path), "--format", fmt, stdout=io.StringIO())
    done = subprocess.run(["yaz-marcdump", "-i", yaz_input, "-o", "line", str(path)], capture_output=True,
                          check=False)
    assert done.returncode == 0
    assert done.stderr == b""
    assert done.stdout.decode("utf-8").count("245 10 $a Сәтбаев") == 3


def test_command_shows_progress_and_ends_with_the_summary_line(tmp_path):
    path = tmp_path / "in.mrc"
    path.write_bytes(iso2709(marc_record(control_number="C1"), marc_record(control_number="C2", isbn="123")).read()
                     + b"00050nam  22000371i 4500 this is not a record\x1d")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_marc", str(path), "--database", "foreign", stdout=out, stderr=err)
    assert out.getvalue().strip().splitlines()[-1] == "imported 2, updated 0, flagged 1, rejected 1"
    assert "rejected #3 (byte " in err.getvalue()
    assert "1 flagged" in err.getvalue()
    assert "read" in err.getvalue()
    assert set(BibliographicRecord.objects.values_list("database__code", flat=True)) == {"foreign"}
    # The run is kept as an import batch, as an upload is: its flagged record is filtered by it.
    job = MarcImport.objects.get()
    assert (job.status, job.processed, job.imported, job.flagged, job.rejected) == (ImportStatus.DONE, 3, 2, 1, 1)
    assert BibliographicRecord.objects.flagged().get().import_batch == job


def test_export_command_filters_by_database(tmp_path):
    run_import(iso2709(marc_record(control_number="F1")), database=database("foreign"))
    run_import(iso2709(marc_record(control_number="F2")))
    path = tmp_path / "out.xml"
    out = io.StringIO()
    call_command("export_marc", "--out", str(path), "--format", "marcxml", "--database", "foreign", stdout=out)
    assert out.getvalue().strip() == "exported 1"
    assert b"F1" in path.read_bytes()
    assert b"F2" not in path.read_bytes()


@pytest.mark.django_db(transaction=True)
def test_bulk_import_sends_record_changed_once_per_batch():
    # Each batch commits on its own (as in the command), so each sends one signal.
    calls = []

    def listener(sender, record_ids, **kwargs):
        calls.append(record_ids)

    record_changed.connect(listener)
    try:
        run_import(iso2709(*(marc_record(control_number=f"S{i}") for i in range(5))), batch_size=2)
    finally:
        record_changed.disconnect(listener)
    assert [len(ids) for ids in calls] == [2, 2, 1]


def test_admin_upload_runs_the_import_as_a_task_and_stores_its_progress(cataloguer, client,
                                                                       django_capture_on_commit_callbacks):
    client.force_login(cataloguer)
    data = (iso2709(marc_record(control_number="A1"), marc_record(control_number="A2", year=1000)).read()
            + b"00050nam  22000371i 4500 this is not a record\x1d")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/cataloguing/marcimport/add/", {
            "file": SimpleUploadedFile("batch.mrc", data), "format": "iso2709", "encoding": "utf-8",
            "database": database().pk,
        })
    assert response.status_code == 302
    job = MarcImport.objects.get()
    assert job.status == ImportStatus.DONE
    assert (job.processed, job.imported, job.updated, job.flagged, job.rejected) == (3, 2, 0, 1, 1)
    assert job.errors[0]["position"] == 3
    assert job.message == ""  # no sentence stored in the uploader's language: the page words the counts
    assert BibliographicRecord.objects.get(control_number="A2").import_batch == job
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/admin/cataloguing/marcimport/{job.pk}/change/")
    assert "Imported: 2, updated: 0, flagged: 1, rejected: 1." in page.content.decode()


def test_unknown_tags_and_subfields_survive_import():
    record = marc_record(control_number="K1", extra=(
        Field(tag="952", indicators=Indicators(" ", " "), subfields=[Subfield("a", "жергілікті өріс")]),))
    run_import(iso2709(record))
    stored = BibliographicRecord.objects.get()
    assert {"952": {"ind1": " ", "ind2": " ", "subfields": [{"a": "жергілікті өріс"}]}} in stored.marc["fields"]


def test_a_bad_record_in_the_middle_of_a_large_file_is_rejected_with_its_position_and_the_rest_imported():
    records = [marc_record(control_number=f"L{i}", title=f"Үлкен файл {i}").as_marc() for i in range(1200)]
    good_length = len(records[737])
    records[737] = records[737][:100] + b"\xff\xfe" + records[737][102:]  # undecodable text, length kept
    assert len(records[737]) == good_length
    result = run_import(io.BytesIO(b"".join(records)))  # the default batch size: it sits inside the first batch
    assert result.summary == "imported 1199, updated 0, flagged 0, rejected 1"
    assert (result.rejected[0].position, result.rejected[0].offset) == (738, sum(len(r) for r in records[:737]))
    assert "utf-8" in result.rejected[0].reason
    assert BibliographicRecord.objects.count() == RecordChange.objects.count() == 1199
    assert not BibliographicRecord.objects.filter(control_number="L737").exists()


@pytest.mark.postgres
def test_a_record_postgresql_refuses_in_a_large_batch_is_rejected_alone_with_its_position():
    # A NUL byte passes every quality check but no PostgreSQL text column takes it: the COPY of the batch
    # fails, and the batch is written again one record at a time.
    records = [marc_record(control_number=f"N{i}", title=f"Атауы {i}") for i in range(600)]
    records[411] = marc_record(control_number="N-nul", title="Нөл\x00байт")
    result = run_import(iso2709(*records))
    assert result.summary == "imported 599, updated 0, flagged 0, rejected 1"
    assert result.rejected[0].position == 412
    assert "NUL" in result.rejected[0].reason
    assert not BibliographicRecord.objects.filter(control_number="N-nul").exists()
    assert not RecordChange.objects.filter(control_number="N-nul").exists()
    assert RecordChange.objects.filter(action=RecordAction.IMPORTED).count() == 599


def test_reimport_of_an_unchanged_file_rewrites_and_reindexes_nothing():
    data = iso2709(*(marc_record(control_number=f"U{i}") for i in range(3))).read()
    run_import(io.BytesIO(data))
    stamps = dict(BibliographicRecord.objects.values_list("control_number", "updated_at"))
    calls = []

    def listener(sender, record_ids, **kwargs):
        calls.append(record_ids)

    record_changed.connect(listener)
    try:
        result = run_import(io.BytesIO(data))
    finally:
        record_changed.disconnect(listener)
    assert result.summary == "imported 0, updated 3, flagged 0, rejected 0"
    assert calls == []
    assert dict(BibliographicRecord.objects.values_list("control_number", "updated_at")) == stamps
    assert not RecordChange.objects.filter(action=RecordAction.REIMPORTED).exists()


@pytest.mark.postgres
def test_marc_is_kept_as_json_text_that_a_reimport_compares_without_parsing(monkeypatch):
    from django.db import connection

    data = iso2709(marc_record(control_number="J1")).read()
    run_import(io.BytesIO(data))
    record = BibliographicRecord.objects.get(control_number="J1")
    assert isinstance(record.marc, dict)
    record.save()  # written once more through the ORM, as an edit in the admin writes it
    with connection.cursor() as cursor:
        cursor.execute("SELECT data_type FROM information_schema.columns"
                       " WHERE table_name = 'cataloguing_bibliographicrecord' AND column_name = 'marc'")
        assert cursor.fetchone()[0] == "json"

    def parsed(*args):
        pytest.fail("the stored MARC was parsed instead of compared as text")

    monkeypatch.setattr(upsert, "diff_records", parsed)
    assert run_import(io.BytesIO(data)).summary == "imported 0, updated 1, flagged 0, rejected 0"
    assert not RecordChange.objects.filter(action=RecordAction.REIMPORTED).exists()


def test_two_copies_of_one_record_in_a_file_update_it_in_turn_and_both_are_in_its_history():
    run_import(iso2709(marc_record(control_number="H1", title="Бірінші")))
    result = run_import(iso2709(marc_record(control_number="H1", title="Екінші"),
                                marc_record(control_number="H1", title="Үшінші")))
    assert result.summary == "imported 0, updated 2, flagged 0, rejected 0"
    record = BibliographicRecord.objects.get(control_number="H1")
    assert record.title == "Үшінші"
    history = record.changes.filter(action=RecordAction.REIMPORTED).order_by("id").values_list("changes", flat=True)
    assert [change["title"] for change in history] == [["Бірінші", "Екінші"], ["Екінші", "Үшінші"]]


def test_the_same_new_record_twice_in_a_file_is_stored_once_the_later_copy_winning():
    result = run_import(iso2709(marc_record(control_number="D1", title="Ескі нұсқа"),
                                marc_record(control_number="D1", title="Жаңа нұсқа")))
    assert result.summary == "imported 1, updated 0, flagged 0, rejected 0"
    assert BibliographicRecord.objects.get(control_number="D1").title == "Жаңа нұсқа"


def test_rejection_reasons_are_in_the_language_of_the_caller():
    # Records are read and checked by a process of their own; it speaks the caller's language.
    with translation.override("ru"):
        result = run_import(io.BytesIO(b"not a record\x1d"))
        expected = gettext("the leader is missing or invalid.")
    assert expected != "the leader is missing or invalid."
    assert result.rejected[0].reason == expected


def test_quality_flags_are_stored_in_the_catalogue_language_whoever_imports():
    # The reasons' codes are worded by each page in its reader's language; the stored message is the catalogue's.
    with translation.override("ru"):
        run_import(iso2709(marc_record(control_number="T1", isbn="9786013231010")))
    with translation.override(settings.LANGUAGE_CODE):
        expected = gettext("ISBN %(isbn)s has a wrong check digit or length.") % {"isbn": "9786013231010"}
    assert BibliographicRecord.objects.get().quality_flags == {"bad_isbn": expected}


def _forks(monkeypatch) -> list[int]:
    """The ids of the reader processes an import forks."""
    pids: list[int] = []
    fork = os.fork

    def recorded_fork():
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(marcio.os, "fork", recorded_fork)
    return pids


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_a_read_error_reaches_the_caller_and_nothing_is_left_running(monkeypatch):
    class Unreadable(io.BytesIO):
        def read(self, size=-1):
            raise OSError("the disk went away")

    readers = _forks(monkeypatch)
    with pytest.raises(OSError, match="the disk went away") as raised:
        run_import(Unreadable())
    assert any("raised in the MARC reader process" in note for note in raised.value.__notes__)
    assert len(readers) == 1
    assert _reaped(readers[0])


class _TwoPartError(Exception):
    """Pickles, but cannot be rebuilt from its pickle (its constructor wants two arguments)."""

    def __init__(self, what, where):
        super().__init__(f"{what} at {where}")


def test_a_reader_error_that_cannot_cross_the_pipe_arrives_named(monkeypatch):
    def failing_prepare(batch):
        raise _TwoPartError("a broken checker", "record 1")

    readers = _forks(monkeypatch)
    monkeypatch.setattr(marcio, "_prepare_batch", failing_prepare)
    with pytest.raises(RuntimeError, match="_TwoPartError: a broken checker at record 1"):
        run_import(iso2709(marc_record(control_number="TP1")))
    assert _reaped(readers[0])


def test_an_import_that_fails_while_storing_stops_its_reader(monkeypatch):
    def failing_write(*args, **kwargs):
        raise RuntimeError("the database went away")

    readers = _forks(monkeypatch)
    monkeypatch.setattr(sql, "write", failing_write)
    with pytest.raises(RuntimeError, match="the database went away"):
        run_import(iso2709(*(marc_record(control_number=f"R{i}") for i in range(60))), batch_size=10)
    assert len(readers) == 1
    assert _reaped(readers[0])
    assert not BibliographicRecord.objects.filter(control_number__startswith="R").exists()


def test_without_fork_the_batches_are_read_in_the_importing_process(monkeypatch):
    monkeypatch.delattr(marcio.os, "fork")
    records = [marc_record(control_number=f"NF{i}") for i in range(12)]
    result = run_import(iso2709(*records), batch_size=5)
    assert result.summary == "imported 12, updated 0, flagged 0, rejected 0"
    assert BibliographicRecord.objects.filter(control_number__startswith="NF").count() == 12


def test_records_cross_from_the_reader_process_whole(monkeypatch):
    readers = _forks(monkeypatch)
    records = [marc_record(control_number=f"W{i}", isbn=isbn13(f"97860155{i:04d}")) for i in range(25)]
    result = run_import(io.BytesIO(iso2709(*records).getvalue() + b"00010broken\x1d"), batch_size=7)
    assert result.summary == "imported 25, updated 0, flagged 0, rejected 1"
    assert result.rejected[0].position == 26
    assert len(readers) == 1
    assert _reaped(readers[0])
    stored = BibliographicRecord.objects.get(control_number="W3")
    assert stored.isbn == isbn13("978601550003")
    assert stored.marc["fields"][0] == {"001": "W3"}


def test_reimport_that_changes_only_a_local_marc_field_is_kept_in_the_history():
    local = Field(tag="952", indicators=Indicators(" ", " "), subfields=[Subfield("a", "бірінші сөре")])
    run_import(iso2709(marc_record(control_number="K2", extra=(local,))))
    moved = Field(tag="952", indicators=Indicators(" ", " "), subfields=[Subfield("a", "екінші сөре")])
    result = run_import(iso2709(marc_record(control_number="K2", extra=(moved,))))
    assert result.summary == "imported 0, updated 1, flagged 0, rejected 0"
    change = RecordChange.objects.get(action=RecordAction.REIMPORTED)
    assert change.changes == {"marc_tags": ["952"]}


@pytest.mark.django_db(transaction=True)
def test_the_search_index_is_in_step_when_an_import_outside_a_transaction_returns():
    # Outside a transaction on PostgreSQL the index of each batch is written by a thread of its own while the
    # next batch is stored; the import waits for it before returning.
    from catalogue_search.models import SearchEntry

    result = run_import(iso2709(*(marc_record(control_number=f"I{i}", title=f"Индекс {i}") for i in range(5))),
                        batch_size=2)
    assert result.summary == "imported 5, updated 0, flagged 0, rejected 0"
    assert set(SearchEntry.objects.values_list("record__control_number", flat=True)) == {f"I{i}" for i in range(5)}
    assert not any(thread.name == "marc-import-notifier" for thread in threading.enumerate())


@pytest.mark.django_db(transaction=True)
def test_a_failing_record_changed_receiver_stops_the_import_with_its_error():
    def failing(sender, record_ids, **kwargs):
        raise RuntimeError("the index is unavailable")

    record_changed.connect(failing)
    try:
        with pytest.raises(RuntimeError, match="the index is unavailable"):
            run_import(iso2709(*(marc_record(control_number=f"F{i}") for i in range(5))), batch_size=2)
    finally:
        record_changed.disconnect(failing)
    assert not any(thread.name.startswith("marc-import-") for thread in threading.enumerate())


def test_an_isbn_with_a_superscript_digit_is_rejected_with_its_reason_and_the_rest_imported():
    # "²" counts as a digit for str.isdigit() but int() refuses it: it used to stop the whole import.
    result = run_import(iso2709(marc_record(control_number="P1"), marc_record(control_number="P2",
                                                                             isbn="978601701234²")))
    assert result.summary == "imported 2, updated 0, flagged 1, rejected 0"
    assert list(BibliographicRecord.objects.get(control_number="P2").quality_flags) == ["bad_isbn"]



@pytest.mark.postgres
def test_an_import_inside_a_transaction_leaves_the_planner_settings_as_they_were():
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        run_import(iso2709(*(marc_record(control_number=f"S{i}", isbn=isbn13(f"9786019{i:05d}")) for i in range(3))))
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
    result = run_import(iso2709(marc_record(control_number=False, isbn=isbn13("978601900001"))))
    assert result.summary == "imported 0, updated 1, flagged 0, rejected 0"
    assert BibliographicRecord.objects.filter(control_number__startswith="S").count() == 3


@pytest.mark.parametrize("title", ["Геология Казахстана", 'Жер қойнауы "туралы"'])
def test_a_prepared_record_crosses_from_the_reader_with_its_marc_text_once(title):
    entry = write_path.record_input(marc_record(control_number="P1", title=title))
    crossed = write_path.RecordInput(*entry.portable)
    assert crossed.marc_text == entry.marc_text
    assert crossed.row == entry.row
    assert crossed.marc["fields"][0] == {"001": "P1"}
    if entry.text is not None:  # the COPY line carries the MARC: it is not sent beside it
        assert entry.portable[3] is None
    else:  # a quotation mark is escaped in the JSON, so psycopg formats the row and the MARC goes as such
        assert entry.portable[3] == entry.marc_text


def test_plain_values_are_formatted_for_copy_and_others_left_to_psycopg():
    assert inputs.copy_text(["Атауы", 2023, None, ""]) == "Атауы\t2023\t\\N\t"
    for value in ("tab\there", "back\\slash", "new\nline", "return\r", "nul\x00", "b\b", "v\v", "f\f", 1.5, True):
        assert inputs.copy_text(["a", value]) is None


@pytest.mark.postgres
def test_text_that_copy_must_escape_is_stored_exactly():
    title = "Кітап\\тің\tатауы"
    result = run_import(iso2709(marc_record(control_number="E1", title=title), marc_record(control_number="E2")))
    assert result.summary == "imported 2, updated 0, flagged 0, rejected 0"
    stored = BibliographicRecord.objects.get(control_number="E1")
    assert stored.title == "Кітап\\тің атауы"  # the library field has its whitespace folded, the MARC keeps the tab
    assert {"245": {"ind1": "1", "ind2": "0", "subfields": [{"a": title}]}} in stored.marc["fields"]
    assert BibliographicRecord.objects.get(control_number="E2").title == "Геология Казахстана"


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_admin_import_runs_in_a_prefork_celery_worker(settings):
    # Celery's prefork workers are daemonic processes; the import's reader is forked from one of them.
    import sys
    import uuid
    from pathlib import Path

    from django.core.files.base import ContentFile
    from django.db import connection

    from cataloguing.tasks import marc_import_run_task
    from config.celery import app

    records = [marc_record(control_number=f"PF{i}") for i in range(30)]
    job = MarcImport.objects.create(file=ContentFile(iso2709(*records).getvalue(), name="prefork.mrc"),
                                    format="iso2709", encoding="utf-8", database=database())
    db = connection.settings_dict
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "test-only", "DEBUG": "false",
           "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "MEDIA_ROOT": str(settings.MEDIA_ROOT), "REDIS_URL": settings.REDIS_URL}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "prefork", "-c", "1", "-Q", queue,
         "-n", f"kitaphana-{queue}@localhost", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "-l", "warning"],
        cwd=Path(__file__).resolve().parents[2], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        summary = marc_import_run_task.apply_async(args=[job.pk], queue=queue).get(timeout=120)
    finally:
        app.conf.task_always_eager = previous
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode(errors="replace")
    assert summary == {"imported": 30, "updated": 0, "flagged": 0, "rejected": 0}, output
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert BibliographicRecord.objects.filter(control_number__startswith="PF").count() == 30

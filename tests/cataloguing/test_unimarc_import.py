"""UNIMARC / RUSMARC / KazMARC files through import_marc and export_marc: detection, summary line and
rejections, legacy character sets, the round trip, XML both ways, and yaz-marcdump reading the export."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from cataloguing import marc, marcio
from cataloguing.constants import RecordAction
from cataloguing.models import BibliographicRecord, RecordChange
from cataloguing.records import DERIVED_ATTRIBUTES
from tests.cataloguing.factories import database

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
MEGAPRO = DATA / "rusmarc_megapro.iso"  # UTF-8: a Russian book, a Kazakh textbook, an article (463 embedded)
LEGACY = DATA / "rusmarc_legacy.iso"  # Windows-1251, KZ-1048, KOI-8, a lying UTF-8 record, a broken record
SLIM = DATA / "unimarc_slim.xml"


def import_command(path: Path, *args: str) -> tuple[list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):  # the reasons as written in the code
        call_command("import_marc", str(path), *args, stdout=out, stderr=err)
    return out.getvalue().strip().splitlines(), err.getvalue()


def counts(summary: str) -> dict[str, int]:
    """"imported 2, updated 0, …, rejected 1" as {"imported": 2, …}: whatever other counts the line has."""
    return {name: int(number) for number, name in (part.split(" ")[::-1] for part in summary.split(", "))}


def stored() -> dict[str, dict]:
    """What the catalogue keeps about each record: its library fields and its MARC but for 005 (the moment)."""
    result = {}
    for record in BibliographicRecord.objects.all():
        fields = {name: getattr(record, name) for name in DERIVED_ATTRIBUTES}
        fields["marc"] = [entry for entry in record.marc["fields"] if "005" not in entry]
        result[record.control_number] = fields
    return result


def test_command_detects_unimarc_and_maps_the_records():
    lines, _err = import_command(MEGAPRO)
    assert counts(lines[-1]) | {"imported": 3, "updated": 0, "rejected": 0} == counts(lines[-1])
    book = BibliographicRecord.objects.get(control_number="KZ\\KAZNTU\\000777")
    assert (book.title, book.subtitle) == ("Қазақ хандығының тарихы", "оқу құралы")
    assert book.statement_of_responsibility == "Ә. Н. Бөкейханов ; ред. Қ. Ахметов"
    assert (book.place, book.publisher, book.year, book.pages) == ("Алматы", "Қазақ университеті", 2019, 250)
    assert (book.isbn, book.udc, book.language, book.document_type) == ("9786010412347", "94(574)", "kaz", "textbook")
    assert book.series == "Қазақстан тарихы"
    assert book.url == "https://elib.kaznu.kz/book/777/"
    assert book.authors.startswith("Бөкейханов, Ә. Н")
    article = BibliographicRecord.objects.get(control_number="KZ\\KAZNTU\\A00042")
    assert article.document_type == "article"
    assert article.source == "ҚазҰУ хабаршысы. Философия сериясы. — 2019. — Б. 12-19"
    assert article.issn == "1563-0269"
    russian = BibliographicRecord.objects.get(control_number="RU\\KZ\\0021541")
    assert (russian.title, russian.year, russian.language) == ("Информатика", 1994, "rus")
    assert russian.subjects == "Информатика; информатика; программирование"  # 606 $j is a form: not a term


def test_explicit_unimarc_format_reads_the_file():
    lines, _err = import_command(MEGAPRO, "--format", "unimarc")
    assert counts(lines[-1])["imported"] == 3


def test_legacy_character_sets_are_decoded_and_unreadable_records_rejected_with_their_reasons():
    lines, err = import_command(LEGACY, "--format", "unimarc")
    summary = counts(lines[-1])
    assert (summary["imported"], summary["rejected"]) == (3, 2)
    assert "rejected #4 (byte " in err
    assert "declares UTF-8 but the text is not valid UTF-8" in err
    assert "rejected #5 (byte " in err
    assert "record length in the leader" in err
    titles = dict(BibliographicRecord.objects.values_list("control_number", "title"))
    assert titles == {"RU\\KZ\\0021541": "Информатика", "KZ\\KAZNTU\\000777": "Қазақ хандығының тарихы",
                      "RU\\KZ\\0021542": "Информатика"}  # Windows-1251, KZ-1048, KOI-8
    assert BibliographicRecord.objects.get(control_number="KZ\\KAZNTU\\000777").publisher == "Қазақ университеті"


def test_forced_cp1251_reads_an_undeclared_windows_1251_file(tmp_path):
    raw = LEGACY.read_bytes()
    first = raw[:int(raw[:5])]
    path = tmp_path / "one.iso"
    path.write_bytes(first.replace(b"rusy89  ", b"rusy    "))
    lines, _err = import_command(path, "--format", "unimarc", "--encoding", "cp1251")
    assert counts(lines[-1])["imported"] == 1
    assert BibliographicRecord.objects.get().publisher == "Педагогика-Пресс"


def test_round_trip_import_export_import_changes_nothing(tmp_path):
    import_command(MEGAPRO)
    import_command(SLIM)
    before = stored()
    exported = tmp_path / "out.iso"
    call_command("export_marc", "--out", str(exported), "--format", "unimarc", stdout=io.StringIO())
    lines, _err = import_command(exported)
    assert counts(lines[-1]) | {"imported": 0, "updated": 3, "rejected": 0} == counts(lines[-1])
    assert stored() == before
    assert not RecordChange.objects.filter(action=RecordAction.REIMPORTED).exists()


def test_unimarc_xml_round_trip_both_ways(tmp_path):
    lines, _err = import_command(SLIM)
    assert counts(lines[-1])["imported"] == 2
    before = stored()
    exported = tmp_path / "out.xml"
    out = io.StringIO()
    call_command("export_marc", "--out", str(exported), "--format", "unimarcxml", stdout=out)
    assert out.getvalue().strip() == "exported 2"
    text = exported.read_text("utf-8")
    assert 'xmlns="http://www.loc.gov/MARC21/slim"' in text
    assert '<datafield ind1="1" ind2=" " tag="200">' in text
    assert 'tag="245"' not in text
    lines, _err = import_command(exported)
    assert counts(lines[-1])["updated"] == 2
    assert stored() == before


def test_a_marc21_record_exports_as_unimarc_that_imports_to_the_same_fields(tmp_path):
    from tests.cataloguing.factories import iso2709, marc_record  # the MARC 21 factory of the MARC import's tests

    marcio.import_file(iso2709(marc_record(control_number="M21-1", title="Абай жолы")), database=database())
    before = stored()
    exported = tmp_path / "out.iso"
    call_command("export_marc", "--out", str(exported), "--format", "unimarc", stdout=io.StringIO())
    import_command(exported)
    after = stored()["M21-1"]
    for name in ("title", "first_author", "year", "place", "publisher", "isbn", "language", "document_type"):
        assert after[name] == before["M21-1"][name], name


def test_rejections_and_summary_of_a_broken_unimarc_file(tmp_path):
    raw = MEGAPRO.read_bytes()
    first_length = int(raw[:5])
    path = tmp_path / "broken.iso"
    path.write_bytes(raw[:first_length] + b"00050nam  22000371  450 not a record\x1d" + raw[first_length:-30])
    lines, err = import_command(path, "--format", "unimarc")
    summary = counts(lines[-1])
    assert (summary["imported"], summary["rejected"]) == (2, 2)
    assert f"rejected #2 (byte {first_length})" in err
    assert "rejected #4" in err
    assert "truncated" in err


@pytest.mark.skipif(shutil.which("yaz-marcdump") is None, reason="yaz-marcdump is not installed (Debian package yaz)")
@pytest.mark.parametrize(("fmt", "yaz_input"), [("unimarc", "marc"), ("unimarcxml", "marcxml")])
def test_unimarc_export_is_read_by_yaz_marcdump_without_complaint(tmp_path, fmt, yaz_input):
    import_command(MEGAPRO)
    path = tmp_path / "out"
    call_command("export_marc", "--out", str(path), "--format", fmt, stdout=io.StringIO())
    done = subprocess.run(["yaz-marcdump", "-i", yaz_input, "-o", "line", str(path)], capture_output=True, check=False)
    assert done.returncode == 0
    assert done.stderr == b""
    text = done.stdout.decode("utf-8")
    assert "200 1  $a Қазақ хандығының тарихы $e оқу құралы $f Ә. Н. Бөкейханов $g ред. Қ. Ахметов" in text
    assert "700  1 $a Бөкейханов $b Ә. Н. $f 1866-1937 $4 070" in text
    assert "463  1 $1 2001  $a ҚазҰУ хабаршысы. Философия сериясы" in text
    assert text.count("100    $a ") == 3


def test_stored_marc_of_a_unimarc_record_is_marc21():
    import_command(MEGAPRO)
    record = marc.record_from_json(BibliographicRecord.objects.get(control_number="RU\\KZ\\0021541").marc)
    assert {f.tag for f in record.fields} >= {"001", "005", "008", "020", "245", "260", "300", "650", "080", "700"}
    assert not record.get_fields("200")
    assert str(record.leader)[9] == "a"


def test_the_admin_upload_takes_a_unimarc_file_too(cataloguer, client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cataloguing.constants import ImportStatus, MarcFormat
    from cataloguing.models import MarcImport
    from tests.cataloguing.factories import database

    client.force_login(cataloguer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/cataloguing/marcimport/add/", {
            "file": SimpleUploadedFile("megapro.iso", MEGAPRO.read_bytes()), "format": MarcFormat.UNIMARC,
            "encoding": "utf-8", "database": database().pk,
        })
    assert response.status_code == 302
    job = MarcImport.objects.get()
    assert job.status == ImportStatus.DONE
    assert job.imported == 3
    assert job.rejected == 0

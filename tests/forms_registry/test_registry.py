"""The registry of the 51 forms, its command line, and the letterhead rendered end to end."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from forms_registry.catalogue import SUBPROCESSES
from forms_registry.registry import FormNotBuilt, FormParameterError, UnknownForm, registry
from forms_registry.renderer import render_form_pdf
from tests.planning.factories import register_letter

KAZAKH_LETTERS = "әғқңөұүһі"


@pytest.fixture
def unbuilt_code(monkeypatch):
    """All 51 forms are built now; take one back out to check how the registry treats an unbuilt form."""
    code = "607-03"
    implementations = {k: v for k, v in registry._implementations.items() if k != code}
    monkeypatch.setattr(registry, "_implementations", implementations)
    return code


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_registry_holds_the_51_forms_of_the_procedure():
    codes = [entry.code for entry in registry.entries()]
    assert len(codes) == 51
    assert "607-24" not in codes
    assert "607-48" not in codes
    assert codes[0] == "607-01"
    assert codes[-1] == "607-53"


def test_every_form_has_titles_in_three_languages_and_a_known_subprocess():
    for entry in registry.entries():
        assert entry.title_kk
        assert entry.title_ru
        assert entry.title_en
        assert entry.subprocess in SUBPROCESSES


def test_form_code_is_printed_in_the_procedures_style():
    assert registry.get("607-04").printed_code == "ҚазҰТЗУ 607-04 Ү"
    assert registry.get("4").code == "607-04"


def test_unknown_code_is_an_error():
    with pytest.raises(UnknownForm):
        registry.get("607-24")


def test_every_form_of_the_procedure_is_built():
    assert [e.code for e in registry.entries() if not registry.is_ready(e.code)] == []


def test_form_not_built_cannot_be_rendered(unbuilt_code):
    with pytest.raises(FormNotBuilt):
        render_form_pdf(unbuilt_code, {})


@pytest.mark.django_db
def test_missing_parameter_is_named():
    with pytest.raises(FormParameterError) as excinfo:
        render_form_pdf("607-04", {"year": "2026"})
    assert "number" in excinfo.value.errors


@pytest.mark.django_db
def test_letterhead_pdf_keeps_kazakh_letters_and_prints_code_and_pages():
    letter = register_letter()
    text = pdf_text(render_form_pdf("607-04", {"year": letter.year, "number": letter.number}))
    for ch in KAZAKH_LETTERS:
        assert ch in text, ch
    assert "ҚазҰТЗУ 607-04 Ү" in text
    assert "Ғылыми кітапхана" in text
    assert f"№ {letter.number}/{letter.year}" in text
    assert "1 / 1" in text
    assert "Омарова Г.С." in text


@pytest.mark.django_db
def test_forms_list_command_prints_one_line_per_form(capsys, unbuilt_code):
    call_command("forms", "list")
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 51
    letterhead = next(line for line in lines if line.startswith("607-04"))
    assert "\tready" in letterhead
    assert [line.split("\t")[0] for line in lines if "not built yet" in line] == [unbuilt_code]


@pytest.mark.django_db
def test_forms_render_command_writes_the_pdf(tmp_path):
    letter = register_letter()
    out = tmp_path / "letter.pdf"
    call_command("forms", "render", "607-04", "--out", str(out), "--param", f"year={letter.year}",
                 "--param", f"number={letter.number}")
    assert "Ғылыми кітапхана" in pdf_text(out.read_bytes())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["607-99"], "Unknown form code"),
        (["607-04", "--param", "year=2026"], "number"),
        (["607-04", "--param", "year=2026", "--param", "number=7"], "№ 7"),
        (["607-04", "--param", "colour=red"], "has no parameter colour"),
        (["607-04", "--param", "year"], "NAME=VALUE"),
    ],
)
def test_forms_render_command_explains_bad_input(tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("forms", "render", *args, "--out", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_every_form_takes_its_example_parameters_from_its_own_app():
    missing = [e.code for e in registry.entries() if registry.implementation(e.code).example is None]
    assert missing == []


@pytest.mark.django_db
def test_render_all_prints_each_form_with_its_example_and_says_why_it_cannot(tmp_path, capsys):
    letter = register_letter()
    with pytest.raises(CommandError, match=r"1 of 51 forms rendered; not rendered: 607-01, .*607-53"):
        call_command("forms", "render-all", "--out", str(tmp_path / "forms"))
    lines = dict(line.split("\t", 1) for line in capsys.readouterr().out.strip().splitlines())
    assert len(lines) == 51
    written = tmp_path / "forms" / f"607-04-{letter.year}-{letter.number}.pdf"
    assert lines["607-04"].startswith(f"{written} (")
    assert f"№ {letter.number}/{letter.year}" in pdf_text(written.read_bytes())
    assert lines["607-43"] == "no example: nothing of its kind in the data yet"
    assert lines["607-53"].startswith("no data: ")


@pytest.mark.django_db
def test_render_all_of_an_unbuilt_form_says_so(tmp_path, capsys, unbuilt_code):
    with pytest.raises(CommandError):
        call_command("forms", "render-all", "--out", str(tmp_path))
    assert f"{unbuilt_code}\tnot built yet" in capsys.readouterr().out


@pytest.mark.django_db
def test_forms_render_of_an_unbuilt_form_says_so(tmp_path, unbuilt_code):
    with pytest.raises(CommandError, match="not built yet"):
        call_command("forms", "render", unbuilt_code, "--out", str(tmp_path / "x.pdf"))


def test_pdf_renderer_reads_static_files_without_collectstatic(caplog):
    from forms_registry.renderer import html_to_pdf

    caplog.set_level("WARNING", logger="weasyprint")
    html_to_pdf('<html><body><p>Сәлем</p><img src="/static/core/kitaphana-mark.svg"></body></html>')
    assert not [r for r in caplog.records if "Failed to load" in r.getMessage()]
    html_to_pdf('<html><body><img src="/static/core/no-such-file.svg"></body></html>')
    assert [r for r in caplog.records if "Failed to load" in r.getMessage()]

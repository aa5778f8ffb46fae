"""A submitted work that would exhaust the server ends its check as failed, with the reason, in seconds
(issue 13, point 4): a DOCX or ODT whose XML really expands past the cap, and a text past
ANTIPLAGIARISM_MAX_TEXT_CHARS. The caps are lowered here so that the bombs stay a few MB."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from antiplagiarism.exceptions import UnreadableWork
from antiplagiarism.models import Check, CollectionDocument
from antiplagiarism.services import check_run, extract_text
from tests.antiplagiarism.factories import AccessCodeFactory
from tests.bombs import docx_bomb, odt_bomb

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def low_caps(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.UPLOAD_ZIP_MAX_MEMBER_BYTES = 1 * MB


def queued_check(operator, department, data: bytes, name: str) -> Check:
    code = AccessCodeFactory(operator=operator, department=department, quota=10)
    check = Check(operator=operator, access_code=code, department=department, title="Бітіру жұмысы",
                  author="Сейтқали Айгерим", work_type=Check.WorkType.BACHELOR, original_filename=name)
    check.file.save(name, ContentFile(data), save=True)
    return check


def assert_failed_with_nothing_written(check: Check) -> None:
    assert check.status == Check.Status.FAILED
    assert (check.text, check.report, check.originality, check.file_format) == ("", {}, None, "")
    assert not CollectionDocument.objects.exists()


@pytest.mark.parametrize(("build", "name", "part"), [
    (docx_bomb, "work.docx", "word/document.xml"),
    (odt_bomb, "work.odt", "content.xml"),
])
def test_zip_bomb_ends_the_check_as_failed_with_the_reason(operator, department, build, name, part):
    check = check_run(check_id=queued_check(operator, department, build(4 * MB), name).pk)
    assert_failed_with_nothing_written(check)
    assert part in check.error
    assert "expands to more than 1.0" in check.error


def test_text_longer_than_the_cap_ends_the_check_as_failed_with_the_reason(operator, department, settings):
    settings.ANTIPLAGIARISM_MAX_TEXT_CHARS = 10_000
    check = check_run(check_id=queued_check(operator, department, docx_bomb(200 * 1024), "work.docx").pk)
    assert_failed_with_nothing_written(check)
    # Kept as a code and its figures, worded in the language of whoever reads it.
    assert (check.error_code, check.error_params) == (check.Failure.TEXT_TOO_LONG, {"limit": 10_000})
    from django.utils import translation

    for language, text in (("en", "more than 10000 characters"), ("ru", "более 10000 символов"),
                           ("kk", "10000 таңбадан асады")):
        with translation.override(language):
            assert text in check.error_text, language


def test_source_file_that_is_a_bomb_is_refused_with_the_reason():
    with pytest.raises(UnreadableWork, match="expands to more than"):
        extract_text(docx_bomb(4 * MB))

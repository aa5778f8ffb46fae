"""Text comes out of every accepted format; the format is recognised from the content, not the name."""

from __future__ import annotations

import pytest

from antiplagiarism.engine.extract import DOCX, ODT, PDF, RTF, TXT, ExtractionError, detect_format, extract
from antiplagiarism.engine.normalize import normalize
from tests.antiplagiarism.factories import docx_bytes, odt_bytes, pdf_bytes, rtf_bytes
from tests.antiplagiarism.texts import EN, KK, RU


def read(data: bytes) -> str:
    extraction = extract(data)
    return normalize(extraction.text, extraction.hidden).text


def test_pdf_text_is_extracted():
    data = pdf_bytes(RU)
    assert detect_format(data) == PDF
    assert " ".join(read(data).split()) == RU


def test_docx_paragraphs_and_runs_are_extracted():
    data = docx_bytes([[(KK[:40], {}), (KK[40:], {})], [(EN, {})]])
    assert detect_format(data) == DOCX
    assert read(data) == f"{KK}\n{EN}"


def test_odt_paragraphs_spans_and_spaces_are_extracted():
    body = f'<text:h>Кіріспе</text:h><text:p>{RU[:30]}<text:s/><text:span>{RU[31:]}</text:span></text:p>'
    data = odt_bytes(body)
    assert detect_format(data) == ODT
    assert read(data) == f"Кіріспе\n{RU}"


def test_rtf_unicode_escapes_are_decoded():
    data = rtf_bytes(KK)
    assert detect_format(data) == RTF
    assert read(data) == KK


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251"])
def test_txt_encoding_is_detected(encoding):
    data = RU.encode(encoding)
    assert detect_format(data) == TXT
    assert read(data) == RU


def test_kazakh_txt_in_utf16_is_read():
    assert read(KK.encode("utf-16")) == KK


def test_zip_that_is_not_a_document_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.md", "not a document")
    with pytest.raises(ExtractionError):
        extract(buffer.getvalue())


def test_binary_file_is_refused():
    with pytest.raises(ExtractionError):
        extract(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100))

"""Factories and small document builders of the originality checker's tests."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

import factory

from antiplagiarism.models import AccessCode
from tests.factories import AcademicDepartmentFactory, UserFactory


class AccessCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessCode

    code = factory.Sequence(lambda n: f"CODE{n:06d}")
    operator = factory.SubFactory(UserFactory)
    department = factory.SubFactory(AcademicDepartmentFactory)
    request_reference = "№ 12 от 01.09.2026"
    quota = 5
    valid_from = dt.date(2026, 9, 1)
    valid_until = dt.date(2027, 6, 30)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(paragraphs: list[list[tuple[str, dict]]], styles: str | None = None) -> bytes:
    """A DOCX package; each paragraph is a list of runs (text, {"color": "FFFFFF", "sz": 2, "vanish": True,
    "style": "Hidden"})."""
    body = []
    for runs in paragraphs:
        parts = []
        for text, fmt in runs:
            rpr = ""
            if fmt.get("style"):
                rpr += f'<w:rStyle w:val="{fmt["style"]}"/>'
            if fmt.get("vanish"):
                rpr += "<w:vanish/>"
            if fmt.get("color"):
                rpr += f'<w:color w:val="{fmt["color"]}"/>'
            if fmt.get("sz"):
                rpr += f'<w:sz w:val="{fmt["sz"]}"/>'
            props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
            parts.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')
        body.append(f"<w:p>{''.join(parts)}</w:p>")
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}">'
        f'<w:body>{"".join(body)}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("word/document.xml", document)
        if styles:
            package.writestr("word/styles.xml", f'<?xml version="1.0"?><w:styles xmlns:w="{W_NS}">{styles}</w:styles>')
    return buffer.getvalue()


ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)


def odt_bytes(body_xml: str, automatic_styles: str = "") -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>'
        f"<office:automatic-styles>{automatic_styles}</office:automatic-styles>"
        f"<office:body><office:text>{body_xml}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        package.writestr("content.xml", content)
    return buffer.getvalue()


def rtf_bytes(text: str) -> bytes:
    """RTF with every non-ASCII letter as a \\uN? escape, as word processors write it."""
    body = "".join(ch if ord(ch) < 128 else f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?" for ch in text)
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs24 " + body + "\\par}").encode("ascii")


def pdf_bytes(text: str) -> bytes:
    from forms_registry.renderer import html_to_pdf

    return html_to_pdf(f"<html><body><p>{escape(text)}</p></body></html>")

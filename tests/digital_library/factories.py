"""Factories and sample full-text files of the digital library tests."""

from __future__ import annotations

import io
import itertools
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from cataloguing.models import BibliographicRecord, CatalogueDatabase

_numbers = itertools.count(1)


def catalogue_database(code: str = "e-resources") -> CatalogueDatabase:
    # Seeded by a migration; created here when a transactional test runs after a flush.
    return CatalogueDatabase.objects.get_or_create(code=code, defaults={"name_kk": code})[0]


def record(**fields) -> BibliographicRecord:
    number = next(_numbers)
    defaults = {
        "database": catalogue_database(fields.pop("database_code", "e-resources")),
        "control_number": f"DL-TEST-{number:06d}",
        "title": f"Геология негіздері. {number}-бөлім",
        "authors": "Сәтбаев Қ.И.; Ермеков А.Б.",
        "first_author": "Сәтбаев Қ.И.",
        "publisher": "Сәтбаев университеті",
        "place": "Алматы",
        "year": 2024,
        "language": "kaz",
        "subjects": "Геология; Пайдалы қазбалар",
        "annotation": "Оқу құралы геология мамандығының студенттеріне арналған.",
    }
    defaults.update(fields)
    return BibliographicRecord.objects.create(**defaults)


def pdf_bytes(text: str = "Kitaphana full text sample") -> bytes:
    """A small valid PDF with one page of text that pypdf can read back."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{index} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def docx_bytes(paragraphs=("Бірінші абзац.", "Second paragraph.")) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types '
                         'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def epub_bytes(chapters=("<h1>Тарау 1</h1><p>Кен орындары туралы.</p>", "<p>Chapter two text.</p>")) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        archive.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        items = "".join(f'<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>'
                        for i in range(len(chapters)))
        spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
        archive.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            f"<manifest>{items}</manifest><spine>{spine}</spine></package>",
        )
        for i, chapter in enumerate(chapters):
            archive.writestr(
                f"OEBPS/c{i}.xhtml",
                '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head>'
                f"<title>t</title><style>p {{color: red}}</style></head><body>{chapter}</body></html>",
            )
    return out.getvalue()


def djvu_bytes() -> bytes:
    info = b"INFO" + (10).to_bytes(4, "big") + b"\x00\x64\x00\x64\x18\x00\x2c\x01\x16\x00"
    body = b"DJVU" + info
    return b"AT&TFORM" + len(body).to_bytes(4, "big") + body


def upload(content: bytes, name: str = "file.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def digital_file(*, record_=None, user, content: bytes | None = None, name: str = "text.pdf", **fields):
    from digital_library.choices import LegalBasis
    from digital_library.services import digital_file_upload

    fields.setdefault("legal_basis", LegalBasis.PUBLIC_DOMAIN)
    if content is None:
        content = pdf_bytes(f"sample {next(_numbers)}")
    return digital_file_upload(record=record_ or record(), uploaded_file=upload(content, name), user=user, **fields)

"""Builders of decompression bombs in every zip-based format the product reads (issue 13, point 4).

Each builds a file that is valid in its format (so the old code would read it through) but whose main part
expands to about `size` bytes of repetitive content, written in slices so that building a 190 MB bomb for
the bench does not hold 190 MB. Tests use a few MB with the caps lowered through `settings`; the bench
(`bench/zipbombs.py`) the real sizes.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# A realistic paragraph (a bomb made of text, not zeros, so that it reads as a document to the old code).
KK_PARAGRAPH = ("Қазақстанның пайдалы қазбалары туралы бітіру жұмысында кен орындарының геологиялық құрылысы "
                "қарастырылады. ")


def _write_repeated(member, head: bytes, unit: bytes, tail: bytes, size: int) -> None:
    member.write(head)
    block = unit * max(1, (1024 * 1024) // len(unit))
    written = len(head) + len(tail)
    while written < size:
        piece = block if size - written >= len(block) else unit * -(-(size - written) // len(unit))
        member.write(piece)
        written += len(piece)
    member.write(tail)


def _zip(members: list[tuple[str, bytes | tuple[bytes, bytes, bytes, int]]], *, stored: set[str] = frozenset()
         ) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name, content in members:
            if isinstance(content, bytes):
                package.writestr(name, content, compress_type=zipfile.ZIP_STORED if name in stored else None)
                continue
            head, unit, tail, size = content
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with package.open(info, "w", force_zip64=size > 2**31) as member:
                _write_repeated(member, head, unit, tail, size)
    return buffer.getvalue()


def docx_bomb(size: int) -> bytes:
    """A DOCX whose word/document.xml is ~`size` bytes of paragraphs of Kazakh text."""
    head = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>').encode()
    unit = f'<w:p><w:r><w:t xml:space="preserve">{KK_PARAGRAPH}</w:t></w:r></w:p>'.encode()
    return _zip([
        ("[Content_Types].xml", b'<?xml version="1.0"?><Types '
                                b'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("word/document.xml", (head, unit, b"</w:body></w:document>", size)),
    ])


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def odt_bomb(size: int) -> bytes:
    """An ODT whose content.xml is ~`size` bytes of paragraphs."""
    head = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>'
            "<office:body><office:text>").encode()
    unit = f"<text:p>{KK_PARAGRAPH}</text:p>".encode()
    return _zip([
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", (head, unit, b"</office:text></office:body></office:document-content>", size)),
    ], stored={"mimetype"})


def epub_bomb(size: int) -> bytes:
    """An EPUB whose one chapter is ~`size` bytes of XHTML paragraphs."""
    head = (b'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head>'
            b"<title>t</title></head><body>")
    unit = f"<p>{KK_PARAGRAPH}</p>".encode()
    return _zip([
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml",
         b'<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
         b'<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
         b"</rootfiles></container>"),
        ("OEBPS/content.opf",
         b'<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
         b'<manifest><item id="c0" href="c0.xhtml" media-type="application/xhtml+xml"/></manifest>'
         b'<spine><itemref idref="c0"/></spine></package>'),
        ("OEBPS/c0.xhtml", (head, unit, b"</body></html>", size)),
    ], stored={"mimetype"})


def xlsx_bomb(size: int, header: tuple[str, ...] = ("card_number", "last_name", "first_name"),
              rows: tuple[tuple, ...] = ()) -> bytes:
    """A real workbook (written by openpyxl: a header row and `rows`) whose sheet XML is padded to ~`size`
    bytes with an XML comment: openpyxl reads it as that small table after expanding all of it."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(list(header))
    for row in rows:
        workbook.active.append(list(row))
    source = io.BytesIO()
    workbook.save(source)
    members: list = []
    with zipfile.ZipFile(source) as package:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                before, after = data.split(b"</sheetData>", 1)
                members.append((info.filename, (before + b"<!--", b"0" * 64, b"--></sheetData>" + after, size)))
            else:
                members.append((info.filename, data))
    return _zip(members)


def backup_bomb(path: Path, size: int, *, engine: str = "django.db.backends.sqlite3") -> Path:
    """A backup archive (tar.gz) with a manifest and a database member of ~`size` bytes of zeros."""
    import json

    manifest = json.dumps({"format": 1, "engine": engine, "database": "database.sqlite3",
                           "media_files": 0}).encode()

    class Zeros(io.RawIOBase):
        def __init__(self, left: int):
            self.left = left

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            count = min(len(buffer), self.left)
            buffer[:count] = bytes(count)
            self.left -= count
            return count

    with tarfile.open(path, "w:gz", compresslevel=9) as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
        info = tarfile.TarInfo("database.sqlite3")
        info.size = size
        tar.addfile(info, io.BufferedReader(Zeros(size), 1024 * 1024))
    return path

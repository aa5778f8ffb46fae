"""Plain text of full-text files, for the anti-plagiarism collection and for search.

PDF through pypdf; DOCX and EPUB by reading their XML with defusedxml (uploaded files are untrusted:
no entity expansion, and every member read is capped so a ZIP bomb cannot exhaust memory). DjVu text
layers need DjVuLibre, which the servers do not have: DjVu files keep an empty text.
"""

from __future__ import annotations

import logging
import posixpath
import re
import zipfile
from html.parser import HTMLParser
from typing import BinaryIO

from defusedxml import ElementTree

from .choices import FileKind
from .constants import MAX_EXTRACTED_TEXT_CHARS

logger = logging.getLogger(__name__)

MAX_MEMBER_BYTES = 64 * 1024 * 1024
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OPF_NS = "{http://www.idpf.org/2007/opf}"
CONTAINER_NS = "{urn:oasis:names:tc:opendocument:xmlns:container}"


class ExtractionFailed(ValueError):
    """The file's structure could not be read (the file is kept; its text stays empty)."""


def extract_text(stream: BinaryIO, kind: str) -> str:
    """Plain text of the file, whitespace-normalised, at most MAX_EXTRACTED_TEXT_CHARS characters."""
    stream.seek(0)
    try:
        if kind == FileKind.PDF:
            text = _pdf_text(stream)
        elif kind == FileKind.DOCX:
            text = _docx_text(stream)
        elif kind == FileKind.EPUB:
            text = _epub_text(stream)
        else:
            return ""
    except ExtractionFailed:
        raise
    except Exception as exc:  # a damaged file must not lose its upload; the text just stays empty
        raise ExtractionFailed(str(exc)) from exc
    finally:
        stream.seek(0)
    return _normalise(text)[:MAX_EXTRACTED_TEXT_CHARS]


def _normalise(text: str) -> str:
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _pdf_text(stream: BinaryIO) -> str:
    from pypdf import PdfReader

    reader = PdfReader(stream)
    parts: list[str] = []
    total = 0
    for page in reader.pages:
        page_text = page.extract_text() or ""
        parts.append(page_text)
        total += len(page_text)
        if total > MAX_EXTRACTED_TEXT_CHARS:
            break
    return "\n".join(parts)


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_MEMBER_BYTES:
        raise ExtractionFailed(f"{name} is larger than {MAX_MEMBER_BYTES} bytes")
    with archive.open(info) as member:
        data = member.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise ExtractionFailed(f"{name} expands beyond {MAX_MEMBER_BYTES} bytes")
    return data


def _docx_text(stream: BinaryIO) -> str:
    with zipfile.ZipFile(stream) as archive:
        root = ElementTree.fromstring(_read_member(archive, "word/document.xml"))
    paragraphs = []
    for paragraph in root.iter(f"{WORD_NS}p"):
        pieces = []
        for node in paragraph.iter():
            if node.tag == f"{WORD_NS}t" and node.text:
                pieces.append(node.text)
            elif node.tag == f"{WORD_NS}tab":
                pieces.append("\t")
            elif node.tag in (f"{WORD_NS}br", f"{WORD_NS}cr"):
                pieces.append("\n")
        paragraphs.append("".join(pieces))
    return "\n".join(paragraphs)


class _HtmlText(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "blockquote"}
    SKIPPED = {"script", "style", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skip_depth += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self.skip_depth:
            self.skip_depth -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def _epub_text(stream: BinaryIO) -> str:
    with zipfile.ZipFile(stream) as archive:
        container = ElementTree.fromstring(_read_member(archive, "META-INF/container.xml"))
        rootfile = container.find(f".//{CONTAINER_NS}rootfile")
        if rootfile is None or not rootfile.get("full-path"):
            raise ExtractionFailed("META-INF/container.xml names no package document")
        opf_path = rootfile.get("full-path")
        package = ElementTree.fromstring(_read_member(archive, opf_path))
        base = posixpath.dirname(opf_path)
        manifest = {
            item.get("id"): item.get("href")
            for item in package.iter(f"{OPF_NS}item")
            if item.get("href")
        }
        chapters = []
        for itemref in package.iter(f"{OPF_NS}itemref"):
            href = manifest.get(itemref.get("idref"))
            if not href:
                continue
            name = posixpath.normpath(posixpath.join(base, href)) if base else href
            parser = _HtmlText()
            parser.feed(_read_member(archive, name).decode("utf-8", errors="replace"))
            chapters.append("".join(parser.parts))
    return "\n\n".join(chapters)

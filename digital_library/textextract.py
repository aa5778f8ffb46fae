"""Plain text of full-text files, for the anti-plagiarism collection and for search.

PDF through pypdf; DOCX and EPUB by reading their XML with defusedxml (uploaded files are untrusted:
no entity expansion). The packages are opened through `core.safezip`, which measures what each member
really expands to (issue 13, point 4); document.xml is parsed as a stream and each chapter fed to the HTML
parser in chunks, and reading stops once MAX_EXTRACTED_TEXT_CHARS are in hand, so memory stays bounded
whatever the file claims. DjVu text layers need DjVuLibre, which the servers do not have: DjVu files keep
an empty text.
"""

from __future__ import annotations

import codecs
import logging
import posixpath
import re
from html.parser import HTMLParser
from typing import BinaryIO

from defusedxml import ElementTree

from core.safezip import SafeZip, UnsafeArchive, upload_limits

from .choices import FileKind
from .constants import MAX_EXTRACTED_TEXT_CHARS

logger = logging.getLogger(__name__)

# The package files read whole (EPUB's container.xml and package document) are small in any real book.
MAX_SMALL_MEMBER_BYTES = 4 * 1024 * 1024
CHUNK = 64 * 1024
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
    except UnsafeArchive as exc:  # a zip bomb: the file is kept (an administrator sees why), its text stays empty
        logger.warning("text extraction refused: %s", exc)
        raise ExtractionFailed(str(exc)) from exc
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


def _read_small_member(archive: SafeZip, name: str) -> bytes:
    with archive.open(name) as member:
        data = member.read(MAX_SMALL_MEMBER_BYTES + 1)
    if len(data) > MAX_SMALL_MEMBER_BYTES:
        raise ExtractionFailed(f"{name} expands beyond {MAX_SMALL_MEMBER_BYTES} bytes")
    return data


def _docx_text(stream: BinaryIO) -> str:
    """The text of document.xml, read as a stream: each element is dropped from the tree once it has ended
    (its text is taken then), so the tree only ever holds the open path."""
    paragraphs: list[str] = []
    pieces: list[str] = []
    total = 0
    with SafeZip(stream, upload_limits()) as archive, archive.open("word/document.xml") as document:
        stack: list = []
        for event, node in ElementTree.iterparse(document, events=("start", "end")):
            if event == "start":
                stack.append(node)
                continue
            stack.pop()
            if node.tag == f"{WORD_NS}t" and node.text:
                pieces.append(node.text)
                total += len(node.text)
            elif node.tag == f"{WORD_NS}tab":
                pieces.append("\t")
            elif node.tag in (f"{WORD_NS}br", f"{WORD_NS}cr"):
                pieces.append("\n")
            elif node.tag == f"{WORD_NS}p":
                paragraphs.append("".join(pieces))
                pieces = []
                if total > MAX_EXTRACTED_TEXT_CHARS:
                    break  # the text kept is cut there anyway
            if stack:
                stack[-1].remove(node)
    if pieces:
        paragraphs.append("".join(pieces))
    return "\n".join(paragraphs)


class _HtmlText(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "blockquote"}
    SKIPPED = {"script", "style", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0  # characters of text so far
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
            self.size += len(data)


def _epub_text(stream: BinaryIO) -> str:
    with SafeZip(stream, upload_limits()) as archive:
        container = ElementTree.fromstring(_read_small_member(archive, "META-INF/container.xml"))
        rootfile = container.find(f".//{CONTAINER_NS}rootfile")
        if rootfile is None or not rootfile.get("full-path"):
            raise ExtractionFailed("META-INF/container.xml names no package document")
        opf_path = rootfile.get("full-path")
        package = ElementTree.fromstring(_read_small_member(archive, opf_path))
        base = posixpath.dirname(opf_path)
        manifest = {
            item.get("id"): item.get("href")
            for item in package.iter(f"{OPF_NS}item")
            if item.get("href")
        }
        chapters = []
        total = 0
        for itemref in package.iter(f"{OPF_NS}itemref"):
            href = manifest.get(itemref.get("idref"))
            if not href:
                continue
            name = posixpath.normpath(posixpath.join(base, href)) if base else href
            parser = _HtmlText()
            decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
            with archive.open(name) as chapter:
                while total + parser.size <= MAX_EXTRACTED_TEXT_CHARS and (chunk := chapter.read(CHUNK)):
                    parser.feed(decoder.decode(chunk))
                parser.feed(decoder.decode(b"", final=True))
            parser.close()
            chapters.append("".join(parser.parts))
            total += parser.size
            if total > MAX_EXTRACTED_TEXT_CHARS:
                break  # the text kept is cut there anyway
    return "\n\n".join(chapters)

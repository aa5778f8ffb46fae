"""Text extraction from the formats a work is submitted in: PDF, DOCX, ODT, RTF and plain text.

The format is decided from the file's content (magic bytes, the package's manifest), never from its
name. For DOCX and ODT the runs are read with their formatting so that text hidden from the reader
(white colour, a tiny font, the "hidden" attribute) is set apart: it is not part of what the reader
sees, so it is not part of the checked text, and it is reported as an alert.

Uploads are untrusted (issue 13, point 4): the packages are opened through `core.safezip`, which measures
what each member really expands to; document.xml and content.xml are parsed as a stream, one paragraph at a
time, so memory follows the largest paragraph, not the document; and the text read stops at `max_chars`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from defusedxml import ElementTree

from core.safezip import SafeZip, upload_limits

PDF, DOCX, ODT, RTF, TXT = "pdf", "docx", "odt", "rtf", "txt"
FORMATS = (PDF, DOCX, ODT, RTF, TXT)

# A font below this many points cannot be read on paper or on screen: it is there to be hidden.
TINY_FONT_PT = 2.0
# Pure white or near-white text on a white page.
_WHITE_RE = re.compile(r"^#?(f[a-f0-9]){3}$|^#?fff$", re.IGNORECASE)

# Placeholder left in the visible text where a hidden run was: the normaliser decides whether the hidden
# run stood in for a space (the usual trick: a white letter instead of each space) or sat inside a word.
HIDDEN_MARK = "\u0000"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO_NS = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"

# styles.xml is parsed whole (the styles are needed before the first paragraph); a real one is under 1 MB.
MAX_STYLES_BYTES = 4 * 1024 * 1024
# Parsed elements held at once: the open path, the current paragraph and (ODT) the automatic styles. A real
# paragraph has hundreds; a document built to exhaust the parser has millions.
MAX_HELD_ELEMENTS = 100_000


class ExtractionError(ValueError):
    """The file cannot be read as any of the accepted formats."""


class TextTooLong(ExtractionError):
    """The document holds more text than one check reads (`limit` characters)."""

    def __init__(self, limit: int):
        super().__init__(f"more than {limit} characters of text")
        self.limit = limit


class StructureTooLarge(ExtractionError):
    """A part of the package is larger or more deeply built than any real document's (`limit`)."""

    def __init__(self, what: str, limit: int):
        super().__init__(f"{what}: more than {limit}")
        self.limit = limit


@dataclass
class Extraction:
    """Visible text of a document, with the hidden runs set apart."""

    format: str
    text: str
    hidden: list[HiddenRun] = field(default_factory=list)


@dataclass(frozen=True)
class HiddenRun:
    text: str
    reason: str  # "colour", "size" or "vanish"


def detect_format(data: bytes) -> str:
    """The format from the content: %PDF, an OOXML or ODF zip package, {\\rtf, otherwise text."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return PDF
    if head.startswith(b"{\\rtf"):
        return RTF
    if data[:4] == b"PK\x03\x04":
        try:
            with SafeZip(data, upload_limits()) as package:
                names = set(package.namelist())
                if "word/document.xml" in names:
                    return DOCX
                if "content.xml" in names:  # ODF text (the mimetype member is optional in practice)
                    return ODT
        except zipfile.BadZipFile as exc:
            raise ExtractionError("damaged zip package") from exc
        raise ExtractionError("a zip package that is neither DOCX nor ODT")
    if b"\x00" in data[:4096] and not (data.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise ExtractionError("binary file of an unsupported type")
    return TXT


def extract(data: bytes, *, max_chars: int | None = None) -> Extraction:
    """Read the visible text (and the hidden runs) of a submitted file; TextTooLong past `max_chars`
    characters (the readers stop as soon as they pass it), `core.safezip.UnsafeArchive` for a zip bomb."""
    kind = detect_format(data)
    reader = {PDF: extract_pdf, DOCX: extract_docx, ODT: extract_odt, RTF: extract_rtf, TXT: extract_txt}[kind]
    extraction = reader(data, max_chars=max_chars)
    if max_chars and len(extraction.text) > max_chars:
        raise TextTooLong(max_chars)
    return extraction


# --- PDF ---------------------------------------------------------------------------------------------------

def extract_pdf(data: bytes, *, max_chars: int | None = None) -> Extraction:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages: list[str] = []
        total = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            total += len(pages[-1])
            if max_chars and total > max_chars:
                raise TextTooLong(max_chars)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ExtractionError(f"unreadable PDF: {exc}") from exc
    return Extraction(PDF, "\n\n".join(pages))


# --- RTF and plain text ------------------------------------------------------------------------------------

def extract_rtf(data: bytes, *, max_chars: int | None = None) -> Extraction:
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit: non-ASCII letters are escapes (\'e0, \u1072), so latin-1 decoding loses nothing.
    return Extraction(RTF, rtf_to_text(data.decode("latin-1"), errors="ignore"))


def decode_text(data: bytes) -> str:
    """Decode plain text: BOMs and UTF-8 first, then the detector (cp1251, KOI8-R, UTF-16…)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return data.decode("cp1251", errors="replace")
    return str(best)


def extract_txt(data: bytes, *, max_chars: int | None = None) -> Extraction:
    return Extraction(TXT, decode_text(data))


# --- Zip packages ------------------------------------------------------------------------------------------

def _read_member(package: SafeZip, name: str, cap: int = MAX_STYLES_BYTES) -> bytes | None:
    """A small member read whole (styles), at most `cap` bytes as really decompressed."""
    try:
        member = package.open(name)
    except KeyError:
        return None
    with member:
        raw = member.read(cap + 1)
    if len(raw) > cap:
        raise StructureTooLarge(name, cap)
    return raw


def _stream_paragraphs(
    stream: BinaryIO, *, paragraph_tags: frozenset[str], body_tag: str, max_chars: int | None,
    on_paragraph: Callable[[object], None], on_body: Callable[[object], None] | None = None,
) -> None:
    """Parse a document part as a stream and hand each outermost paragraph, whole, to `on_paragraph`.

    Inside the body every element that has ended outside a paragraph is dropped from the tree (its
    paragraphs were handed over already), so the tree holds the open path and the current paragraph;
    what precedes the body (ODT's automatic styles) is kept and handed to `on_body` with the root.
    The text met inside paragraphs is counted as it is parsed, so a document past `max_chars` stops
    there, not at its end.
    """
    stack: list = []
    depth = 0  # paragraphs open (a text box's paragraphs sit inside a paragraph's run)
    paragraph_elements = 0
    held = 0
    chars = 0
    in_body = False
    try:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            if event == "start":
                stack.append(element)
                held += 1
                if held > MAX_HELD_ELEMENTS:
                    raise StructureTooLarge("elements held", MAX_HELD_ELEMENTS)
                if element.tag == body_tag and not in_body:
                    in_body = True
                    if on_body:
                        on_body(stack[0])
                if element.tag in paragraph_tags:
                    if depth == 0:
                        paragraph_elements = 0
                    depth += 1
                if depth:
                    paragraph_elements += 1
                continue
            stack.pop()
            if depth:
                chars += len(element.text or "") + sum(len(child.tail or "") for child in element)
                if max_chars and chars > max_chars:
                    raise TextTooLong(max_chars)
            if element.tag in paragraph_tags:
                depth -= 1
                if depth == 0:
                    on_paragraph(element)
                    if stack and in_body:
                        stack[-1].remove(element)  # the last child of its parent, its only one left
                        held -= paragraph_elements
            elif depth == 0 and in_body and stack:
                stack[-1].remove(element)
                held -= 1
    except ElementTree.ParseError as exc:
        raise ExtractionError(f"malformed XML: {exc}") from exc


def _parse_xml(raw: bytes):
    try:
        return ElementTree.fromstring(raw)
    except ElementTree.ParseError as exc:
        raise ExtractionError(f"malformed XML: {exc}") from exc


def _is_white(colour: str | None) -> bool:
    return bool(colour) and bool(_WHITE_RE.match(colour.strip()))


# --- DOCX --------------------------------------------------------------------------------------------------

@dataclass
class _RunFormat:
    colour: str | None = None
    half_points: int | None = None
    vanish: bool | None = None

    def merged(self, other: _RunFormat | None) -> _RunFormat:
        if other is None:
            return self
        return _RunFormat(
            colour=other.colour if other.colour is not None else self.colour,
            half_points=other.half_points if other.half_points is not None else self.half_points,
            vanish=other.vanish if other.vanish is not None else self.vanish,
        )

    def hidden_reason(self) -> str | None:
        if self.vanish:
            return "vanish"
        if _is_white(self.colour):
            return "colour"
        if self.half_points is not None and self.half_points / 2 < TINY_FONT_PT:
            return "size"
        return None


def _docx_rpr(rpr) -> _RunFormat | None:
    if rpr is None:
        return None
    fmt = _RunFormat()
    colour = rpr.find(f"{W}color")
    if colour is not None:
        fmt.colour = colour.get(f"{W}val")
        if fmt.colour == "auto":
            fmt.colour = "000000"
    size = rpr.find(f"{W}sz")
    if size is not None:
        try:
            fmt.half_points = int(size.get(f"{W}val", ""))
        except ValueError:
            fmt.half_points = None
    vanish = rpr.find(f"{W}vanish")
    if vanish is not None:
        fmt.vanish = vanish.get(f"{W}val", "true") not in ("0", "false", "off")
    return fmt


def _docx_styles(raw: bytes | None) -> tuple[_RunFormat, dict[str, _RunFormat]]:
    """The document default run format and every style's run format (with its basedOn chain resolved)."""
    default = _RunFormat()
    if raw is None:
        return default, {}
    root = _parse_xml(raw)
    doc_default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    default = default.merged(_docx_rpr(doc_default))
    own: dict[str, tuple[str | None, _RunFormat | None]] = {}
    for style in root.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId")
        based = style.find(f"{W}basedOn")
        own[style_id] = (based.get(f"{W}val") if based is not None else None, _docx_rpr(style.find(f"{W}rPr")))

    resolved: dict[str, _RunFormat] = {}

    def resolve(style_id: str, depth: int = 0) -> _RunFormat:
        if style_id in resolved:
            return resolved[style_id]
        parent, fmt = own.get(style_id, (None, None))
        base = resolve(parent, depth + 1) if parent and depth < 20 else _RunFormat()
        resolved[style_id] = base.merged(fmt)
        return resolved[style_id]

    for style_id in own:
        resolve(style_id)
    return default, resolved


def extract_docx(data: bytes, *, max_chars: int | None = None) -> Extraction:
    paragraphs: list[str] = []
    hidden: list[HiddenRun] = []
    with SafeZip(data, upload_limits()) as package:
        default, styles_by_id = _docx_styles(_read_member(package, "word/styles.xml"))
        try:
            document = package.open("word/document.xml")
        except KeyError:
            raise ExtractionError("no word/document.xml") from None

        def on_paragraph(outer) -> None:
            _docx_paragraphs(outer, default, styles_by_id, paragraphs, hidden)

        with document:
            _stream_paragraphs(document, paragraph_tags=frozenset({f"{W}p"}), body_tag=f"{W}body",
                               max_chars=max_chars, on_paragraph=on_paragraph)
    return Extraction(DOCX, "\n".join(paragraphs), hidden)


def _docx_paragraphs(outer, default: _RunFormat, styles_by_id: dict[str, _RunFormat], paragraphs: list[str],
                     hidden: list[HiddenRun]) -> None:
    """The paragraph and those nested in it (text boxes), in document order, each with all its runs."""
    for paragraph in outer.iter(f"{W}p"):
        ppr = paragraph.find(f"{W}pPr")
        para_fmt = default
        if ppr is not None:
            pstyle = ppr.find(f"{W}pStyle")
            if pstyle is not None:
                para_fmt = para_fmt.merged(styles_by_id.get(pstyle.get(f"{W}val")))
        parts: list[str] = []
        for run in paragraph.iter(f"{W}r"):
            rpr = run.find(f"{W}rPr")
            fmt = para_fmt
            if rpr is not None:
                rstyle = rpr.find(f"{W}rStyle")
                if rstyle is not None:
                    fmt = fmt.merged(styles_by_id.get(rstyle.get(f"{W}val")))
                fmt = fmt.merged(_docx_rpr(rpr))
            text = []
            for child in run:
                if child.tag == f"{W}t":
                    text.append(child.text or "")
                elif child.tag == f"{W}tab":
                    text.append("\t")
                elif child.tag in (f"{W}br", f"{W}cr"):
                    text.append("\n")
            run_text = "".join(text)
            if not run_text:
                continue
            reason = fmt.hidden_reason()
            if reason and run_text.strip():
                hidden.append(HiddenRun(run_text, reason))
                parts.append(HIDDEN_MARK)
            else:
                parts.append(run_text)
        paragraphs.append("".join(parts))


# --- ODT ---------------------------------------------------------------------------------------------------

def _odt_text_props(style) -> _RunFormat | None:
    props = style.find(f"{STYLE_NS}text-properties")
    if props is None:
        return None
    fmt = _RunFormat()
    fmt.colour = props.get(f"{FO_NS}color")
    size = props.get(f"{FO_NS}font-size")
    if size:
        match = re.match(r"^\s*([\d.]+)\s*(pt|cm|mm|in|px)?\s*$", size)
        if match:
            value = float(match.group(1))
            unit = match.group(2) or "pt"
            points = {"pt": 1, "cm": 28.3465, "mm": 2.83465, "in": 72, "px": 0.75}[unit] * value
            fmt.half_points = round(points * 2)
    display = props.get(f"{TEXT_NS}display")
    if display == "none":
        fmt.vanish = True
    return fmt


def _odt_styles(*roots) -> dict[str, _RunFormat]:
    own: dict[str, tuple[str | None, _RunFormat | None]] = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(f"{STYLE_NS}style"):
            own[style.get(f"{STYLE_NS}name")] = (style.get(f"{STYLE_NS}parent-style-name"), _odt_text_props(style))
    resolved: dict[str, _RunFormat] = {}

    def resolve(name: str, depth: int = 0) -> _RunFormat:
        if name in resolved:
            return resolved[name]
        parent, fmt = own.get(name, (None, None))
        base = resolve(parent, depth + 1) if parent and depth < 20 else _RunFormat()
        resolved[name] = base.merged(fmt)
        return resolved[name]

    for name in own:
        resolve(name)
    return resolved


def extract_odt(data: bytes, *, max_chars: int | None = None) -> Extraction:
    with SafeZip(data, upload_limits()) as package:
        styles = _read_member(package, "styles.xml")
        styles_root = _parse_xml(styles) if styles else None
        try:
            content = package.open("content.xml")
        except KeyError:
            raise ExtractionError("no content.xml") from None
        with content:
            return _odt_stream(content, styles_root, max_chars)


def _odt_stream(content: BinaryIO, styles_root, max_chars: int | None) -> Extraction:
    styles_by_name: dict[str, _RunFormat] = {}
    styles_ready = False
    hidden: list[HiddenRun] = []
    paragraphs: list[str] = []

    def walk(element, fmt: _RunFormat, parts: list[str]) -> None:
        reason = fmt.hidden_reason()
        if element.text:
            _emit(element.text, reason, parts)
        for child in element:
            tag = child.tag
            if tag == f"{TEXT_NS}s":
                parts.append(" " * int(child.get(f"{TEXT_NS}c", "1") or 1))
            elif tag == f"{TEXT_NS}tab":
                parts.append("\t")
            elif tag == f"{TEXT_NS}line-break":
                parts.append("\n")
            elif tag in (f"{TEXT_NS}note", f"{OFFICE_NS}annotation"):
                pass  # footnote bodies and comments are read as their own paragraphs below
            else:
                child_fmt = fmt.merged(styles_by_name.get(child.get(f"{TEXT_NS}style-name")))
                walk(child, child_fmt, parts)
            if child.tail:
                _emit(child.tail, reason, parts)

    def _emit(text: str, reason: str | None, parts: list[str]) -> None:
        if reason and text.strip():
            hidden.append(HiddenRun(text, reason))
            parts.append(HIDDEN_MARK)
        else:
            parts.append(text)

    def on_body(root) -> None:  # the automatic styles of content.xml come before the body
        nonlocal styles_ready
        styles_by_name.update(_odt_styles(styles_root, root))
        styles_ready = True

    def on_paragraph(outer) -> None:
        if not styles_ready:  # a content.xml without office:body (never seen in practice): styles.xml only
            on_body(None)
        for element in outer.iter():
            if element.tag in (f"{TEXT_NS}p", f"{TEXT_NS}h"):
                parts: list[str] = []
                walk(element, styles_by_name.get(element.get(f"{TEXT_NS}style-name"), _RunFormat()), parts)
                paragraphs.append("".join(parts))

    _stream_paragraphs(content, paragraph_tags=frozenset({f"{TEXT_NS}p", f"{TEXT_NS}h"}),
                       body_tag=f"{OFFICE_NS}body", max_chars=max_chars, on_paragraph=on_paragraph,
                       on_body=on_body)
    return Extraction(ODT, "\n".join(paragraphs), hidden)

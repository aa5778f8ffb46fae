"""Character sets of UNIMARC records: the one declared in 100 $a/26-33, or the one the bytes show.

UNIMARC names its character sets in 100 $a/26-29 (and 30-33), not in the leader. RUSMARC systems (MegaPro,
IRBIS) also write legacy single-byte Cyrillic files: code "89" (Windows-1251), "79" (CP866), "99" (KOI-8).
Kazakh catalogues in Windows-1251 files use its Kazakh variant, KZ-1048 (KazMARC): the bytes where the two
differ hold Kazakh letters (Қ, Ә, Ө, Ү, Ұ, Ғ, Ң, Һ) there, and Serbian/Macedonian letters in Windows-1251.
A record that declares nothing is read as UTF-8 when it is valid UTF-8, else as the Cyrillic code page under
which its letters read as text. What cannot be read so is refused with the reason (`Undecodable`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from types import MappingProxyType

from django.utils.translation import gettext as _

# 100 $a/26-33 code → decoder name (first listed code that the record declares wins).
DECLARED = MappingProxyType({
    "50": "utf-8",      # ISO 10646 level 3 (Unicode), UTF-8
    "89": "cp1251",     # RUSMARC: Windows-1251 (KZ-1048 when Kazakh letters show)
    "79": "cp866",      # RUSMARC: DOS code page 866
    "99": "koi8_r",     # RUSMARC: KOI-8
    "02": "iso5427",    # ISO registration #37, basic Cyrillic
    "04": "iso5427",    # ISO 5427, extended Cyrillic
    "03": "iso5426",    # ISO 5426, extended Latin
})
LABELS = MappingProxyType({
    "utf-8": "UTF-8", "cp1251": "Windows-1251", "kz1048": "KZ-1048", "cp866": "CP866", "koi8_r": "KOI-8",
    "iso5427": "ISO 5427", "iso5426": "ISO 5426", "ascii": "ISO 646",
})
# Candidates for a record that declares no set and is not UTF-8.
GUESSES = ("cp1251", "koi8_r", "cp866")
# Bytes that are Kazakh letters in KZ-1048 and Serbian/Macedonian letters or signs in Windows-1251.
_KAZAKH_BYTES = re.compile(rb"[\x8d\x8e\x9d\x9e\xa1\xa2\xa3\xa5\xaa\xaf\xb4\xba\xbc\xbd\xbe\xbf]")
_ESCAPE = re.compile(rb"\x1b[\x20-\x2f]*[\x30-\x7e]")  # ISO 2022 designations: the set is already chosen

# ISO 5426 non-spacing diacritics (written before the letter they go with) → Unicode combining marks.
ISO5426_DIACRITICS = MappingProxyType({
    0xC1: "\u0300", 0xC2: "\u0301", 0xC3: "\u0302", 0xC4: "\u0303", 0xC5: "\u0304", 0xC6: "\u0306",
    0xC7: "\u0307", 0xC8: "\u0308", 0xC9: "\u0308", 0xCA: "\u030a", 0xCD: "\u030b", 0xCE: "\u031b",
    0xCF: "\u030c", 0xD0: "\u0327", 0xD3: "\u0328", 0xD6: "\u0323",
})
ISO5426_CHARACTERS = MappingProxyType({
    0xA1: "¡", 0xA3: "£", 0xA5: "¥", 0xA7: "§", 0xAB: "«", 0xBB: "»", 0xBF: "¿", 0xE1: "Æ", 0xE2: "Đ",
    0xE8: "Ł", 0xE9: "Ø", 0xEA: "Œ", 0xEC: "Þ", 0xF1: "æ", 0xF2: "đ", 0xF3: "ð", 0xF5: "ı", 0xF8: "ł",
    0xF9: "ø", 0xFA: "œ", 0xFB: "ß", 0xFC: "þ",
})


class Undecodable(ValueError):
    """The text of a record cannot be read in any character set it declares or shows."""


Decoder = Callable[[bytes], str]


def decoder_for(field_data: list[bytes], general: bytes, forced: str | None = None) -> tuple[str, Decoder]:
    """The character set of a record (its name and a strict decoder) from the 100 $a bytes and the data of its
    fields; `forced` (the importer's --encoding) overrides the declaration. Raises Undecodable."""
    sample = b"".join(field_data)
    if forced:
        name = _cyrillic_1251(sample) if forced == "cp1251" else forced
        _check(name, sample, declared=False)
        return name, _decoder(name)
    declared = _declared(general)
    if declared:
        name = _cyrillic_1251(sample) if declared == "cp1251" else declared
        _check(name, sample, declared=True)
        return name, _decoder(name)
    if sample.isascii():
        return "ascii", _decoder("ascii")
    try:
        sample.decode("utf-8")
        return "utf-8", _decoder("utf-8")
    except UnicodeDecodeError:
        pass
    name = _guess(sample)
    if name is None:
        raise Undecodable(_("the character set is not declared (100 $a/26-29) and the text is neither UTF-8 nor "
                            "a Cyrillic code page (Windows-1251, KOI-8, CP866)."))
    return name, _decoder(name)


def _declared(general: bytes) -> str | None:
    text = general.decode("ascii", "replace").ljust(36)
    codes = [text[i:i + 2] for i in (26, 28, 30, 32)]
    for code in DECLARED:  # in the table's order: Unicode first, then the legacy code pages
        if code in codes:
            return DECLARED[code]
    return None


def _check(name: str, sample: bytes, *, declared: bool) -> None:
    try:
        _decoder(name)(sample)
    except UnicodeDecodeError as exc:
        detail = f"{exc.reason}, byte 0x{sample[exc.start]:02x}"
        if declared:
            raise Undecodable(_("100 $a/26-29 declares %(charset)s but the text is not valid %(charset)s "
                                "(%(detail)s).") % {"charset": LABELS[name], "detail": detail}) from None
        raise Undecodable(_("the text is not valid %(encoding)s (%(detail)s).") % {
            "encoding": LABELS[name], "detail": detail}) from None


def _cyrillic_1251(sample: bytes) -> str:
    return "kz1048" if _KAZAKH_BYTES.search(sample) else "cp1251"


def _guess(sample: bytes) -> str | None:
    """The code page under which the non-ASCII bytes read as Cyrillic words (mostly lower-case letters)."""
    best, best_score = None, 0
    for name in GUESSES:
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        high = [ch for ch in text if ord(ch) >= 0x80]
        letters = [ch for ch in high if ch.isalpha()]
        lower = sum(1 for ch in letters if ch.islower())
        if len(letters) < 0.9 * len(high) or lower * 2 < len(letters):
            continue
        score = lower + len(letters)
        if score > best_score:
            best, best_score = name, score
    if best == "cp1251":
        best = _cyrillic_1251(sample)
    return best


def _decoder(name: str) -> Decoder:
    if name == "iso5427":
        return _iso5427
    if name == "iso5426":
        return _iso5426
    decode = codecs.getdecoder(name)
    return lambda data: decode(data, "strict")[0]


def _iso5427(data: bytes) -> str:
    """ISO 5427 Cyrillic: the letters at 0xC0-0xFF in the KOI order; ASCII below 0x80."""
    data = _ESCAPE.sub(b"", data)
    for index, byte in enumerate(data):
        if 0x80 <= byte < 0xC0:
            raise UnicodeDecodeError("iso5427", data, index, index + 1, "not an ISO 5427 letter")
    return data.decode("koi8_r")


def _iso5426(data: bytes) -> str:
    """ISO 5426 Latin: ASCII, special letters, and diacritics written before their letter (combined here)."""
    data = _ESCAPE.sub(b"", data)
    out: list[str] = []
    pending: list[str] = []
    for index, byte in enumerate(data):
        if byte < 0x80:
            out.append(chr(byte) + "".join(reversed(pending)))
            pending = []
        elif byte in ISO5426_DIACRITICS:
            pending.append(ISO5426_DIACRITICS[byte])
        elif byte in ISO5426_CHARACTERS:
            out.append(ISO5426_CHARACTERS[byte] + "".join(reversed(pending)))
            pending = []
        else:
            raise UnicodeDecodeError("iso5426", data, index, index + 1, "not an ISO 5426 character")
    return unicodedata.normalize("NFC", "".join(out))

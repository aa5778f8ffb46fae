"""UNIMARC, RUSMARC and KazMARC exchange (issue 17): import into, and export from, the MARC 21 the catalogue keeps.

No maintained converter exists on PyPI (pyunimarc, 2019, only reads; MARC::Moose is Perl), so the mapping is a
table (`tables.FIELDS`, read both ways by `convert`), tested field by field. RUSMARC and KazMARC are UNIMARC
profiles and are read and written as UNIMARC (`--format unimarc`); their differences are in `charsets` (the
legacy code pages of 100 $a/26-29, Windows-1251 / KZ-1048 detection) and noted below.

    UNIMARC                                  MARC 21 (stored)
    001 record identifier                    001
    010 $a ISBN $b qualification $d price    020 $a $q $c ($z cancelled ↔ $z)
    011 $a ISSN $y cancelled $z erroneous    022 $a $z $y
    100 $a/0-7 date entered, /8 date type,   008/00-05, /06 (table DATE_TYPES), /07-10, /11-14;
        /9-16 dates, /22-24 language of          040 $b; /26-29 character set: read by `charsets`,
        cataloguing, /26-29 character set         written "50" (UTF-8); /34-35 script of title
    101 $a text $c original $d summary       041 $a $h $b (ind1 translation); first $a also 008/35-37
    102 $a country (ISO 3166)                008/15-17 (table COUNTRIES)
    200 $a title $e other title info         245 $a (several joined " ; ") $b (joined " : ")
        $f/$g responsibility $h/$i part       $c ($f ; $g ; …) $n $p; $b GMD ↔ $h [..]; ind1 from 1XX
    205 $a edition $f responsibility         250 $a $b
    210 $a place $c publisher $d date        260 $a $b $c ($e $g $h ↔ $e $f $g)
    214 (publication, production…)           264 (ind2 the same function code)
    215 $a extent $c illustrations $d size   300 $a $b $c $e
    225 $a series $v number $x ISSN          490 $a $v $x;  410 $t ↔ 830 $a
    300 / 303 / 304 / 314 notes              500 (written back as 300)
    320 bibliography, 327 contents,          504, 505, 502, 520, 521, 538
        328 dissertation, 330 annotation, 333 audience, 337 system requirements
    461 / 463 links (embedded $1 or $t $d…)  773 $t $a $d $g(=$v) $x $z(=$y) $w(=$0); written as 463 with
                                             embedded 001/200/210/011/010/700, as RUSMARC readers expect
    600 601 605 606 607 608 subjects         600 610 630 650 651 655 ($y geographic ↔ $z, $z period ↔ $y,
                                             $j form ↔ $v, $2 system, ind2 7 when $2)
    610 uncontrolled terms                   653
    675 UDC $a $v edition; 676; 686          080 $a $2; 082; 084 (BBK as 686 $2 rubbk)
    700 / 701 / 702 personal names           100 / 700 / 700 ($a "$a, $b", $f ↔ $d dates, $g ↔ $q (…),
                                             relator $4 recoded: 070 ↔ aut, 340 ↔ edt…; a MARC 700
                                             whose relator is secondary is written as 702, else 701)
    710 / 711 / 712 corporate (ind1 1:       110 or 111 / 710 or 711 / 710 or 711
        meeting)
    856 $u $z $q $2                          856 $u $z $q $y
    9XX local fields (998 document type)     9XX, copied both ways

Leader: status, type (l electronic ↔ m), level (a ↔ a/b), encoding level; MARC 09 "a" (Unicode) and 18 "i"
(ISBD punctuation, which the import adds and the export strips: UNIMARC carries none). Fields not in the table
are not carried over. The round trip import → export → import leaves the stored record unchanged.

Profiles: RUSMARC 100 $a as MegaPro writes it ("20140429d1994    |||y0rusy50      ca"); legacy RUSMARC
character sets 79/89/99 (CP866, Windows-1251, KOI-8) and ISO 5427/5426 are read, undeclared files guessed
(UTF-8, then the Cyrillic code page whose letters read as text); KazMARC files in Windows-1251 are read as
KZ-1048 when Kazakh letters show. A record whose text cannot be read is rejected with the reason.
"""

from __future__ import annotations

import re

from ..constants import MarcFormat
from . import tables
from .io import export_unimarc, export_unimarc_queryset, read_unimarc

# Values of the commands' --format beside MarcFormat's (MARC 21): ImportJob.format keeps MARC 21 only.
UNIMARC = MarcFormat.UNIMARC          # ISO 2709 (import: ISO 2709 or XML, told by the file)
UNIMARC_XML = MarcFormat.UNIMARC_XML   # UNIMARC in XML (MARCXML slim schema)
FORMATS = (UNIMARC, UNIMARC_XML)

_XML_TAG = re.compile(rb"""tag=["'](\d{3})["']""")
_ENTRY = re.compile(rb"(\d{3})\d{9}")


def is_unimarc(head: bytes) -> bool:
    """Whether the start of a file (ISO 2709 or XML) holds UNIMARC rather than MARC 21, from the tags of its
    first record: UNIMARC has 200 $a for the title where MARC 21 has 245 (`tables.*_ONLY_TAGS`)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        if b"marcxchange" in text[:2000] and re.search(rb"""format=["']UNIMARC""", text, re.IGNORECASE):
            return True
        end = text.find(b"</record>")
        tags = {match.decode() for match in _XML_TAG.findall(text[:end if end > 0 else len(text)])}
    else:
        tags = set()
        if len(text) >= 24 and text[12:17].isdigit():
            directory = text[24:int(text[12:17]) - 1]
            tags = {directory[i:i + 3].decode("ascii", "replace") for i in range(0, len(directory) - 11, 12)}
    unimarc, marc21 = len(tags & tables.UNIMARC_ONLY_TAGS), len(tags & tables.MARC21_ONLY_TAGS)
    return unimarc > marc21


__all__ = ["FORMATS", "UNIMARC", "UNIMARC_XML", "export_unimarc", "export_unimarc_queryset", "is_unimarc",
           "read_unimarc"]

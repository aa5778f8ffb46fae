"""The UNIMARC ↔ MARC 21 mapping as data: one `FieldMap` per pair of fields, read in both directions by
`convert` (see the package docstring for the list). A table entry says which subfield becomes which, which
indicator comes from where, which subfields are joined into one (UNIMARC 200 $f/$g ↔ MARC 245 $c), which
values are recoded (relator codes) and which ISBD punctuation MARC 21 carries before a subfield (UNIMARC
carries none). Fields the library does not use are not in the tables and are not carried over."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Ind:
    """An indicator copied from the other format's indicator `source` (1 or 2, None: none) through `values`,
    else `default`; `if_subfield` = (code, value): the value when the field has that subfield (650 $2 → ind2 7)."""

    source: int | None = None
    values: Mapping[str, str] = field(default_factory=dict)
    default: str = " "
    if_subfield: tuple[str, str] | None = None


@dataclass(frozen=True)
class Join:
    """UNIMARC subfields `first` then every `rest` that follow, as one MARC subfield `marc` separated by `sep`;
    split back at `sep` (at most `maxsplit` times) on export."""

    marc: str
    first: str
    rest: str
    sep: str
    maxsplit: int = -1


@dataclass(frozen=True)
class FieldMap:
    """One UNIMARC field ↔ one MARC 21 field.

    `subfields`: UNIMARC code → MARC code (the ones listed only; others are dropped). `unimarc_ind1`: the entry
    applies on import only to a UNIMARC field with this first indicator (710 corporate "0" vs meeting "1").
    `relators`: on export the entry applies to a MARC field whose $4 is in the set (None: any; first match wins,
    in table order). `export`: False for a field read on import whose MARC counterpart another entry writes.
    `one_per`: on import, a MARC field for each occurrence of this subfield (UNIMARC 610 $a $a: two terms).
    `punctuation`: MARC code → the ISBD separator that ends the subfield before it (MARC 21 carries the
    punctuation, UNIMARC does not: it is added on import and stripped on export). `wrap`: MARC code → the
    (opening, closing) text around its value. `values`: UNIMARC code → {UNIMARC value: MARC value}.
    """

    unimarc: str
    marc: str
    subfields: Mapping[str, str]
    marc_ind: tuple[Ind | str, Ind | str] = (" ", " ")
    unimarc_ind: tuple[Ind | str, Ind | str] = (" ", " ")
    joins: tuple[Join, ...] = ()
    punctuation: Mapping[str, str] = field(default_factory=dict)
    wrap: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    unimarc_ind1: str | None = None
    relators: frozenset[str] | None = None
    export: bool = True
    one_per: str | None = None
    to_unimarc_subfields: Mapping[str, str] = field(init=False, default_factory=dict)
    joins_by_unimarc: Mapping[str, Join] = field(init=False, default_factory=dict)
    joins_by_marc: Mapping[str, Join] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        inverse: dict[str, str] = {}
        for code, marc_code in self.subfields.items():
            inverse.setdefault(marc_code, code)
        for join in self.joins:
            inverse[join.marc] = join.first
        object.__setattr__(self, "to_unimarc_subfields", MappingProxyType(inverse))
        by_unimarc: dict[str, Join] = {}
        for join in self.joins:
            by_unimarc.setdefault(join.first, join)
            by_unimarc.setdefault(join.rest, join)
        object.__setattr__(self, "joins_by_unimarc", MappingProxyType(by_unimarc))
        object.__setattr__(self, "joins_by_marc", MappingProxyType({join.marc: join for join in self.joins}))

    @property
    def isbd(self) -> bool:
        """Whether MARC 21 carries ISBD punctuation in this field (values cleaned of it on export)."""
        return bool(self.punctuation)


def inverse(table: Mapping[str, str]) -> dict[str, str]:
    """{value: key}, the first key winning when several UNIMARC codes share a MARC code."""
    result: dict[str, str] = {}
    for key, value in table.items():
        result.setdefault(value, key)
    return result


# -- code tables -------------------------------------------------------------------------------------------

# UNIMARC relator codes (Appendix C, numeric) ↔ MARC relator terms; an unknown code passes unchanged.
RELATORS = MappingProxyType({
    "070": "aut", "340": "edt", "440": "ill", "730": "trl", "205": "ctb", "220": "com", "557": "orm",
    "727": "ths", "010": "adp", "080": "aui", "075": "aft", "100": "ant", "212": "cwt", "295": "dgg",
    "651": "pbd", "600": "pht", "480": "lbt", "020": "ann", "570": "oth", "140": "cov", "555": "opn",
    "673": "rth", "675": "rev", "710": "red",
})
# MARC relators of secondary responsibility: a MARC 700/710 carrying one is written as UNIMARC 702/712.
SECONDARY_RELATORS = frozenset({"edt", "ill", "trl", "com", "ctb", "ths", "adp", "aui", "aft", "ann", "cwt",
                                "dgg", "pbd", "pht", "lbt", "oth", "cov", "opn", "rth", "rev", "red", "orm"})

# 100 $a/8 type of publication date ↔ MARC 008/06 type of date.
DATE_TYPES = MappingProxyType({
    "d": "s",  # monograph complete when issued, or within one calendar year
    "e": "r",  # reproduction
    "f": "q",  # monograph, date of publication uncertain
    "g": "m",  # monograph published over more than a year
    "h": "t",  # monograph with actual and copyright dates
    "i": "p",  # monograph with release and production dates
    "j": "e",  # monograph with a detailed date
    "a": "c",  # serial currently published
    "b": "d",  # serial ceased
    "c": "u",  # serial of unknown status
    "u": "n",  # dates unknown
})

# 102 $a country of publication (ISO 3166) ↔ MARC 008/15-17 (MARC code list for countries).
COUNTRIES = MappingProxyType({
    "KZ": "kz ", "RU": "ru ", "UZ": "uz ", "KG": "kg ", "TJ": "ta ", "TM": "tk ", "BY": "bw ", "UA": "un ",
    "AZ": "aj ", "AM": "ai ", "GE": "gs ", "MN": "mp ", "CN": "cc ", "TR": "tu ", "DE": "gw ", "FR": "fr ",
    "GB": "xxk", "US": "xxu", "IT": "it ", "ES": "sp ", "PL": "pl ", "JP": "ja ", "KR": "ko ", "IN": "ii ",
})

# Leader/06 type of record: UNIMARC ↔ MARC 21.
RECORD_TYPES = MappingProxyType({
    "a": "a", "b": "t", "c": "c", "d": "d", "e": "e", "f": "f", "g": "g", "i": "i", "j": "j", "k": "k",
    "l": "m", "m": "o", "r": "r",
})
# Leader/07 bibliographic level (MARC "b", serial component part, is UNIMARC "a"; "d" subunit is "m").
LEVELS = MappingProxyType({"a": "a", "c": "c", "i": "i", "m": "m", "s": "s"})
TO_UNIMARC_LEVELS = MappingProxyType({**inverse(LEVELS), "b": "a", "d": "m"})
# Leader/05 record status (UNIMARC "o" = previously issued higher level record: MARC "c").
STATUSES = MappingProxyType({"c": "c", "d": "d", "n": "n", "o": "c", "p": "p"})
TO_UNIMARC_STATUSES = MappingProxyType({"a": "c", "c": "c", "d": "d", "n": "n", "p": "p"})
# Leader/17 encoding level: the full, 1, 2 and 3 levels are the same codes; others are "full" in UNIMARC.
ENCODING_LEVELS = MappingProxyType({" ": " ", "1": "1", "2": "2", "3": "3"})

# -- embedded fields of the 4XX linking block ---------------------------------------------------------------
# RUSMARC writes a link as embedded fields ($1 + tag + indicators, then the field's subfields); UNIMARC also allows
# standard subfields ($t title, $d date…). Import reads both; export writes the embedded form.

# (embedded tag, its subfield; "" for a control field's data) ↔ the standard subfield of the 4XX field.
EMBEDDED = MappingProxyType({
    ("001", ""): "0", ("200", "a"): "t", ("700", "a"): "a", ("210", "d"): "d", ("011", "a"): "x",
    ("010", "a"): "y",
})
EMBEDDED_INDICATORS = MappingProxyType({"200": "1 ", "700": " 1"})  # others: two blanks

# -- field tables ------------------------------------------------------------------------------------------

_NAME_FORM = MappingProxyType({"0": "0", "1": "1"})  # UNIMARC 70X ind2 ↔ MARC X00 ind1: forename / surname
_MARC_NAME_FORM = MappingProxyType({"0": "0", "1": "1", "3": "1"})
_CORPORATE_FORM = MappingProxyType({"0": "0", "1": "1", "2": "2"})  # inverted / jurisdiction / direct order

_PERSON = MappingProxyType({"a": "a", "c": "c", "d": "b", "f": "d", "g": "q", "4": "4", "3": "0"})
_PERSON_OPTIONS = {
    "joins": (Join("a", "a", "b", ", ", maxsplit=1),),
    "punctuation": MappingProxyType({"c": ",", "d": ","}),
    "wrap": MappingProxyType({"q": ("(", ")")}),
    "values": MappingProxyType({"4": RELATORS}),
    "marc_ind": (Ind(2, _NAME_FORM, "1"), " "),
    "unimarc_ind": (" ", Ind(1, _MARC_NAME_FORM, "1")),
}
_CORPORATE = MappingProxyType({"a": "a", "b": "b", "c": "g", "d": "n", "e": "c", "f": "d", "4": "4", "3": "0"})
_MEETING = MappingProxyType({"a": "a", "b": "e", "c": "g", "d": "n", "e": "c", "f": "d", "4": "4", "3": "0"})
_CORPORATE_OPTIONS = {
    "punctuation": MappingProxyType({"b": "."}),
    "values": MappingProxyType({"4": RELATORS}),
    "marc_ind": (Ind(2, _CORPORATE_FORM, "2"), " "),
}
_MEETING_OPTIONS = {**_CORPORATE_OPTIONS, "punctuation": MappingProxyType({"e": "."})}


def _corporate_ind(ind1: str) -> tuple[str, Ind]:
    return (ind1, Ind(1, _CORPORATE_FORM, "2"))


_SUBJECT = MappingProxyType({"a": "a", "x": "x", "y": "z", "z": "y", "j": "v", "2": "2", "3": "0"})
_SUBJECT_IND = (" ", Ind(None, default="4", if_subfield=("2", "7")))
_LINK = MappingProxyType({"0": "w", "t": "t", "a": "a", "d": "d", "v": "g", "x": "x", "y": "z"})

FIELDS: tuple[FieldMap, ...] = (
    FieldMap("010", "020", {"a": "a", "b": "q", "d": "c", "z": "z"}),
    FieldMap("011", "022", {"a": "a", "y": "z", "z": "y"}),
    FieldMap("035", "035", {"a": "a", "z": "z"}),
    FieldMap("101", "041", {"a": "a", "c": "h", "d": "b"},
             marc_ind=(Ind(1, {"0": "0", "1": "1", "2": "0"}, "0"), " "),
             unimarc_ind=(Ind(1, {"0": "0", "1": "1"}, "0"), " ")),
    FieldMap("200", "245", {"h": "n", "i": "p", "b": "h"},
             joins=(Join("a", "a", "a", " ; "), Join("b", "e", "e", " : "), Join("c", "f", "g", " ; ")),
             punctuation={"b": " :", "c": " /", "n": ".", "p": ","}, wrap={"h": ("[", "]")},
             marc_ind=("1", "0"), unimarc_ind=("1", " ")),
    FieldMap("205", "250", {"a": "a", "f": "b"}, punctuation={"b": " /"}),
    FieldMap("210", "260", {"a": "a", "c": "b", "d": "c", "e": "e", "g": "f", "h": "g"},
             punctuation={"a": " ;", "b": " :", "c": ","}),
    FieldMap("214", "264", {"a": "a", "c": "b", "d": "c"}, punctuation={"a": " ;", "b": " :", "c": ","},
             marc_ind=(" ", Ind(2, {c: c for c in "01234"}, "1")),
             unimarc_ind=(" ", Ind(2, {c: c for c in "01234"}, "1"))),
    FieldMap("215", "300", {"a": "a", "c": "b", "d": "c", "e": "e"}, punctuation={"b": " :", "c": " ;", "e": " +"}),
    FieldMap("225", "490", {"a": "a", "v": "v", "x": "x"}, punctuation={"v": " ;", "x": ","},
             marc_ind=("0", " "), unimarc_ind=("1", " ")),
    FieldMap("300", "500", {"a": "a"}),
    FieldMap("303", "500", {"a": "a"}, export=False),
    FieldMap("304", "500", {"a": "a"}, export=False),
    FieldMap("314", "500", {"a": "a"}, export=False),
    FieldMap("320", "504", {"a": "a"}),
    FieldMap("327", "505", {"a": "a"}, marc_ind=("0", " "), unimarc_ind=("1", " ")),
    FieldMap("328", "502", {"a": "a"}),
    FieldMap("330", "520", {"a": "a"}),
    FieldMap("333", "521", {"a": "a"}),
    FieldMap("337", "538", {"a": "a"}),
    FieldMap("410", "830", {"t": "a", "v": "v", "x": "x"}, marc_ind=(" ", "0"), unimarc_ind=(" ", "1")),
    FieldMap("463", "773", _LINK, marc_ind=("0", " "), unimarc_ind=(" ", "1")),
    FieldMap("461", "773", _LINK, marc_ind=("0", " "), export=False),
    FieldMap("600", "600", {"f": "d", "x": "x", "y": "z", "z": "y", "j": "v", "2": "2"},
             joins=(Join("a", "a", "b", ", ", maxsplit=1),), punctuation={"d": ","},
             marc_ind=(Ind(2, _NAME_FORM, "1"), Ind(None, default="4", if_subfield=("2", "7"))),
             unimarc_ind=(" ", Ind(1, _MARC_NAME_FORM, "1"))),
    FieldMap("601", "610", {"a": "a", "b": "b", "x": "x", "y": "z", "z": "y", "j": "v", "2": "2"},
             punctuation={"b": "."}, marc_ind=("2", Ind(None, default="4", if_subfield=("2", "7"))),
             unimarc_ind=("0", "2")),
    FieldMap("605", "630", _SUBJECT, marc_ind=("0", _SUBJECT_IND[1])),
    FieldMap("606", "650", _SUBJECT, marc_ind=_SUBJECT_IND),
    FieldMap("607", "651", _SUBJECT, marc_ind=_SUBJECT_IND),
    FieldMap("608", "655", _SUBJECT, marc_ind=_SUBJECT_IND),
    FieldMap("610", "653", {"a": "a"}, unimarc_ind=("0", " "), one_per="a"),
    FieldMap("675", "080", {"a": "a", "v": "2"}),
    FieldMap("676", "082", {"a": "a", "v": "2"}, marc_ind=("0", " ")),
    FieldMap("686", "084", {"a": "a", "b": "b", "2": "2"}),
    FieldMap("700", "100", _PERSON, **_PERSON_OPTIONS),
    FieldMap("702", "700", _PERSON, relators=SECONDARY_RELATORS, **_PERSON_OPTIONS),
    FieldMap("701", "700", _PERSON, **_PERSON_OPTIONS),
    FieldMap("710", "110", _CORPORATE, unimarc_ind1="0", unimarc_ind=_corporate_ind("0"), **_CORPORATE_OPTIONS),
    FieldMap("710", "111", _MEETING, unimarc_ind1="1", unimarc_ind=_corporate_ind("1"), **_MEETING_OPTIONS),
    FieldMap("712", "710", _CORPORATE, unimarc_ind1="0", relators=SECONDARY_RELATORS,
             unimarc_ind=_corporate_ind("0"), **_CORPORATE_OPTIONS),
    FieldMap("711", "710", _CORPORATE, unimarc_ind1="0", unimarc_ind=_corporate_ind("0"), **_CORPORATE_OPTIONS),
    FieldMap("712", "711", _MEETING, unimarc_ind1="1", relators=SECONDARY_RELATORS,
             unimarc_ind=_corporate_ind("1"), **_MEETING_OPTIONS),
    FieldMap("711", "711", _MEETING, unimarc_ind1="1", unimarc_ind=_corporate_ind("1"), **_MEETING_OPTIONS),
    FieldMap("856", "856", {"u": "u", "z": "z", "q": "q", "2": "y"},
             marc_ind=(Ind(1, {c: c for c in "01247"}, "4"), " "),
             unimarc_ind=(Ind(1, {c: c for c in "01247"}, "4"), " ")),
)

# 100 $a/22-24 language of cataloguing when the MARC record does not say it (040 $b).
CATALOGUING_LANGUAGE = "kaz"

# Local fields (9XX: the document type in 998, holdings…) are the library's own in both formats: copied.
LOCAL_PREFIX = "9"

# Tags telling the formats apart in a record (detection): present in one, never used by the other.
# (100, 300, 010 and 020 exist in both with other meanings, so they tell nothing.)
MARC21_ONLY_TAGS = frozenset({"008", "245", "250", "260", "264", "650", "653", "080"})
UNIMARC_ONLY_TAGS = frozenset({"200", "205", "210", "215", "606", "610", "675", "101"})

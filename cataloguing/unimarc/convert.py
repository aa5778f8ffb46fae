"""One record converted between UNIMARC and MARC 21 by the tables of `tables` (pure, no database)."""

from __future__ import annotations

import re
from itertools import pairwise

from django.utils import timezone
from pymarc import Field, Indicators, Leader, Record, Subfield

from . import tables
from .tables import FieldMap, Ind

_TO_MARC: dict[str, list[FieldMap]] = {}
_TO_UNIMARC: dict[str, list[FieldMap]] = {}
for _rule in tables.FIELDS:
    _TO_MARC.setdefault(_rule.unimarc, []).append(_rule)
    if _rule.export:
        _TO_UNIMARC.setdefault(_rule.marc, []).append(_rule)

_TO_UNIMARC_DATE_TYPES = tables.inverse(tables.DATE_TYPES)
_TO_UNIMARC_COUNTRIES = tables.inverse(tables.COUNTRIES)
_TO_UNIMARC_RECORD_TYPES = tables.inverse(tables.RECORD_TYPES)
_TO_EMBEDDED = tables.inverse(tables.EMBEDDED)
_MAIN_ENTRIES = frozenset({"100", "110", "111"})
_LINKING_TAGS = frozenset({"410", "461", "463"})
_LINK_OWN_CODES = frozenset({"v"})
# ISBD separators at the end of a value (not the full stop, which ends abbreviations as often as areas).
_TRAILING_SEPARATORS = re.compile(r"[\s/:;,=+]+$")


# -- UNIMARC -> MARC 21 ------------------------------------------------------------------------------------

def to_marc21(source: Record) -> Record:
    """The MARC 21 record the catalogue keeps for a UNIMARC record (fields outside the tables are dropped)."""
    fields: list[Field] = []
    general = country = ""
    for field in source.fields:
        tag = field.tag
        if tag == "001":
            fields.append(Field(tag="001", data=(field.data or "").strip()))
        elif tag == "005" and field.data:
            fields.append(Field(tag="005", data=field.data))
        elif tag.startswith(tables.LOCAL_PREFIX):
            fields.append(field)
        elif tag == "100" and not general:
            general = _first(field, "a")
        elif tag == "102" and not country:
            country = _first(field, "a").strip().upper()
        elif not field.is_control_field():
            rule = _rule_to_marc(field)
            if rule is not None:
                if tag in _LINKING_TAGS:
                    field = _unembedded(field)
                for part in _split(field, rule.one_per):
                    converted = _field_to_marc(rule, part)
                    if converted is not None:
                        fields.append(converted)
    languages = [value for f in fields if f.tag == "041" for value in f.get_subfields("a")]
    if general:
        fields.append(Field(tag="008", data=_fixed_008(general, country, languages[0] if languages else "")))
        cataloguing_language = general.ljust(36)[22:25]
        if cataloguing_language.isalpha():
            fields.append(Field(tag="040", indicators=Indicators(" ", " "),
                                subfields=[Subfield("b", cataloguing_language)]))
    main_entry = any(f.tag in _MAIN_ENTRIES for f in fields)
    for f in fields:
        if f.tag == "245":  # 245/1: whether a 1XX main entry exists (UNIMARC has no such choice)
            f.indicators = Indicators("1" if main_entry else "0", f.indicator2)
    fields.sort(key=lambda f: f.tag)  # stable: the order within a tag is the source's
    record = Record()
    record.leader = Leader(_leader_to_marc(str(source.leader)))
    record.fields = fields
    return record


def _rule_to_marc(field: Field) -> FieldMap | None:
    rules = _TO_MARC.get(field.tag)
    if not rules:
        return None
    for rule in rules:
        if rule.unimarc_ind1 is None or rule.unimarc_ind1 == field.indicator1:
            return rule
    return rules[0]


def _split(field: Field, code: str | None) -> list[Field]:
    """The field as one field per occurrence of `code` (the other subfields stay with the first)."""
    if code is None or sum(1 for sub in field.subfields if sub.code == code) < 2:
        return [field]
    parts: list[list[Subfield]] = []
    for sub in field.subfields:
        if sub.code == code or not parts:
            parts.append([])
        parts[-1].append(sub)
    return [Field(tag=field.tag, indicators=field.indicators, subfields=part) for part in parts]


def _field_to_marc(rule: FieldMap, field: Field) -> Field | None:
    joins = rule.joins_by_unimarc
    pairs: list[list[str]] = []
    open_joins: dict[tables.Join, list[str]] = {}
    for code, raw in field.subfields:
        value = _tidy(raw) if rule.isbd else (raw or "").strip()
        if not value:
            continue
        join = joins.get(code)
        if join is not None:
            pair = open_joins.get(join)
            if pair is None or (code == join.first and join.first != join.rest):
                pair = open_joins[join] = [join.marc, value]
                pairs.append(pair)
            else:
                pair[1] += join.sep + value
            continue
        marc_code = rule.subfields.get(code)
        if marc_code is None:
            continue
        recode = rule.values.get(code)
        if recode is not None:
            value = recode.get(value, value)
        if marc_code in rule.wrap:
            opening, closing = rule.wrap[marc_code]
            value = opening + value + closing
        pairs.append([marc_code, value])
    if not pairs:
        return None
    for previous, (code, _value) in pairwise(pairs):
        separator = rule.punctuation.get(code)
        if separator and not previous[1].endswith(separator.strip()):
            previous[1] += separator
    return Field(tag=rule.marc, indicators=Indicators(*(_indicator(spec, field) for spec in rule.marc_ind)),
                 subfields=[Subfield(code, value) for code, value in pairs])


def _unembedded(field: Field) -> Field:
    """A 4XX link written with embedded fields, as the same link with standard subfields."""
    if "1" not in (code for code, _value in field.subfields):
        return field
    subfields: list[Subfield] = []
    embedded = ""
    for code, value in field.subfields:
        if code == "1":
            embedded = (value or "")[:3]
            if embedded < "010":  # an embedded control field: its data follows the tag
                standard = tables.EMBEDDED.get((embedded, ""))
                if standard and value[3:].strip():
                    subfields.append(Subfield(standard, value[3:].strip()))
            continue
        standard = tables.EMBEDDED.get((embedded, code)) if embedded else code
        if standard is None and code in _LINK_OWN_CODES:
            standard = code  # the volume or pages ($v) belong to the link itself, after its embedded fields
        if standard:
            subfields.append(Subfield(standard, value))
    return Field(tag=field.tag, indicators=field.indicators, subfields=subfields)


def _fixed_008(general: str, country: str, language: str) -> str:
    """MARC 008 from UNIMARC 100 $a (dates), 102 $a (country) and the first 101 $a (language)."""
    general = general.ljust(36)
    entered = general[2:8] if general[:8].isdigit() else "      "
    date_type = tables.DATE_TYPES.get(general[8], "s")
    return (entered + date_type + general[9:13] + general[13:17] + tables.COUNTRIES.get(country, "   ")
            + " " * 17 + (language or "").ljust(3)[:3] + " " + "d")


def _leader_to_marc(leader: str) -> str:
    leader = leader.ljust(24)
    # 09 "a": stored as Unicode; 18 "i": the fields carry ISBD punctuation (added on import).
    return ("     " + tables.STATUSES.get(leader[5], "n") + tables.RECORD_TYPES.get(leader[6], "a")
            + tables.LEVELS.get(leader[7], "m") + " a22     " + tables.ENCODING_LEVELS.get(leader[17], " ")
            + "i 4500")


# -- MARC 21 -> UNIMARC ------------------------------------------------------------------------------------

def to_unimarc(source: Record) -> Record:
    """The UNIMARC (RUSMARC-readable) record for a stored MARC 21 record, text in Unicode (100 $a/26-29 "50")."""
    fields: list[Field] = []
    fixed = ""
    languages: list[str] = []
    cataloguing_language = ""
    title = ""
    for field in source.fields:
        tag = field.tag
        if tag in ("001", "005"):
            fields.append(Field(tag=tag, data=field.data or ""))
        elif tag == "008":
            fixed = field.data or ""
        elif tag.startswith(tables.LOCAL_PREFIX):
            fields.append(field)
        elif not field.is_control_field():
            if tag == "041":
                languages += field.get_subfields("a")
            elif tag == "040":
                cataloguing_language = _first(field, "b")
            elif tag == "245":
                title = _first(field, "a")
            rule = _rule_to_unimarc(field)
            if rule is not None:
                converted = _field_to_unimarc(rule, field)
                if converted is not None:
                    fields.append(_embedded(converted) if converted.tag in _LINKING_TAGS else converted)
    fixed = fixed.ljust(40)
    fields.append(Field(tag="100", indicators=Indicators(" ", " "), subfields=[
        Subfield("a", _general_processing(fixed, cataloguing_language, title))]))
    if not languages and fixed[35:38].strip():
        fields.append(Field(tag="101", indicators=Indicators("0", " "), subfields=[Subfield("a", fixed[35:38])]))
    country = _TO_UNIMARC_COUNTRIES.get(fixed[15:18])
    if country:
        fields.append(Field(tag="102", indicators=Indicators(" ", " "), subfields=[Subfield("a", country)]))
    fields.sort(key=lambda f: f.tag)
    record = Record()
    record.leader = Leader(_leader_to_unimarc(str(source.leader)))  # after: Record() writes MARC's "4500"
    record.fields = fields
    return record


def _rule_to_unimarc(field: Field) -> FieldMap | None:
    relators = set(field.get_subfields("4"))
    for rule in _TO_UNIMARC.get(field.tag, ()):
        if rule.relators is None or relators & rule.relators:
            return rule
    return None


def _field_to_unimarc(rule: FieldMap, field: Field) -> Field | None:
    joins = rule.joins_by_marc
    pairs: list[Subfield] = []
    subfields = field.subfields
    for index, (code, raw) in enumerate(subfields):
        value = (raw or "").strip()
        if rule.isbd:  # the separator the import adds before the next subfield, then any other one
            following = subfields[index + 1].code if index + 1 < len(subfields) else ""
            separator = rule.punctuation.get(following, "").strip()
            value = " ".join(value.split())
            if separator and value.endswith(separator):
                value = value[:-len(separator)]
            value = _tidy(value)
        if code in rule.wrap:
            opening, closing = rule.wrap[code]
            if value.startswith(opening) and value.endswith(closing):
                value = value[len(opening):len(value) - len(closing)].strip()
        if not value:
            continue
        join = joins.get(code)
        if join is not None:
            for index, part in enumerate(value.split(join.sep, join.maxsplit)):
                part = _tidy(part) if rule.isbd else part.strip()
                if part:
                    pairs.append(Subfield(join.first if index == 0 else join.rest, part))
            continue
        unimarc_code = rule.to_unimarc_subfields.get(code)
        if unimarc_code is None:
            continue
        recode = rule.values.get(unimarc_code)
        if recode is not None:
            value = tables.inverse(recode).get(value, value)
        pairs.append(Subfield(unimarc_code, value))
    if not pairs:
        return None
    return Field(tag=rule.unimarc, subfields=pairs,
                 indicators=Indicators(*(_indicator(spec, field) for spec in rule.unimarc_ind)))


def _embedded(field: Field) -> Field:
    """A link with standard subfields written as RUSMARC does: embedded fields ($1), then its own subfields."""
    groups: dict[str, list[Subfield]] = {}
    own: list[Subfield] = []
    for code, value in field.subfields:
        target = _TO_EMBEDDED.get(code)
        if target is None:
            own.append(Subfield(code, value))
        else:
            groups.setdefault(target[0], []).append(Subfield(target[1], value))
    subfields: list[Subfield] = []
    for tag in sorted(groups, key=lambda tag: (tag >= "010", tag != "200", tag)):  # 001, then the title
        if tag < "010":
            subfields += [Subfield("1", tag + value) for _code, value in groups[tag]]
        else:
            subfields.append(Subfield("1", tag + tables.EMBEDDED_INDICATORS.get(tag, "  ")))
            subfields += groups[tag]
    return Field(tag=field.tag, indicators=field.indicators, subfields=subfields + own)


def _general_processing(fixed: str, cataloguing_language: str, title: str) -> str:
    """UNIMARC 100 $a (36 positions) from MARC 008."""
    entered = fixed[0:6]
    if entered.isdigit():
        century = "19" if int(entered[:2]) > timezone.localdate().year % 100 else "20"
        entered = century + entered
    else:
        entered = timezone.localdate().strftime("%Y%m%d")
    date_type = _TO_UNIMARC_DATE_TYPES.get(fixed[6], "d")
    language = (cataloguing_language.strip().lower() or tables.CATALOGUING_LANGUAGE).ljust(3)[:3]
    script = "ca" if any("\u0400" <= ch <= "\u04ff" for ch in title) else "ba"
    # 17-19 target audience (not coded), 20 "y" not a government publication, 21 "0" not modified for
    # transliteration, 25 "y" no transliteration, 26-29 "50" ISO 10646 (UTF-8), 30-33 no additional sets.
    return entered + date_type + fixed[7:11] + fixed[11:15] + "|||y0" + language + "y50      " + script


def _leader_to_unimarc(leader: str) -> str:
    leader = leader.ljust(24)
    level = tables.TO_UNIMARC_LEVELS.get(leader[7], "m")
    # 08 hierarchical level ("2": below the highest, for a component part); 18 " ": full ISBD, "n": none.
    return ("00000" + tables.TO_UNIMARC_STATUSES.get(leader[5], "n")
            + _TO_UNIMARC_RECORD_TYPES.get(leader[6], "a") + level + ("2" if level == "a" else " ") + " 22"
            + "00000" + tables.ENCODING_LEVELS.get(leader[17], " ") + (" " if leader[18] in "aic" else "n")
            + " 450 ")


# -- both ways ---------------------------------------------------------------------------------------------

def _tidy(value: str | None) -> str:
    """A value with its spaces normalised and without the ISBD separators that MARC 21 puts at its end."""
    return _TRAILING_SEPARATORS.sub("", " ".join((value or "").split()))


def _indicator(spec: Ind | str, field: Field) -> str:
    if isinstance(spec, str):
        return spec
    if spec.if_subfield is not None and any(sub.code == spec.if_subfield[0] for sub in field.subfields):
        return spec.if_subfield[1]
    if spec.source is None:
        return spec.default
    value = field.indicator1 if spec.source == 1 else field.indicator2
    return spec.values.get(value or " ", spec.default)


def _first(field: Field, code: str) -> str:
    for sub_code, value in field.subfields:
        if sub_code == code:
            return value or ""
    return ""

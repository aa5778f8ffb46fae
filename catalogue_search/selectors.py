"""The public catalogue search (issue 3, item 10): relevance-ranked, faceted, with availability per record.

Cost is bounded by design, whatever the query: on PostgreSQL the full-text match reads at most
`CANDIDATE_LIMIT` title/author matches and as many any-field matches (two LIMITed lookups of one GIN index
in one UNION), ranks only those, and counts the facets over the same candidates in Python. A word found in
half the catalogue therefore costs about what a rare word costs; the result count then reads "more than N".
When full text finds nothing, unknown words are corrected against the vocabulary by trigram similarity and
the search runs once more. SQLite (the demo) matches the folded text with LIKE through the same API.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import OperationalError, connection, transaction
from django.db.models import FloatField, Q, Value
from django.utils.translation import gettext_lazy as _

from cataloguing.constants import DocumentType
from cataloguing.languages import LANGUAGE_LABELS
from cataloguing.models import BibliographicRecord, CatalogueDatabase
from core.replica import read_connection

from .classification import bbk_numbers, class_key
from .constants import (
    CANDIDATE_LIMIT,
    DATABASES_CACHE_SECONDS,
    EXACT_TIMEOUT_MS,
    MAX_PAGE_SIZE,
    MIN_VOCABULARY_WORD,
    PAGE_SIZE,
    PROBE_ACCEPT,
    PROBE_ROWS,
    PROBE_SCAN,
    PROBE_SHARE,
    RANK_WEIGHTS,
    TYPO_CANDIDATES_PER_WORD,
    TYPO_SIMILARITY,
    YEAR_FACET_SIZE,
)
from .models import SearchEntry
from .query import ParsedQuery, Word, parse_query

_CANDIDATE_COLUMNS = ("record_id", "database_id", "year", "language", "document_type", "items_count",
                      "available_count")


@dataclass(frozen=True)
class SearchFilters:
    """Facet filters; empty values filter nothing."""

    database: str = ""  # CatalogueDatabase.code
    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    language: str = ""  # MARC language code
    document_type: str = ""
    available: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.database or self.year or self.year_from or self.year_to or self.language
                    or self.document_type or self.available)


@dataclass(frozen=True)
class Candidate:
    record_id: int
    database_id: int
    year: int | None
    language: str
    document_type: str
    items_count: int
    available_count: int
    rank: float


@dataclass(frozen=True)
class Hit:
    record: BibliographicRecord
    rank: float
    items_count: int
    available_count: int

    @property
    def is_available(self) -> bool:
        return self.available_count > 0


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    query: str
    mode: str  # "browse", "isbn", "class" (UDC/BBK), "text", "typo"
    hits: list[Hit]
    total: int
    total_is_capped: bool
    page: int
    page_size: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    corrections: dict[str, list[str]] = field(default_factory=dict)

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def search(query: str, *, filters: SearchFilters | None = None, page: int = 1,
           page_size: int = PAGE_SIZE) -> SearchResult:
    """Search the catalogue: ISBN and class-number (UDC, BBK) queries hit directly, words and "phrases" go
    through full text (LIKE on SQLite), typos are corrected when nothing is found; an empty query browses the
    newest records. Facets and availability included."""
    filters = filters or SearchFilters()
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    page = max(1, page)
    parsed = parse_query(query)
    databases = _databases()
    entries = SearchEntry.objects.filter(_filter_q(filters, databases))
    corrections: dict[str, list[str]] = {}

    if parsed.is_empty:
        mode = "browse"
        candidates, capped = _browse(entries)
    elif parsed.isbns:
        mode = "isbn"
        candidates, capped = _fetch(entries.filter(record__isbn__in=parsed.isbns), rank=1.0)
    elif parsed.is_class_number:
        mode = "class"
        candidates, capped = _fetch(entries.filter(_class_number_q(parsed)).order_by(), rank=1.0)
    elif connection.vendor == "postgresql":
        mode = "text"
        terms = _postgres_terms(parsed)
        candidates, capped = _postgres_candidates(filters, databases, terms)
        if not candidates:
            corrections = _typo_corrections(parsed)
            if corrections:
                mode = "typo"
                candidates, capped = _postgres_candidates(filters, databases, terms, corrections)
    else:
        mode = "text"
        candidates, capped = _like_candidates(entries, parsed)

    if mode != "browse":  # browsing keeps the newest records first, as fetched
        candidates.sort(key=lambda c: (-c.rank, -(c.available_count > 0), -(c.year or 0), -c.record_id))
    num_pages = max(1, math.ceil(len(candidates) / page_size))
    page = min(page, num_pages)
    shown = candidates[(page - 1) * page_size:page * page_size]
    return SearchResult(
        query=parsed.text, mode=mode, hits=_hits(shown), total=len(candidates), total_is_capped=capped,
        page=page, page_size=page_size, facets=_facets(candidates, filters, databases), corrections=corrections,
    )


_databases_cache: tuple[float, dict[int, CatalogueDatabase]] = (0.0, {})


def _databases() -> dict[int, CatalogueDatabase]:
    """The catalogue databases (a handful of rows, renamed perhaps once a year), cached per process briefly."""
    global _databases_cache
    loaded_at, databases = _databases_cache
    if time.monotonic() - loaded_at > DATABASES_CACHE_SECONDS or not databases:
        databases = {db.pk: db for db in CatalogueDatabase.objects.all()}
        _databases_cache = (time.monotonic(), databases)
    return databases


def _filter_q(filters: SearchFilters, databases: dict[int, CatalogueDatabase]) -> Q:
    q = Q()
    if filters.database:
        q &= Q(database_id__in=[pk for pk, db in databases.items() if db.code == filters.database])
    if filters.year:
        q &= Q(year=filters.year)
    if filters.year_from:
        q &= Q(year__gte=filters.year_from)
    if filters.year_to:
        q &= Q(year__lte=filters.year_to)
    if filters.language:
        q &= Q(language=filters.language)
    if filters.document_type:
        q &= Q(document_type=filters.document_type)
    if filters.available:
        q &= Q(available_count__gt=0)
    return q


def _class_number_q(parsed: ParsedQuery) -> Q:
    """Records at or below the class number: a prefix of the UDC index as catalogued, or of a BBK number's
    key (each served by its pattern index on PostgreSQL; a bare number asks both)."""
    q = Q()  # is_class_number: at least one of the two
    if parsed.udc:
        q |= Q(udc__startswith=parsed.udc)
    if parsed.bbk:
        q |= Q(bbk__startswith=class_key(parsed.bbk))
    return q


def _candidates(rows) -> list[Candidate]:
    return [Candidate(*row) for row in rows]


def _fetch(queryset, *, rank: float) -> tuple[list[Candidate], bool]:
    rows = list(queryset.annotate(rank=Value(rank, output_field=FloatField())).values_list(
        *_CANDIDATE_COLUMNS, "rank")[:CANDIDATE_LIMIT + 1])
    return _candidates(rows[:CANDIDATE_LIMIT]), len(rows) > CANDIDATE_LIMIT


def _browse(entries) -> tuple[list[Candidate], bool]:
    """No query (with or without filters): the newest records first, the newest CANDIDATE_LIMIT of them
    counted in the facets."""
    return _fetch(entries.order_by("-record_id"), rank=0.0)


# PostgreSQL: full text -------------------------------------------------------------------------------------

def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


@dataclass(frozen=True)
class _Term:
    """One AND-ed part of the tsquery: a word or a phrase, as alternatives (Russian/English stem, fold)."""

    word: Word | None
    alternatives: tuple[str, ...]


def _postgres_terms(parsed: ParsedQuery) -> list[_Term]:
    """Stem every word with the Russian config (English for ASCII words) in one round trip, and pair each
    stem with the word's script-neutral fold. Russian/English stop words are dropped (unless nothing else
    is left)."""
    raw_words = [w.raw for w in parsed.words]
    raw_phrases = [" ".join(w.raw for w in phrase) for phrase in parsed.phrases]
    with read_connection(SearchEntry).cursor() as cursor:
        cursor.execute(
            "SELECT ARRAY(SELECT plainto_tsquery('russian', w)::text FROM unnest(%s::text[]) WITH ORDINALITY"
            " AS t(w, i) ORDER BY i),"
            " ARRAY(SELECT phraseto_tsquery('russian', p)::text FROM unnest(%s::text[]) WITH ORDINALITY"
            " AS t(p, i) ORDER BY i)",
            [raw_words, raw_phrases],
        )
        stems, phrase_stems = cursor.fetchone()
    terms = []
    for word, stem in zip(parsed.words, stems, strict=True):
        if stem:
            terms.append(_Term(word, tuple(dict.fromkeys([stem, _quote(word.folded)]))))
    if not terms and parsed.words:
        terms = [_Term(word, (_quote(word.folded),)) for word in parsed.words]
    for phrase, stem in zip(parsed.phrases, phrase_stems, strict=True):
        folded = " <-> ".join(_quote(w.folded) for w in phrase)
        terms.append(_Term(None, tuple(alt for alt in (f"({stem})" if stem else "", f"({folded})") if alt)))
    return terms


def _with_corrections(terms: list[_Term], corrections: dict[str, list[str]]) -> list[_Term]:
    """Similar vocabulary words join a word's alternatives (the typo fallback)."""
    return [
        _Term(term.word, term.alternatives + tuple(_quote(w) for w in corrections.get(term.word.folded, ())))
        if term.word is not None else term
        for term in terms
    ]


def _tsquery(terms: list[_Term]) -> str:
    return " & ".join("(" + " | ".join(term.alternatives) + ")" for term in terms)


_FILTER_SQL = {
    "year": "e.year = %s", "year_from": "e.year >= %s", "year_to": "e.year <= %s", "language": "e.language = %s",
    "document_type": "e.document_type = %s",
}

# Full text reads a bounded number of rows, whatever the query:
# 1. a query whose every term is common (by the column statistics, see `_lexeme_shares`) is first matched
#    directly against the first PROBE_ROWS entries that pass the facet filters (the probe); when it finds
#    matches there as often as expected, they stand as a fair sample of the query's thousands of matches,
#    without reading posting lists of hundreds of thousands of entries (that alone costs ~300 ms);
# 2. otherwise the GIN index answers (sequential scans off for the statement): a query with one rare term
#    is cheap there, since GIN intersects from the shortest posting list;
# 3. a query of common terms that are rare together may still be slow in GIN: past EXACT_TIMEOUT_MS it is
#    cancelled and what the probe finds stands (a sample, shown as "more than N"): a bounded, approximate
#    answer rather than a slow exact one.
# The tsquery is inlined as a typed constant; tier 0 reads title/author matches (weights A and B), tier 1
# every field.
_TIER_SQL = (
    "SELECT {tier}, e.record_id, e.database_id, e.year, e.language, e.document_type, e.items_count,"
    " e.available_count, ts_rank(%s::float4[], e.vector, %s::tsquery, 1)"
    " FROM {source} e WHERE e.vector @@ %s::tsquery{filters} LIMIT %s"
)
# The probe reads the newest entries first (the primary key backwards): among thousands of matches, recent
# records are the better sample for a library's readers. When those hold too few matches (a recent import of
# other subjects or languages), it reads the table from its other end. Either way it examines at most
# PROBE_SCAN entries, however few of them pass the facet filters.
_PROBE_SOURCE = (
    "(SELECT * FROM (SELECT * FROM catalogue_search_searchentry{order} LIMIT %s) e WHERE TRUE{filters} LIMIT %s)"
)
_NEWEST_FIRST = " ORDER BY record_id DESC"
_LEXEME_RE = re.compile(r"'((?:[^']|'')*)'")
_shares_cache: tuple[float, dict[str, float]] = (0.0, {})


def _lexeme_shares() -> dict[str, float]:
    """Share of entries holding each of the most common lexemes (pg_stats of `vector`, kept by ANALYZE and
    autovacuum), cached per process briefly. A lexeme not listed is rarer than every listed one."""
    global _shares_cache
    loaded_at, shares = _shares_cache
    if time.monotonic() - loaded_at > DATABASES_CACHE_SECONDS:
        with read_connection(SearchEntry).cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
                " WHERE tablename = 'catalogue_search_searchentry' AND attname = 'vector'"
            )
            row = cursor.fetchone()
        shares = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        _shares_cache = (time.monotonic(), shares)
    return shares


def _term_share(term: _Term, shares: dict[str, float]) -> float:
    """Estimated share of entries matching a term: its most frequent alternative (the stem and the fold of
    a word mostly match the same entries); a phrase is as rare as its rarest word."""
    best = 0.0
    for alternative in term.alternatives:
        lexemes = [lexeme.replace("''", "'") for lexeme in _LEXEME_RE.findall(alternative)]
        best = max(best, min((shares.get(lexeme, 0.0) for lexeme in lexemes), default=0.0))
    return best


def _filter_sql(filters: SearchFilters, databases: dict[int, CatalogueDatabase]) -> tuple[str, list]:
    clauses, params = [], []
    if filters.database:
        clauses.append("e.database_id = ANY(%s)")
        params.append([pk for pk, db in databases.items() if db.code == filters.database])
    for name, clause in _FILTER_SQL.items():
        value = getattr(filters, name)
        if value:
            clauses.append(clause)
            params.append(value)
    if filters.available:
        clauses.append("e.available_count > 0")
    return "".join(f" AND {clause}" for clause in clauses), params


def _title_or_author(tsquery: str) -> str:
    """The same query matched in the title (weight A) or the authors (weight B) only. One GIN index serves
    both tiers: it finds the entries holding the lexemes and the weights are checked on the row."""
    return _LEXEME_RE.sub(lambda match: match.group(0) + ":AB", tsquery)


def _tiers(*, probe: bool, where: str, params: list, weights: list[float], tsquery: str,
           newest: bool = True) -> tuple[str, list]:
    statements, arguments = [], []
    # Ranked against the whole query in both tiers: a title match also counts its annotation's.
    for tier, matched in enumerate((_title_or_author(tsquery), tsquery)):
        if probe:
            source = _PROBE_SOURCE.format(order=_NEWEST_FIRST if newest else "", filters=where)
            statements.append(_TIER_SQL.format(tier=tier, source=source, filters=""))
            arguments += [weights, tsquery, PROBE_SCAN, *params, PROBE_ROWS, matched, CANDIDATE_LIMIT]
        else:
            statements.append(_TIER_SQL.format(tier=tier, source="catalogue_search_searchentry", filters=where))
            arguments += [weights, tsquery, matched, *params, CANDIDATE_LIMIT]
    return "(" + ") UNION ALL (".join(statements) + ")", arguments


def _with_settings(settings: dict[str, str], statement: tuple[str, list]) -> list[tuple]:
    """Run one statement under planner settings, in one round trip when possible.

    Outside a transaction, "SET LOCAL …; SELECT …" sent as one string is its own implicit transaction, so
    the settings end with it (a busy server answers one round trip much sooner than four). Inside a
    transaction (tests, a caller's atomic block) a savepoint holds it and the settings are put back.
    """
    sql, args = statement
    prefix = "".join(f"SET LOCAL {name} = {value}; " for name, value in settings.items())
    db = read_connection(SearchEntry)  # the public search reads the replica when there is one (issue 18)
    with db.cursor() as cursor:
        if not db.in_atomic_block:
            cursor.execute(prefix + sql, args)
            while cursor.description is None and cursor.nextset():
                pass
            return cursor.fetchall()
        with transaction.atomic(using=db.alias):
            cursor.execute(prefix + sql, args)
            while cursor.description is None and cursor.nextset():
                pass
            rows = cursor.fetchall()
            cursor.execute("".join(f"SET LOCAL {name} TO DEFAULT; " for name in settings))
            return rows


def _probe(where: str, params: list, weights: list[float], tsquery: str, *, newest: bool = True) -> list[tuple]:
    """Match the first PROBE_ROWS entries passing the filters among the newest PROBE_SCAN entries (or the
    first PROBE_SCAN in table order), read along the primary key or the table, never through a bitmap."""
    # Synchronised scans would start wherever another scan is, and the same query would show other records.
    return _with_settings({"enable_bitmapscan": "off", "synchronize_seqscans": "off"},
                          _tiers(probe=True, where=where, params=params, weights=weights, tsquery=tsquery,
                                 newest=newest))


def _any_field_matches(rows: list[tuple]) -> int:
    return sum(1 for row in rows if row[0] == 1)


def _postgres_candidates(filters: SearchFilters, databases: dict[int, CatalogueDatabase],
                         terms: list[_Term], corrections: dict[str, list[str]] | None = None,
                         ) -> tuple[list[Candidate], bool]:
    """Title/author matches and any-field matches, at most CANDIDATE_LIMIT each, ranked (see above).

    Every field's vector includes the title and authors, so the second tier holds all matches: the result
    is capped exactly when the second tier reached its limit. Raw SQL: this is the hot path of every page.
    """
    terms = _with_corrections(terms, corrections or {})
    tsquery = _tsquery(terms)
    if not tsquery:
        return [], False
    where, params = _filter_sql(filters, databases)
    weights = [float(w) for w in RANK_WEIGHTS.strip("{}").split(",")]
    # Probe when even the rarest term is expected in PROBE_SHARE of the entries or more.
    common = min(_term_share(term, _lexeme_shares()) for term in terms) >= PROBE_SHARE
    rows: list[tuple] = []
    sampled = False
    if common:
        rows = _probe(where, params, weights, tsquery)
        # Found as often as expected: thousands of matches exist, these are a fair sample of them.
        sampled = _any_field_matches(rows) >= PROBE_ACCEPT
    if not sampled:
        try:
            rows = _with_settings(
                {"enable_seqscan": "off", "statement_timeout": str(int(EXACT_TIMEOUT_MS))},
                _tiers(probe=False, where=where, params=params, weights=weights, tsquery=tsquery),
            )
        except OperationalError:
            # Common words, rare together: what the probe finds stands (a sample of the catalogue).
            sampled = True
            if not common:
                rows = _probe(where, params, weights, tsquery)
            if _any_field_matches(rows) < PROBE_ACCEPT:
                # The newest entries hold few of the matches: the oldest complete the sample.
                rows += _probe(where, params, weights, tsquery, newest=False)
    seen: dict[int, Candidate] = {}
    for _tier, *values in rows:
        seen.setdefault(values[0], Candidate(*values))
    capped = sampled or _any_field_matches(rows) >= CANDIDATE_LIMIT
    return list(seen.values()), capped


def _typo_corrections(parsed: ParsedQuery) -> dict[str, list[str]]:
    """For each query word, the most similar other words of the catalogue's vocabulary (pg_trgm similarity
    over the trigram GIN index), in one statement. Used only when the words as typed found nothing: a word
    may be misspelt, or spelt right but differently from the records ("Kazakhstan" for "Қазақстан")."""
    words = [w.folded for w in parsed.words if len(w.folded) >= MIN_VOCABULARY_WORD and not w.folded.isdigit()]
    if not words:
        return {}
    corrections: dict[str, list[str]] = {}
    rows = _with_settings({"pg_trgm.similarity_threshold": str(float(TYPO_SIMILARITY))}, (
        "SELECT t.w, s.word FROM unnest(%s::text[]) AS t(w)"
        " CROSS JOIN LATERAL (SELECT v.word FROM catalogue_search_searchword v"
        "   WHERE v.word %% t.w AND v.word <> t.w ORDER BY v.word <-> t.w, v.word LIMIT %s) AS s",
        [words, TYPO_CANDIDATES_PER_WORD],
    ))
    for word, similar in rows:
        corrections.setdefault(word, []).append(similar)
    return corrections


# SQLite (demo): LIKE over the folded text ------------------------------------------------------------------

def _like_candidates(entries, parsed: ParsedQuery) -> tuple[list[Candidate], bool]:
    words = [w.folded for w in parsed.words]
    for word in words:
        entries = entries.filter(folded__contains=word)
    for phrase in parsed.phrases:
        entries = entries.filter(folded__contains=" ".join(w.folded for w in phrase))
    limit = 2 * CANDIDATE_LIMIT
    rows = list(entries.order_by("-record_id").values_list(*_CANDIDATE_COLUMNS, "folded_head")[:limit + 1])
    candidates = []
    for *values, folded_head in rows[:limit]:
        head_words = folded_head.split()
        # Title/author words weigh more than the rest; whole words more than parts of words.
        rank = sum(2.0 if word in head_words else (1.0 if word in folded_head else 0.0) for word in words)
        candidates.append(Candidate(*values, rank=rank))
    return candidates, len(rows) > limit


# Page and facets --------------------------------------------------------------------------------------------

def _hits(shown: list[Candidate]) -> list[Hit]:
    records = BibliographicRecord.objects.filter(pk__in=[c.record_id for c in shown]).defer("marc", "leader")
    by_id = {record.pk: record for record in records}
    return [
        Hit(record=by_id[c.record_id], rank=c.rank, items_count=c.items_count, available_count=c.available_count)
        for c in shown if c.record_id in by_id
    ]


def _facets(candidates: list[Candidate], filters: SearchFilters,
            databases: dict[int, CatalogueDatabase]) -> dict[str, list[FacetValue]]:
    if not candidates:
        return {}
    by_database = Counter(c.database_id for c in candidates)
    by_year = Counter(c.year for c in candidates if c.year)
    by_language = Counter(c.language for c in candidates if c.language)
    by_type = Counter(c.document_type for c in candidates if c.document_type)
    available = sum(1 for c in candidates if c.available_count > 0)
    type_labels = dict(DocumentType.choices)
    facets = {
        "database": [
            FacetValue(databases[pk].code, databases[pk].name, count, databases[pk].code == filters.database)
            for pk, count in by_database.most_common() if pk in databases
        ],
        "year": sorted(
            (FacetValue(str(year), str(year), count, year == filters.year)
             for year, count in by_year.most_common(YEAR_FACET_SIZE)),
            key=lambda f: f.value, reverse=True,
        ),
        "language": [
            FacetValue(code, str(LANGUAGE_LABELS.get(code, code)), count, code == filters.language)
            for code, count in by_language.most_common()
        ],
        "document_type": [
            FacetValue(code, str(type_labels.get(code, code)), count, code == filters.document_type)
            for code, count in by_type.most_common()
        ],
        "available": [FacetValue("1", str(_("available now")), available, filters.available)] if available else [],
    }
    return {name: values for name, values in facets.items() if values}


# The record page and the home page ---------------------------------------------------------------------------

def record_for_page(*, staff: bool = False):
    """Records as the record page reads them (with their database): the public sees no withdrawn record
    (QP 607 §5.3), cataloguing staff see it with its notice."""
    records = BibliographicRecord.objects.select_related("database")
    return records if staff else records.public()


@dataclass(frozen=True)
class DescriptionLine:
    label: str
    values: list[str]


def record_description(record: BibliographicRecord) -> list[DescriptionLine]:
    """The record's description as the page lists it, field by field; empty fields are left out."""
    publication = ", ".join(part for part in (
        ": ".join(part for part in (record.place, record.publisher) if part),
        str(record.year) if record.year else "",
    ) if part)
    lines = [
        (_("Title"), [" : ".join(part for part in (record.title, record.subtitle) if part)]),
        (_("Authors"), _split(record.authors)),
        (_("Statement of responsibility"), [record.statement_of_responsibility]),
        (_("Publication"), [publication]),
        (_("Edition"), [record.edition]),
        (_("Extent"), [record.extent]),
        (_("Series"), [record.series]),
        (_("Host item"), [record.source]),
        (_("ISBN"), [record.isbn]),
        (_("ISSN"), [record.issn]),
        (_("Subjects"), _split(record.subjects)),
        (_("UDC"), [record.udc]),
        (_("BBK"), bbk_numbers(record.marc)),
        (_("Language"), [str(LANGUAGE_LABELS.get(record.language, record.language))]),
        (_("Document type"), [record.get_document_type_display()]),
        (_("Catalogue database"), [record.database.name]),
        (_("Annotation"), [record.annotation]),
    ]
    return [DescriptionLine(str(label), [value for value in values if value]) for label, values in lines
            if any(values)]


def _split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def record_marc_rows(record: BibliographicRecord) -> list[dict]:
    """The record's MARC fields for staff (cataloguing's read-only view of them)."""
    from cataloguing import marc

    return marc.marc_view(marc.record_from_json(record.marc, record.leader))


def new_arrivals(*, limit: int) -> list[tuple[BibliographicRecord, int, int]]:
    """The newest records of the catalogue, with (copies, copies on the shelf) from their search entries."""
    records = (BibliographicRecord.objects.public().defer("marc", "leader").select_related("search_entry")
               .order_by("-created_at", "-pk")[:limit])
    result = []
    for record in records:
        entry = getattr(record, "search_entry", None)
        result.append((record, entry.items_count if entry else 0, entry.available_count if entry else 0))
    return result

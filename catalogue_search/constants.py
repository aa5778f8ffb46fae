"""Policy values of the catalogue search (issue 3, items 10 and 11)."""

from __future__ import annotations

# Ranking reads at most this many matches per tier (title/author matches, then any-field matches), so a
# word found in half the catalogue costs about what a rare one does. Result counts beyond it are shown as
# "more than N", and facets count the same bounded candidate set.
CANDIDATE_LIMIT = 300
# A query whose every term is in at least PROBE_SHARE of the catalogue (by the column statistics) is first
# matched directly against PROBE_ROWS entries; finding PROBE_ACCEPT matches there or more, it is answered
# from them alone (a fair sample of its thousands of matches, shown as "more than N").
PROBE_SHARE = 0.02
PROBE_ROWS = 5000
PROBE_ACCEPT = 50
# The probe examines at most this many entries (the newest, or the oldest when the newest hold too few
# matches), however few of them pass the facet filters: a filter that the newest thousands of records all
# fail must not send it through the whole table.
PROBE_SCAN = 50_000
# A GIN lookup running longer than this (common words that are rare together) is cancelled and the probe's
# matches stand: a bounded, approximate answer instead of a slow exact one.
EXACT_TIMEOUT_MS = 60

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Words of a query taken into account; the rest are ignored (a pasted paragraph must not cost more).
MAX_QUERY_WORDS = 12

# Typo fallback: vocabulary words at least this similar (pg_trgm similarity) replace an unknown word.
TYPO_SIMILARITY = 0.4
TYPO_CANDIDATES_PER_WORD = 3
# Words shorter than this are neither stored in the vocabulary nor corrected.
MIN_VOCABULARY_WORD = 3
MAX_VOCABULARY_WORD = 64

# Records re-indexed per statement by reindex_records() and the rebuild command.
REINDEX_BATCH = 5000

# Catalogue databases (names for the facet) are re-read at most this often by each web process.
DATABASES_CACHE_SECONDS = 60

# Weights of ts_rank for D, C, B, A (annotation, subjects, authors, title).
RANK_WEIGHTS = "{0.1, 0.3, 0.6, 1.0}"

# Years listed in the year facet (the most frequent among the candidates).
YEAR_FACET_SIZE = 12

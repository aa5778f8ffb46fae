"""Where a reader whose order was refused can read the title's electronic version instead (the refusal page's
alternatives, 607-53). The digital library sits above circulation in `LOCAL_APPS` and circulation imports
nothing of it: the digital library registers its look-up here from its `AppConfig.ready()`, as the apps
contribute panels to the catalogue's record page (`catalogue_search.record_panels`).
"""

from __future__ import annotations

from collections.abc import Callable

from cataloguing.models import BibliographicRecord

EVersionLookup = Callable[[BibliographicRecord], str | None]

_lookups: dict[str, EVersionLookup] = {}


def register_e_version_lookup(key: str, lookup: EVersionLookup) -> None:
    """Add a look-up of a record's electronic version; registering a key again replaces it (ready() may run twice
    in tests)."""
    _lookups[key] = lookup


def e_version_url(record: BibliographicRecord) -> str | None:
    """The address of the record's electronic version from the first look-up that knows one, else None."""
    for lookup in _lookups.values():
        url = lookup(record)
        if url:
            return url
    return None

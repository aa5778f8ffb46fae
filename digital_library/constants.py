"""Policy values of the digital library. Those an installation tunes are read from Django settings, with
these defaults, so `config/settings.py` needs no entry until someone wants another value."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from core.networks import university_networks

# Full-text files (607-31): the largest upload accepted, per kind of file.
DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024
# Extracted text kept for the anti-plagiarism collection; a 1,000-page book is ~3 million characters.
MAX_EXTRACTED_TEXT_CHARS = 5_000_000

# Access (607-32): networks where on-campus and reading-room items may be opened. The campus is the university's
# networks (`UNIVERSITY_NETWORKS`, core.networks), unless the digital library is given its own list.
DEFAULT_READING_ROOM_NETWORKS: tuple[str, ...] = ()

# Usage statistics (COUNTER Code of Practice, release 5): a repeated request for the same item by the same
# user or session from the same address within this window is one request, not two.
DOUBLE_CLICK_WINDOW = timedelta(seconds=30)
# User agents of robots and crawlers (lower-case substrings), after the COUNTER robots list's main entries.
ROBOT_USER_AGENT_MARKERS = (
    "bot", "crawler", "spider", "slurp", "scrapy", "curl/", "wget/", "python-requests", "httpclient",
    "java/", "libwww", "harvest", "archiver", "facebookexternalhit", "feedfetcher", "mediapartners",
    "headlesschrome", "phantomjs", "lighthouse", "pingdom", "uptime", "monitor", "validator", "sickle",
    "oai-pmh", "zotero", "mendeley", "yandex", "baiduspider", "bingpreview", "ia_archiver",
)

# OAI-PMH 2.0 data provider.
OAI_PAGE_SIZE = 100
OAI_TOKEN_MAX_AGE = timedelta(days=1)
DEFAULT_OAI_REPOSITORY_IDENTIFIER = "kitaphana.satbayev.university"
OAI_EARLIEST_DATESTAMP = "2000-01-01T00:00:00Z"

# Backups: archives older than this are pruned, but the newest few are always kept.
DEFAULT_BACKUP_KEEP_DAYS = 14
DEFAULT_BACKUP_KEEP_LAST = 7
BACKUP_FILE_PREFIX = "kitaphana-backup-"


def max_upload_bytes() -> int:
    return int(getattr(settings, "DIGITAL_LIBRARY_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def campus_networks() -> tuple[str, ...]:
    own = getattr(settings, "DIGITAL_LIBRARY_CAMPUS_NETWORKS", None)
    return tuple(own) if own is not None else university_networks()


def reading_room_networks() -> tuple[str, ...]:
    return tuple(getattr(settings, "DIGITAL_LIBRARY_READING_ROOM_NETWORKS", DEFAULT_READING_ROOM_NETWORKS))


def oai_repository_identifier() -> str:
    return str(getattr(settings, "OAI_REPOSITORY_IDENTIFIER", DEFAULT_OAI_REPOSITORY_IDENTIFIER))


def oai_page_size() -> int:
    return int(getattr(settings, "OAI_PAGE_SIZE", OAI_PAGE_SIZE))


def backup_dir():
    from pathlib import Path

    return Path(getattr(settings, "BACKUP_DIR", settings.BASE_DIR / "backups"))

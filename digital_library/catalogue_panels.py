"""What the digital library adds to the public catalogue's record page (issue 14.3): the record's electronic
version, its access terms (open, by login, campus or reading room only, closed; an embargo until its date) and
what this person may do with each file now. Registered from `ready()`; the catalogue imports nothing of this app."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue_search.record_panels import register_panel
from cataloguing.models import BibliographicRecord
from circulation.e_versions import register_e_version_lookup
from core.networks import client_ip

from .access import file_access
from .choices import AccessLevel

ACCESS_TERMS = {
    AccessLevel.OPEN: _("Open access: anyone may read and download it."),
    AccessLevel.REGISTERED: _("By login: signed-in readers may read and download it."),
    AccessLevel.CAMPUS: _("From the university's network only."),
    AccessLevel.READING_ROOM: _("On site only: it can be read in the library's reading room."),
    AccessLevel.CLOSED: _("Closed to readers."),
}


def e_version_panel(request: HttpRequest, record: BibliographicRecord) -> dict | None:
    """The record's full-text files with their access terms; nothing when it has none."""

    files = list(record.digital_files.order_by("pk"))
    if not files:
        return None
    today = timezone.localdate()
    rows = []
    for digital_file in files:
        rows.append({
            "file": digital_file,
            "terms": ACCESS_TERMS.get(digital_file.access_level, digital_file.get_access_level_display()),
            "embargo_until": digital_file.embargo_until if digital_file.is_embargoed(today) else None,
            "decision": file_access(digital_file=digital_file, user=request.user, ip=client_ip(request)),
        })
    return {"files": rows}


register_panel("e_version", "digital_library/record_e_version.html", e_version_panel, order=20)


def e_version_url(record: BibliographicRecord) -> str | None:
    """Where circulation's refusal page sends a reader to read the title instead: this panel of the record page,
    when the record has a full-text file."""
    if not record.digital_files.exists():
        return None
    return reverse("catalogue_search:record", args=[record.pk]) + "#panel-e_version"


register_e_version_lookup("digital_library", e_version_url)

"""Locks and versions of records (QP 607 §5.4): who may write what is locked, and the refusals' wording."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import RecordLocked
from ..models import BibliographicRecord, CatalogueDatabase


def can_lock(user) -> bool:
    """The system administrator (or a superuser) locks and unlocks records and databases, and may still edit
    what is locked; everybody else finds it read-only."""
    return bool(user is not None and getattr(user, "is_active", False)
                and (user.is_superuser or user.has_perm("cataloguing.lock_record")))


def _who(user) -> str:
    if user is None:
        return _("an unknown user")
    return (user.get_full_name() or "").strip() or user.get_username()


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M") if moment else "—"


def lock_message(*, record: BibliographicRecord | None = None,
                 database: CatalogueDatabase | None = None) -> str | None:
    """Why the record (or the database) is read-only, or None when it is not locked."""
    if record is not None and record.locked_at is not None:
        return _("Record %(number)s is locked by %(user)s since %(at)s: it is read-only.") % {
            "number": record.control_number, "user": _who(record.locked_by), "at": _when(record.locked_at)}
    if database is None and record is not None:
        database = record.database
    if database is not None and database.locked_at is not None:
        return _("Catalogue database \"%(database)s\" is locked by %(user)s since %(at)s: its records are "
                 "read-only.") % {"database": database.name, "user": _who(database.locked_by),
                                  "at": _when(database.locked_at)}
    return None


def ensure_database_writable(*, database: CatalogueDatabase, user) -> None:
    """Raises RecordLocked when the database is locked and the user may not edit what is locked."""
    if can_lock(user):
        return
    database = CatalogueDatabase.objects.get(pk=database.pk)  # the lock as it is now, not as the caller read it
    message = lock_message(database=database)
    if message:
        raise RecordLocked(message)


def stale_message(*, what: str, changed_by, changed_at) -> str:
    """The refusal of a stale save: who saved the row meanwhile (when known: items keep no editor) and when."""
    if changed_by is None:
        return _("%(what)s was changed at %(at)s after you opened it. Your input is kept: compare it with the "
                 "record as it is now and save again to apply it.") % {"what": what, "at": _when(changed_at)}
    return _("%(what)s was changed by %(user)s at %(at)s after you opened it. Your input is kept: compare it "
             "with the record as it is now and save again to apply it.") % {
        "what": what, "user": _who(changed_by), "at": _when(changed_at)}

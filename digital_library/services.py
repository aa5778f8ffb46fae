"""Use cases of the digital library that write: the administration logs (607-30, 607-33, 607-34), full-text
files with their rights (607-31, 607-32), usage counting, and scanning requests (607-35).

Backups live in `backup.py`. Every service is keyword-only, runs in one transaction and raises a domain
exception from `exceptions.py` (or Django's ValidationError for a field-level mistake).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import PurePath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.safezip import UnsafeArchive
from forms_registry.numbering import allocate_number

from .access import is_remote_address
from .choices import (
    AccessLevel,
    AccountRequestStatus,
    DictionaryAction,
    LegalBasis,
    ScanningSource,
    ScanningStatus,
    SystemRequestStatus,
    UploadAction,
    UsageKind,
)
from .constants import DOUBLE_CLICK_WINDOW, ROBOT_USER_AGENT_MARKERS, max_upload_bytes
from .exceptions import FileRejected, ScanningTransitionError
from .filetypes import detect_kind
from .models import (
    DICTIONARY_MODELS,
    AccountRequest,
    DictionaryEdit,
    DigitalFile,
    FileUploadLog,
    ScanningRequest,
    SystemRequest,
    UsageEvent,
)
from .models.scanning import STATUS_TIMESTAMP

SCANNING_SERIES = "scanning-request"


# --- 607-30: account requests ---------------------------------------------------------------------------


@transaction.atomic
def account_request_create(*, requested_by, kind: str, person_name: str, **fields: Any) -> AccountRequest:
    """Register a request for a user account or access rights (607-30)."""
    account_request = AccountRequest(requested_by=requested_by, kind=kind, person_name=person_name, **fields)
    account_request.full_clean()
    account_request.save()
    return account_request


@transaction.atomic
def account_request_close(
    *, account_request: AccountRequest, user, status: str, resolution: str, account=None,
) -> AccountRequest:
    """Close a request as done or rejected, saying what was done (or why not)."""
    if status not in (AccountRequestStatus.DONE, AccountRequestStatus.REJECTED):
        raise ValueError(status)
    account_request.status = status
    account_request.resolution = resolution
    if account is not None:
        account_request.account = account
    account_request.processed_by = user
    account_request.processed_at = timezone.now()
    account_request.full_clean()
    account_request.save()
    return account_request


# --- 607-34: requests about the library system -----------------------------------------------------------


@transaction.atomic
def system_request_submit(*, submitted_by, kind: str, subject: str, description: str, **fields: Any) -> SystemRequest:
    """Log a staff request about a fault or an adaptation of the system (607-34)."""
    if "library_department" not in fields and getattr(submitted_by, "library_department_id", None):
        fields["library_department"] = submitted_by.library_department
    system_request = SystemRequest(
        submitted_by=submitted_by, kind=kind, subject=subject, description=description, **fields,
    )
    system_request.full_clean()
    system_request.save()
    return system_request


@transaction.atomic
def system_request_resolve(*, system_request: SystemRequest, user, status: str, resolution: str) -> SystemRequest:
    """Close a request (resolved or rejected) with its resolution; the closing moment is recorded."""
    if status not in (SystemRequestStatus.RESOLVED, SystemRequestStatus.REJECTED):
        raise ValueError(status)
    system_request.status = status
    system_request.resolution = resolution
    system_request.resolved_at = timezone.now()
    if system_request.assigned_to_id is None:
        system_request.assigned_to = user
    system_request.full_clean()
    system_request.save()
    return system_request


# --- 607-33: reference dictionaries ----------------------------------------------------------------------


def _field_values(entry: models.Model) -> dict[str, str]:
    values = {}
    for field in entry._meta.concrete_fields:
        if field.primary_key:
            continue
        value = getattr(entry, field.name)
        values[field.name] = "" if value is None else str(value)
    return values


@transaction.atomic
def dictionary_entry_save(*, entry: models.Model, user) -> models.Model:
    """Create or change a dictionary entry and log who changed what (607-33). An unchanged save logs nothing."""
    model = type(entry)
    if model not in DICTIONARY_MODELS:
        raise TypeError(f"{model.__name__} is not a reference dictionary")
    before = model.objects.select_for_update().filter(pk=entry.pk).first() if entry.pk else None
    entry.full_clean()
    entry.save()
    after_values = _field_values(entry)
    if before is None:
        action = DictionaryAction.CREATED
        changes = {name: ["", value] for name, value in after_values.items() if value}
    else:
        before_values = _field_values(before)
        action = DictionaryAction.CHANGED
        changes = {
            name: [before_values[name], value] for name, value in after_values.items() if before_values[name] != value
        }
        if not changes:
            return entry
    DictionaryEdit.objects.create(
        edited_by=user, dictionary=model._meta.model_name, entry_id=entry.pk, entry_repr=str(entry)[:300],
        action=action, changes=changes,
    )
    return entry


@transaction.atomic
def dictionary_entry_delete(*, entry: models.Model, user) -> None:
    """Delete a dictionary entry (refused by the database while anything refers to it) and log it."""
    model = type(entry)
    if model not in DICTIONARY_MODELS:
        raise TypeError(f"{model.__name__} is not a reference dictionary")
    entry_id, entry_repr, values = entry.pk, str(entry)[:300], _field_values(entry)
    entry.delete()
    DictionaryEdit.objects.create(
        edited_by=user, dictionary=model._meta.model_name, entry_id=entry_id, entry_repr=entry_repr,
        action=DictionaryAction.DELETED, changes={name: [value, ""] for name, value in values.items() if value},
    )


# --- 607-31 / 607-32: full-text files ---------------------------------------------------------------------


def _sha256(uploaded_file: UploadedFile) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def digital_file_check_upload(*, record, uploaded_file: UploadedFile) -> tuple[str, str]:
    """The checks an upload must pass, as (kind, sha256): not empty, within the size limit, a PDF, DjVu, EPUB
    or DOCX by its content, and not already attached to the record. Raises FileRejected."""
    size = uploaded_file.size or 0
    if size == 0:
        raise FileRejected(_("The file is empty."))
    limit = max_upload_bytes()
    if size > limit:
        raise FileRejected(
            _("The file is %(size)s MB; at most %(limit)s MB can be uploaded.")
            % {"size": round(size / 2**20, 1), "limit": round(limit / 2**20, 1)}
        )
    try:
        kind = detect_kind(uploaded_file)
    except UnsafeArchive as exc:
        raise FileRejected(str(exc)) from exc
    if kind is None:
        raise FileRejected(_("The file's content is not a PDF, DjVu, EPUB or DOCX document."))
    sha256 = _sha256(uploaded_file)
    if record is not None and DigitalFile.objects.filter(record=record, sha256=sha256).exists():
        raise FileRejected(_("This file is already attached to the record."))
    return kind, sha256


@transaction.atomic
def digital_file_upload(
    *,
    record,
    uploaded_file: UploadedFile,
    user,
    legal_basis: str,
    access_level: str = AccessLevel.REGISTERED,
    embargo_until: dt.date | None = None,
    licence: str = "",
    rights_holder: str = "",
    agreement_reference: str = "",
    label: str = "",
    rights_note: str = "",
) -> DigitalFile:
    """Attach a full-text file to a bibliographic record (607-31) under the given rights (607-32).

    The type is read from the content (PDF, DjVu, EPUB, DOCX), never from the name; the size is capped;
    the SHA-256 checksum is kept and the same bytes cannot be attached twice to one record. The upload is
    logged; the plain text is extracted in the background once the transaction commits.
    """
    kind, sha256 = digital_file_check_upload(record=record, uploaded_file=uploaded_file)
    size = uploaded_file.size
    digital_file = DigitalFile(
        record=record, kind=kind, original_name=PurePath(uploaded_file.name or "").name[:255], sha256=sha256,
        size=size, uploaded_by=user, legal_basis=legal_basis, access_level=access_level,
        embargo_until=embargo_until, licence=licence, rights_holder=rights_holder,
        agreement_reference=agreement_reference, label=label, rights_note=rights_note,
    )
    digital_file.full_clean(exclude=["file", "sha256", "size", "text"])
    digital_file.file.save(f"upload.{kind}", uploaded_file, save=False)
    stored_name = digital_file.file.name
    try:
        digital_file.save()
        FileUploadLog.objects.create(
            user=user, action=UploadAction.UPLOADED, record=record, digital_file=digital_file,
            original_name=digital_file.original_name, kind=kind, size=size, sha256=sha256,
            access_level=access_level, legal_basis=legal_basis,
        )
    except Exception:
        digital_file.file.storage.delete(stored_name)
        raise
    from .tasks import digital_file_extract_text_task

    digital_file_extract_text_task.delay_on_commit(digital_file.pk)
    return digital_file


def digital_file_extract_text(*, digital_file_id: int) -> int:
    """Fill `text` from the stored file (PDF, DOCX, EPUB); returns its length. Safe to run again."""
    from .textextract import ExtractionFailed, extract_text

    digital_file = DigitalFile.objects.filter(pk=digital_file_id).first()
    if digital_file is None:
        return 0
    try:
        with digital_file.file.open("rb") as stream:
            text = extract_text(stream, digital_file.kind)
    except (ExtractionFailed, OSError):
        text = ""
    DigitalFile.objects.filter(pk=digital_file_id).update(text=text, updated_at=timezone.now())
    return len(text)


@transaction.atomic
def digital_file_update_rights(*, digital_file: DigitalFile, user, **fields: Any) -> DigitalFile:
    """Change the rights and access of a file (607-32): legal basis, access level, embargo, licence…"""
    allowed = {
        "legal_basis", "access_level", "embargo_until", "licence", "rights_holder", "agreement_reference",
        "rights_note", "label",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"not a rights field: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(digital_file, name, value)
    if "embargo_until" in fields:
        digital_file.embargo_lifted_at = None  # a new embargo is lifted again by the daily job when it ends
    digital_file.full_clean(exclude=["file", "sha256", "size", "text"])
    digital_file.save()
    return digital_file


def digital_file_lift_embargoes(*, at: dt.datetime | None = None) -> int:
    """Mark files whose embargo has ended as changed now (idempotent, set-based; run daily).

    Opening a file to the public changes what the OAI-PMH provider shows, so the record's datestamp must move:
    a harvester collecting "from" yesterday then finds it.
    """
    at = at or timezone.now()
    return DigitalFile.objects.filter(
        embargo_until__lte=timezone.localdate(at), embargo_lifted_at__isnull=True,
    ).update(embargo_lifted_at=at, updated_at=at)


@transaction.atomic
def digital_file_remove(*, digital_file: DigitalFile, user) -> None:
    """Detach and delete a file; the upload log keeps a removal entry, the usage figures stay counted."""
    FileUploadLog.objects.create(
        user=user, action=UploadAction.REMOVED, record=digital_file.record, digital_file=None,
        original_name=digital_file.original_name, kind=digital_file.kind, size=digital_file.size,
        sha256=digital_file.sha256, access_level=digital_file.access_level, legal_basis=digital_file.legal_basis,
    )
    storage, name = digital_file.file.storage, digital_file.file.name
    digital_file.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- usage statistics (COUNTER) ---------------------------------------------------------------------------


def is_robot(user_agent: str | None) -> bool:
    """COUNTER excludes robots and crawlers; a request with no user agent at all is a script, not a reader."""
    agent = (user_agent or "").strip().lower()
    return not agent or any(marker in agent for marker in ROBOT_USER_AGENT_MARKERS)


@transaction.atomic
def usage_record(
    *,
    digital_file: DigitalFile,
    kind: str,
    user=None,
    session_key: str | None = "",
    ip_address: str | None = None,
    user_agent: str = "",
    at: dt.datetime | None = None,
) -> UsageEvent | None:
    """Count a view or a download, the COUNTER way; returns the event, or None when it does not count.

    Not counted: robots (user-agent list), and a repeat of the same kind for the same file by the same user
    (signed in) or the same session from the same address (anonymous) within 30 seconds: a double click.
    """
    if kind not in UsageKind.values:
        raise ValueError(kind)
    if is_robot(user_agent):
        return None
    at = at or timezone.now()
    # Serialise counting per file so two simultaneous clicks cannot both pass the double-click check.
    DigitalFile.objects.select_for_update().filter(pk=digital_file.pk).exists()
    recent = UsageEvent.objects.filter(
        digital_file=digital_file, kind=kind, occurred_at__gte=at - DOUBLE_CLICK_WINDOW, occurred_at__lte=at,
    )
    signed_in = user is not None and user.is_authenticated
    if signed_in:
        recent = recent.filter(user=user)
    elif session_key:
        recent = recent.filter(user__isnull=True, session_key=session_key, ip_address=ip_address)
    else:
        recent = recent.filter(user__isnull=True, session_key="", ip_address=ip_address, user_agent=user_agent[:300])
    if recent.exists():
        return None
    return UsageEvent.objects.create(
        digital_file=digital_file, record_id=digital_file.record_id, kind=kind, occurred_at=at,
        user=user if signed_in else None, session_key=session_key or "", ip_address=ip_address,
        user_agent=(user_agent or "")[:300], remote=is_remote_address(ip_address),
    )


# --- 607-35: scanning requests ----------------------------------------------------------------------------


@transaction.atomic
def scanning_request_submit(
    *,
    requested_by,
    material: str,
    department=None,
    source: str = ScanningSource.DEPARTMENT,
    **fields: Any,
) -> ScanningRequest:
    """Register a request to scan material for a course (607-35), numbered per year without gaps.

    A department head's request is always for their own department.
    """
    if source == ScanningSource.DEPARTMENT and department is None:
        department = requested_by.academic_department
    year = timezone.localdate().year
    scanning_request = ScanningRequest(
        requested_by=requested_by, material=material, department=department, source=source, year=year,
        number=0, **fields,
    )
    scanning_request.full_clean(exclude=["number"])
    scanning_request.number = allocate_number(SCANNING_SERIES, year)
    scanning_request.save()
    return scanning_request


def _locked(scanning_request: ScanningRequest) -> ScanningRequest:
    return ScanningRequest.objects.select_for_update().get(pk=scanning_request.pk)


@transaction.atomic
def scanning_request_advance(*, scanning_request: ScanningRequest, user, to_status: str) -> ScanningRequest:
    """Move a request one step on: accepted → scanning → quality check. Publishing needs the file: see
    `scanning_request_publish`."""
    current = _locked(scanning_request)
    if to_status == ScanningStatus.PUBLISHED or current.next_status != to_status:
        raise ScanningTransitionError(
            _("A request that is “%(current)s” cannot move to “%(target)s”.")
            % {"current": current.get_status_display(), "target": ScanningStatus(to_status).label}
        )
    current.status = to_status
    setattr(current, STATUS_TIMESTAMP[to_status], timezone.now())
    current.handled_by = user
    current.save()
    return current


@transaction.atomic
def scanning_request_reject(*, scanning_request: ScanningRequest, user, reason: str) -> ScanningRequest:
    """Turn a request down with a reason; a published request can no longer be rejected."""
    current = _locked(scanning_request)
    if current.is_closed:
        raise ScanningTransitionError(_("The request is already closed."))
    if not reason.strip():
        raise ScanningTransitionError(_("Give the reason for rejecting the request."))
    current.status = ScanningStatus.REJECTED
    current.rejected_at = timezone.now()
    current.rejection_reason = reason.strip()
    current.handled_by = user
    current.save()
    return current


@transaction.atomic
def scanning_request_publish(
    *, scanning_request: ScanningRequest, user, uploaded_file: UploadedFile, record=None, label: str = "",
) -> ScanningRequest:
    """Publish a checked scan: it becomes a full-text file of the record, with the access level and legal
    basis agreed in the request, and the request is closed as published."""
    current = _locked(scanning_request)
    if current.status != ScanningStatus.QUALITY_CHECK:
        raise ScanningTransitionError(_("Only a request that passed to quality check can be published."))
    record = record or current.record
    if record is None:
        raise ScanningTransitionError(_("Choose the bibliographic record the scan belongs to."))
    agreement = current.agreement_reference
    if not agreement and current.legal_basis in (LegalBasis.AUTHOR_AGREEMENT, LegalBasis.RIGHTS_HOLDER_PERMISSION):
        raise ScanningTransitionError(_("Enter the agreement or permission the scan is published under."))
    digital_file = digital_file_upload(
        record=record, uploaded_file=uploaded_file, user=user, legal_basis=current.legal_basis,
        access_level=current.access_level, agreement_reference=agreement,
        rights_holder=current.rights_holder,
        label=label or current.course[:200],
    )
    current.record = record
    current.result_file = digital_file
    current.status = ScanningStatus.PUBLISHED
    current.published_at = timezone.now()
    current.handled_by = user
    current.save()
    return current


def _rare_edition_legal_basis(record) -> str:
    # Authors' rights last for life + 70 years: a book printed over a century ago is in the public domain;
    # anything younger needs the rights holder's permission, which the librarian records on acceptance.
    if record.year and record.year <= timezone.localdate().year - 100:
        return LegalBasis.PUBLIC_DOMAIN
    return LegalBasis.RIGHTS_HOLDER_PERMISSION


@transaction.atomic
def rare_editions_submit_for_scanning(*, records, requested_by) -> list[ScanningRequest]:
    """Book storage selects rare editions for digitisation (5.6): one scanning request (607-35) per record,
    from storage; a record that already has an open request from storage is not asked for twice."""
    already = set(
        ScanningRequest.objects.filter(record__in=records, source=ScanningSource.STORAGE)
        .exclude(status=ScanningStatus.REJECTED).values_list("record_id", flat=True)
    )
    created = []
    for record in records:
        if record.pk in already:
            continue
        created.append(scanning_request_submit(
            requested_by=requested_by, source=ScanningSource.STORAGE, record=record,
            material=record.gost_description or record.title, legal_basis=_rare_edition_legal_basis(record),
        ))
    return created

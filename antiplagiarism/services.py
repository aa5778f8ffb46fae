"""Use cases of the originality checker that write: codes, checks, the collection."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AcademicDepartment
from core.safezip import UnsafeArchive

from .constants import (
    ACCEPTED_EXTENSIONS,
    ACCESS_CODE_ALPHABET,
    ACCESS_CODE_LENGTH,
    MAX_UPLOAD_BYTES,
    max_text_chars,
)
from .engine.extract import ExtractionError, HiddenRun, StructureTooLarge, TextTooLong, extract
from .engine.fingerprint import FINGERPRINT_SCHEME, fingerprints, ngram_hashes, tokenize, winnow
from .engine.normalize import Normalized, normalize
from .engine.report import Report, analyse, author_key
from .exceptions import AccessCodeRefused, CheckNotAllowed, UnreadableWork
from .models import AccessCode, Check, CollectionDocument, Fingerprint, failure_text
from .selectors import candidate_sources

logger = logging.getLogger(__name__)


# --- Access codes ------------------------------------------------------------------------------------------

def _new_code() -> str:
    return "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))


@transaction.atomic
def access_code_issue(
    *, operator, department: AcademicDepartment, request_reference: str, quota: int, valid_from: dt.date,
    valid_until: dt.date, issued_by=None,
) -> AccessCode:
    """Issue a personal code to an operator on a department's request (a quota of checks within dates)."""
    code = AccessCode(
        code=_new_code(), operator=operator, department=department, request_reference=request_reference,
        quota=quota, valid_from=valid_from, valid_until=valid_until, issued_by=issued_by,
    )
    while AccessCode.objects.filter(code=code.code).exists():
        code.code = _new_code()
    code.full_clean()
    code.save()
    return code


@transaction.atomic
def access_code_revoke(*, code: AccessCode, reason: str = "", at: dt.datetime | None = None) -> AccessCode:
    """Revoke a code; its checks stay attributed to it. Revoking twice keeps the first moment."""
    if code.revoked_at is None:
        code.revoked_at = at or timezone.now()
        code.revocation_reason = reason
        code.save(update_fields=["revoked_at", "revocation_reason"])
    return code


def access_code_verify(*, operator, code: str, on: dt.date | None = None, lock: bool = False) -> AccessCode:
    """The operator's usable code with this value, or AccessCodeRefused saying why not."""
    on = on or timezone.localdate()
    queryset = AccessCode.objects.select_for_update() if lock else AccessCode.objects.all()
    found = queryset.filter(code=(code or "").strip().upper(), operator=operator).first()
    if found is None:
        raise AccessCodeRefused(_("No such code has been issued to you."))
    refusal = found.refusal(on)
    if refusal:
        raise AccessCodeRefused(refusal)
    return found


# --- Checks ------------------------------------------------------------------------------------------------

@transaction.atomic
def check_submit(
    *, operator, code: str, title: str, author: str, department: AcademicDepartment, work_type: str,
    upload: UploadedFile,
) -> Check:
    """Register a work for checking under the operator's code and queue the check. The code's quota is
    charged when the check has run (`check_run`); meanwhile the waiting check holds its unit."""
    access_code = access_code_verify(operator=operator, code=code, lock=True)
    if Path(upload.name or "").suffix.lower() not in ACCEPTED_EXTENSIONS:
        raise UnreadableWork(_("Accepted formats: PDF, DOCX, ODT, RTF, TXT."))
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise UnreadableWork(_("The file is larger than %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)})
    check = Check(
        operator=operator, access_code=access_code, department=department, title=title, author=author,
        work_type=work_type, original_filename=Path(upload.name).name[:255],
    )
    check.file.save(f"{secrets.token_hex(8)}{Path(upload.name).suffix.lower()}", upload, save=False)
    check.full_clean()
    check.save()

    from .tasks import check_run_task

    check_run_task.delay_on_commit(check.pk)
    return check


def _progress(check: Check, progress: int, stage: str) -> None:
    Check.objects.filter(pk=check.pk).update(progress=progress, stage=stage)


def analyse_text(
    *, text: str, hidden: list[HiddenRun] | None = None, author: str = "", exclude: set[int] | None = None,
    on_stage: Callable[[int, str], None] | None = None,
) -> tuple[Normalized, Report]:
    """The check proper, from extracted text to report: normalise, look candidates up by the winnowed
    fingerprints over the whole collection, align each candidate and classify every character."""
    cleaned = normalize(text, hidden)
    if not cleaned.text.strip():
        raise ExtractionError("no text")
    if on_stage:
        on_stage(40, "candidates")
    query = [value for value, _position in winnow(ngram_hashes(tokenize(cleaned.text)))]
    sources, common = candidate_sources(query, exclude=exclude)
    if on_stage:
        on_stage(70, "align")
    return cleaned, analyse(cleaned.text, sources, author=author, alerts=cleaned.alerts, common=common)


def check_run(*, check_id: int) -> Check:
    """Run a queued check: extract, normalise, find candidates, align, classify, store the report."""
    check = Check.objects.get(pk=check_id)
    if check.status == Check.Status.DONE:
        return check  # a redelivered task: the report is already there
    Check.objects.filter(pk=check.pk).update(status=Check.Status.RUNNING, progress=5, stage="extract")
    try:
        with check.file.open("rb") as handle:
            data = handle.read()
        extraction = extract(data, max_chars=max_text_chars())
        del data  # the upload's bytes are not needed past extraction (a 30 MB file, a long analysis)
        _progress(check, 25, "normalise")
        exclude = {check.collection_document_id} if check.collection_document_id else set()
        cleaned, report = analyse_text(
            text=extraction.text, hidden=extraction.hidden, author=check.author, exclude=exclude,
            on_stage=lambda progress, stage: _progress(check, progress, stage),
        )
    except Exception as exc:  # a damaged file can break any reader; the check must end as failed, not hang
        logger.warning("check %s: failed: %r", check.pk, exc, exc_info=not isinstance(exc, ExtractionError))
        Check.objects.filter(pk=check.pk).update(
            status=Check.Status.FAILED, progress=100, stage="", finished_at=timezone.now(),
            **unreadable_failure(exc),
        )
        check.refresh_from_db()
        return check
    shares = report.shares
    finished_at = timezone.now()
    Check.objects.filter(pk=check.pk).update(
        # The quota is charged here, once: a check run again keeps its first charge.
        charged_at=Coalesce(F("charged_at"), Value(finished_at)),
        status=Check.Status.DONE, progress=100, stage="", finished_at=finished_at, error="", error_code="",
        error_params={},
        file_format=extraction.format, text=cleaned.text, report=report.as_dict(),
        originality=shares["original"], matches=shares["match"], citations=shares["citation"],
        self_citations=shares["self_citation"],
    )
    check.refresh_from_db()
    return check


@transaction.atomic
def check_accept(*, check: Check, by) -> CollectionDocument:
    """Add a finished check's text to the collection so that later works are compared with it."""
    check = Check.objects.select_for_update().get(pk=check.pk)
    if check.status != Check.Status.DONE:
        raise CheckNotAllowed(_("Only a finished check can be accepted into the collection."))
    if check.is_accepted and check.collection_document_id:
        raise CheckNotAllowed(_("This work is already in the collection."))
    document = _collection_store(
        kind=CollectionDocument.Kind.CHECKED_WORK, title=check.title, author=check.author, text=check.text,
    )
    check.accepted_at = timezone.now()
    check.accepted_by = by
    check.collection_document = document
    check.save(update_fields=["accepted_at", "accepted_by", "collection_document"])
    return document


# --- The collection ----------------------------------------------------------------------------------------

def _fingerprints_insert(document: CollectionDocument, pairs: list[tuple[int, int]]) -> None:
    if connection.vendor == "postgresql" and pairs:
        table = Fingerprint._meta.db_table
        with connection.cursor() as cursor, cursor.copy(
            f"COPY {table} (hash, document_id, position) FROM STDIN"
        ) as copy:
            for value, position in pairs:
                copy.write_row((value, document.pk, position))
        return
    Fingerprint.objects.bulk_create(
        (Fingerprint(hash=value, document=document, position=position) for value, position in pairs),
        batch_size=2000,
    )


def _collection_store(
    *, kind: str, title: str, text: str, author: str = "", external_key: str | None = None, normalised: bool = True,
) -> CollectionDocument:
    if not normalised:
        text = normalize(text).text
    document = None
    if external_key:
        document = CollectionDocument.objects.filter(external_key=external_key).first()
    if document is None:
        document = CollectionDocument(kind=kind, external_key=external_key)
    else:
        document.fingerprints.all().delete()
    pairs = fingerprints(text)
    document.kind = kind
    document.title = title[:500] or "—"
    document.author = author[:300]
    document.author_key = author_key(author)
    document.text = text
    document.char_count = len(text)
    document.fingerprint_count = len(pairs)
    document.fingerprint_scheme = FINGERPRINT_SCHEME
    document.added_at = timezone.now()
    document.save()
    _fingerprints_insert(document, pairs)
    return document


@transaction.atomic
def collection_add_source(
    *, title: str, text: str, author: str = "", external_key: str | None = None,
    kind: str = CollectionDocument.Kind.SOURCE,
) -> CollectionDocument:
    """Add (or, with the same external key, replace) a source text of the comparison collection."""
    return _collection_store(kind=kind, title=title, text=text, author=author, external_key=external_key,
                             normalised=False)


DIGITAL_LIBRARY_KEY = "digital_library.file:{pk}"
BULK_ANALYSE_AFTER = 500  # documents indexed in one run after which the fingerprint table is analysed


def collection_index_digital_library(*, force: bool = False) -> dict[str, int]:
    """Bring the digital library's full texts into the collection (issue 6, item 10).

    Idempotent: a file already indexed and not changed since is skipped; a changed file is indexed anew
    (same collection document); the documents of files that were deleted or lost their text are removed.
    Each file is indexed in its own transaction, so a long run can be interrupted and resumed.
    """
    from digital_library.models import DigitalFile

    counts = {"indexed": 0, "unchanged": 0, "removed": 0}
    indexed_at = dict(
        CollectionDocument.objects.filter(kind=CollectionDocument.Kind.DIGITAL_LIBRARY)
        .values_list("external_key", "added_at")
    )
    files = (
        DigitalFile.objects.exclude(text="").select_related("record")
        .only("pk", "text", "updated_at", "record__title", "record__first_author", "record__authors")
        .order_by("pk")
    )
    seen: set[str] = set()
    for digital_file in files.iterator(chunk_size=200):
        key = DIGITAL_LIBRARY_KEY.format(pk=digital_file.pk)
        seen.add(key)
        if not force and key in indexed_at and indexed_at[key] >= digital_file.updated_at:
            counts["unchanged"] += 1
            continue
        record = digital_file.record
        author = record.first_author or (record.authors or "").split(";")[0].strip()
        collection_add_source(
            title=record.title, text=digital_file.text, author=author, external_key=key,
            kind=CollectionDocument.Kind.DIGITAL_LIBRARY,
        )
        counts["indexed"] += 1
    if counts["indexed"] >= BULK_ANALYSE_AFTER and connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics for the candidate lookup after a bulk load
            cursor.execute(f"ANALYZE {Fingerprint._meta.db_table}")
    gone = [key for key in indexed_at if key not in seen]
    for start in range(0, len(gone), 500):
        deleted, _by_model = CollectionDocument.objects.filter(external_key__in=gone[start: start + 500]).delete()
        counts["removed"] += len(gone[start: start + 500]) if deleted else 0
    return counts


def collection_refingerprint(*, batch_size: int = 200, on_batch: Callable[[int], None] | None = None) -> dict[str, int]:
    """Take again the fingerprints (and the author key) of the collection documents stored under an older hashing of
    words (issue 21, item 3: the script-neutral fold), so that a check finds them again.

    Idempotent and resumable: only documents whose scheme is older than FINGERPRINT_SCHEME are read, and each
    batch is replaced in its own transaction (its old fingerprints deleted, the new ones inserted, the scheme
    raised), so a second run, or a run after an interruption, does only what is left.
    """
    counts = {"refingerprinted": 0, "current": 0}
    while True:
        with transaction.atomic():
            batch = list(
                CollectionDocument.objects.select_for_update(skip_locked=True)
                .filter(fingerprint_scheme__lt=FINGERPRINT_SCHEME).order_by("pk")
                .only("pk", "text", "author")[:batch_size]
            )
            if not batch:
                break
            Fingerprint.objects.filter(document__in=batch).delete()
            for document in batch:
                pairs = fingerprints(document.text)
                _fingerprints_insert(document, pairs)
                document.fingerprint_count = len(pairs)
                document.fingerprint_scheme = FINGERPRINT_SCHEME
                document.author_key = author_key(document.author)  # folded the same way since scheme 2
            CollectionDocument.objects.bulk_update(batch, ["fingerprint_count", "fingerprint_scheme", "author_key"])
        counts["refingerprinted"] += len(batch)
        if on_batch:
            on_batch(counts["refingerprinted"])
    counts["current"] = CollectionDocument.objects.filter(fingerprint_scheme=FINGERPRINT_SCHEME).count()
    if counts["refingerprinted"] >= BULK_ANALYSE_AFTER and connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics for the candidate lookup after a bulk rewrite
            cursor.execute(f"ANALYZE {Fingerprint._meta.db_table}")
    return counts


def unreadable_failure(exc: BaseException) -> dict:
    """Why a file's text could not be read, as the fields a failed check keeps: the limit that stopped an
    over-long text or document as a code and its figures, a zip bomb's reason as the guard worded it."""
    if isinstance(exc, UnsafeArchive):
        return {"error": str(exc), "error_code": "", "error_params": {}}
    if isinstance(exc, TextTooLong):
        return {"error": "", "error_code": Check.Failure.TEXT_TOO_LONG, "error_params": {"limit": exc.limit}}
    if isinstance(exc, StructureTooLarge):
        return {"error": "", "error_code": Check.Failure.TOO_LARGE, "error_params": {"limit": exc.limit}}
    return {"error": "", "error_code": Check.Failure.UNREADABLE, "error_params": {}}


def unreadable_reason(exc: BaseException) -> str:
    """Why a file's text could not be read, worded now, as the operator reads it."""
    failure = unreadable_failure(exc)
    return failure_text(failure["error_code"], failure["error_params"]) if failure["error_code"] else failure["error"]


def extract_text(data: bytes) -> str:
    """Visible, normalised text of a file in one of the accepted formats (for sources added by file)."""
    try:
        extraction = extract(data, max_chars=max_text_chars())
    except (ExtractionError, UnsafeArchive) as exc:
        raise UnreadableWork(unreadable_reason(exc)) from exc
    return normalize(extraction.text, extraction.hidden).text


__all__ = [
    "access_code_issue",
    "access_code_revoke",
    "access_code_verify",
    "analyse_text",
    "check_accept",
    "check_run",
    "check_submit",
    "collection_add_source",
    "collection_refingerprint",
    "extract_text",
]

"""Choices of the digital library's registers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountRequestKind(models.TextChoices):
    CREATE = "create", _("new account")
    CHANGE_RIGHTS = "change_rights", _("change of access rights")
    BLOCK = "block", _("blocking of an account")
    DELETE = "delete", _("deletion of an account")


class AccountRequestStatus(models.TextChoices):
    NEW = "new", _("new")
    DONE = "done", _("done")
    REJECTED = "rejected", _("rejected")


class SystemRequestKind(models.TextChoices):
    FAULT = "fault", _("fault")
    ADAPTATION = "adaptation", _("adaptation of the system")
    CONSULTATION = "consultation", _("consultation")


class SystemRequestPriority(models.TextChoices):
    LOW = "low", _("low")
    NORMAL = "normal", _("normal")
    URGENT = "urgent", _("urgent")


class SystemRequestStatus(models.TextChoices):
    NEW = "new", _("new")
    IN_PROGRESS = "in_progress", _("in progress")
    RESOLVED = "resolved", _("resolved")
    REJECTED = "rejected", _("rejected")


class DictionaryAction(models.TextChoices):
    CREATED = "created", _("created")
    CHANGED = "changed", _("changed")
    DELETED = "deleted", _("deleted")


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DJVU = "djvu", "DjVu"
    EPUB = "epub", "EPUB"
    DOCX = "docx", "DOCX"


class LegalBasis(models.TextChoices):
    AUTHOR_AGREEMENT = "author_agreement", _("university author agreement")
    RIGHTS_HOLDER_PERMISSION = "rights_holder_permission", _("permission of an outside rights holder")
    PUBLIC_DOMAIN = "public_domain", _("public domain")
    ORPHAN_WORK = "orphan_work", _("orphan work")
    LICENCE = "licence", _("licence")


class AccessLevel(models.TextChoices):
    OPEN = "open", _("open to all")
    REGISTERED = "registered", _("registered readers")
    CAMPUS = "campus", _("on-campus network only")
    READING_ROOM = "reading_room", _("reading room only")
    CLOSED = "closed", _("closed")


class UploadAction(models.TextChoices):
    UPLOADED = "uploaded", _("uploaded")
    REMOVED = "removed", _("removed")


class UsageKind(models.TextChoices):
    VIEW = "view", _("view")
    DOWNLOAD = "download", _("download")


class ScanningStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted")
    SCANNING = "scanning", _("scanning")
    QUALITY_CHECK = "quality_check", _("quality check")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")


class ScanningSource(models.TextChoices):
    DEPARTMENT = "department", _("academic department (teaching materials)")
    STORAGE = "storage", _("book storage (rare editions)")

"""Vocabularies of the cataloguing app (choices shared by models, services and forms)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    """Type of document described by a bibliographic record (drives mandatory fields and GOST areas)."""

    BOOK = "book", _("book")
    TEXTBOOK = "textbook", _("textbook")
    ARTICLE = "article", _("article")
    DISSERTATION = "dissertation", _("dissertation")
    AUTHOR_ABSTRACT = "author_abstract", _("author abstract")
    METHODICAL = "methodical", _("methodical guidelines")
    PERIODICAL = "periodical", _("periodical")
    E_RESOURCE = "e_resource", _("electronic resource")


DOCUMENT_TYPES = frozenset(DocumentType.values)


class ItemStatus(models.TextChoices):
    """Where a copy is in its life cycle."""

    ON_SHELF = "on_shelf", _("on shelf")
    ON_LOAN = "on_loan", _("on loan")
    RESERVED = "reserved", _("reserved")
    PROCESSING = "processing", _("in processing")
    IN_TRANSFER = "in_transfer", _("in transfer")
    LOST = "lost", _("lost")
    WRITTEN_OFF = "written_off", _("written off")


# Copies counted as available now, and copies no longer part of the fund (not counted as copies at all).
AVAILABLE_STATUSES = (ItemStatus.ON_SHELF,)
NOT_IN_FUND_STATUSES = (ItemStatus.LOST, ItemStatus.WRITTEN_OFF)


class LoanCategory(models.TextChoices):
    """How a copy may be lent."""

    REGULAR = "regular", _("regular loan")
    TEXTBOOK = "textbook", _("textbook loan")
    READING_ROOM = "reading_room", _("reading room only")
    RARE = "rare", _("rare book")


class ReceiptSource(models.TextChoices):
    """Where a copy came from (source of receipt)."""

    PURCHASE = "purchase", _("purchase")
    GIFT = "gift", _("gift")
    EXCHANGE = "exchange", _("exchange")
    REPLACEMENT = "replacement", _("replacement for a lost copy")
    OWN_PUBLICATION = "own_publication", _("university's own publication")
    LEGACY = "legacy", _("legacy fund")


class TransferStatus(models.TextChoices):
    """State of a transfer slip (607-28)."""

    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted")


class UdcRequestStatus(models.TextChoices):
    """State of an author's request for a UDC index (607-29)."""

    NEW = "new", _("new")
    ANSWERED = "answered", _("answered")
    REJECTED = "rejected", _("rejected")


class WorkType(models.TextChoices):
    """Type of an author's work for which a UDC index is requested (607-29)."""

    ARTICLE = "article", _("article")
    MONOGRAPH = "monograph", _("monograph")
    TEXTBOOK = "textbook", _("textbook")
    TUTORIAL = "tutorial", _("tutorial")
    METHODICAL = "methodical", _("methodical guidelines")
    DISSERTATION = "dissertation", _("dissertation")
    CONFERENCE = "conference", _("conference paper")
    OTHER = "other", _("other")


class RecordAction(models.TextChoices):
    """What happened to a bibliographic record (its history)."""

    CREATED = "created", _("created")
    EDITED = "edited", _("edited")
    IMPORTED = "imported", _("imported")
    REIMPORTED = "reimported", _("updated by import")
    MERGED = "merged", _("duplicate merged in")


class LockAction(models.TextChoices):
    """An entry of the lock log (QP 607 §5.4: the administrator locks and unlocks databases and records)."""

    LOCKED = "locked", _("locked")
    UNLOCKED = "unlocked", _("unlocked")


# Actions that count as "a record was edited" in reports and the passport.
EDIT_ACTIONS = (RecordAction.EDITED, RecordAction.REIMPORTED, RecordAction.MERGED)


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("finished")
    FAILED = "failed", _("failed")


class MarcFormat(models.TextChoices):
    ISO2709 = "iso2709", _("ISO 2709 (binary MARC)")
    MARCXML = "marcxml", _("MARCXML")
    # UNIMARC profiles (RUSMARC, KazMARC), converted to and from the MARC 21 the catalogue keeps (`unimarc`). An
    # import reads either form, told by the file; an export writes the one asked for.
    UNIMARC = "unimarc", _("UNIMARC, RUSMARC, KazMARC (ISO 2709)")
    UNIMARC_XML = "unimarcxml", _("UNIMARC, RUSMARC, KazMARC (XML)")


class MarcEncoding(models.TextChoices):
    UTF8 = "utf-8", "UTF-8"
    MARC8 = "marc8", "MARC-8"
    CP1251 = "cp1251", "CP1251 (Windows-1251)"


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    EMAIL = "email", _("by e-mail")
    ONLINE = "online", _("in the cabinet")


MIN_YEAR = 1500
TRANSFER_SERIES = "cataloguing.transfer"
UDC_SERIES = "cataloguing.udc"
IMPORT_BATCH_SIZE = 1000

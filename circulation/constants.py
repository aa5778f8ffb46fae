"""Policy values and vocabularies of circulation (QP 607-2023 §5.5)."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

# An order placed in the personal cabinet holds the copy for 1 day (24 hours), QP 607 §5.5.
RESERVATION_TTL = timedelta(days=1)
# A copy scanned back within this time of its issue is taken back only once the librarian confirms: a repeated
# scan of the copy just issued (a scanner's double read) must not silently close the loan.
RETURN_CONFIRM_WINDOW = timedelta(minutes=2)
# Overdue notices also warn about loans falling due within this many days.
DUE_SOON_DAYS = 3
# The academic year starts on 1 September; re-registration is per academic year.
ACADEMIC_YEAR_START_MONTH = 9
# Semesters end on these (month, day) dates: autumn ends 31 January, spring ends 30 June.
SEMESTER_ENDS = ((1, 31), (6, 30))
ACADEMIC_YEAR_END = (6, 30)

# Reader photo (3×4 cm): width/height must be close to 3/4, size sensible for a card.
PHOTO_RATIO = 3 / 4
PHOTO_RATIO_TOLERANCE = 0.08
PHOTO_MIN_SIZE = (150, 200)
PHOTO_MAX_SIZE = (2400, 3200)
PHOTO_MAX_BYTES = 2 * 1024 * 1024

# Document series (gap-free numbers per year, forms_registry.numbering).
ILL_SERIES = "circulation.ill"
REPLACEMENT_ACT_SERIES = "circulation.replacement_act"
CLEARANCE_SERIES = "circulation.clearance"
FEEDBACK_SERIES = "circulation.feedback"
PAID_SERVICE_SERIES = "circulation.paid_service"


class LoanPeriodKind(models.TextChoices):
    """How the due date of a loan is set by a loan policy."""

    DAYS = "days", _("a number of days")
    END_OF_SEMESTER = "semester", _("to the end of the semester")
    END_OF_ACADEMIC_YEAR = "academic_year", _("to the end of the academic year")
    READING_ROOM = "reading_room", _("reading room only (back the same day)")


class ReservationStatus(models.TextChoices):
    """State of an order from the personal cabinet (607-37)."""

    WAITING = "waiting", _("waiting for a copy")
    ACTIVE = "active", _("held for the reader")
    FULFILLED = "fulfilled", _("issued")
    EXPIRED = "expired", _("expired")
    CANCELLED = "cancelled", _("cancelled")


OPEN_RESERVATION_STATUSES = (ReservationStatus.WAITING, ReservationStatus.ACTIVE)


class RefusalReason(models.TextChoices):
    """Why an order could not be satisfied (read by the storage refusal log, 607-53)."""

    NOT_IN_FUND = "not_in_fund", _("not in the fund")
    ALL_ON_LOAN = "all_on_loan", _("all copies are on loan or held")
    READING_ROOM_ONLY = "reading_room_only", _("reading room only")
    NOT_FOUND = "not_found", _("not found on the shelf")
    IN_PROCESSING = "in_processing", _("in processing or repair")


class RefusalAction(models.TextChoices):
    """What was offered in place of the refused order."""

    NONE = "none", _("nothing yet")
    WAITLIST = "waitlist", _("put on the waiting list")
    ILL = "ill", _("interlibrary loan request")
    EDD = "edd", _("electronic document delivery request")
    E_VERSION = "e_version", _("electronic version offered")


class DeliveryKind(models.TextChoices):
    ILL = "ill", _("interlibrary loan (ILL)")
    EDD = "edd", _("electronic document delivery (EDD)")


class IllStatus(models.TextChoices):
    """Status of an ILL/EDD request (607-41)."""

    NEW = "new", _("new")
    SENT = "sent", _("sent to the holding library")
    RECEIVED = "received", _("received, ready for the reader")
    DELIVERED = "delivered", _("delivered to the reader")
    RETURNED = "returned", _("returned to the holding library")
    REJECTED = "rejected", _("not fulfilled")


class LossStatus(models.TextChoices):
    OPEN = "open", _("not replaced yet")
    REPLACED = "replaced", _("replaced")


class NoticeKind(models.TextChoices):
    OVERDUE = "overdue", _("overdue and due-soon loans")
    HOLD_READY = "hold_ready", _("awaited book held")
    ORDER_EXPIRED = "order_expired", _("order expired")
    INFO_ANSWER = "info_answer", _("answer to an information request")


class NoticeStatus(models.TextChoices):
    """Where an e-mail notice is: sent by a Celery task with retries; a failure stays in the log."""

    QUEUED = "queued", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    NO_ADDRESS = "no_address", _("no e-mail address")


class FeedbackService(models.TextChoices):
    LENDING = "lending", _("loan desk")
    READING_ROOM = "reading_room", _("reading room")
    CATALOGUE = "catalogue", _("electronic catalogue")
    E_RESOURCES = "e_resources", _("electronic library and databases")
    ILL = "ill", _("ILL and EDD")
    UDC = "udc", _("UDC indexes")
    CONSULTATIONS = "consultations", _("consultations")


class ReferenceKind(models.TextChoices):
    """Kinds of bibliographic references (607-46)."""

    THEMATIC = "thematic", _("thematic")
    CLARIFYING = "clarifying", _("clarifying")
    ADDRESS = "address", _("address (where to find)")
    FACTUAL = "factual", _("factual")


class ExhibitionRequestStatus(models.TextChoices):
    """State of a department's request for an exhibition (607-47): submitted on the web, accepted by the library
    (which may make it an exhibition), then prepared and held, or refused with a reason."""

    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted")
    HELD = "held", _("prepared and held")
    REFUSED = "refused", _("refused")


class InfoRequestStatus(models.TextChoices):
    """State of a request for information-bibliographic services (607-49): answered or refused by a librarian."""

    SUBMITTED = "submitted", _("submitted")
    ANSWERED = "answered", _("answered")
    REFUSED = "refused", _("refused")


class ClassBookingStatus(models.TextChoices):
    """State of a department's booking of a class or an excursion for a group: confirmed as an event on a date, or
    refused with a reason."""

    SUBMITTED = "submitted", _("submitted")
    CONFIRMED = "confirmed", _("confirmed")
    REFUSED = "refused", _("refused")


class EventKind(models.TextChoices):
    """Kinds of the library's educational events, counted separately in the annual report (§7)."""

    CLASS = "class", _("class")
    EXCURSION = "excursion", _("excursion")
    TRAINING = "training", _("training")
    EVENT = "event", _("event")


# What a department may book for a group on the web (a general event is the library's own initiative).
BOOKABLE_EVENT_KINDS = (EventKind.CLASS, EventKind.EXCURSION, EventKind.TRAINING)


class ExhibitionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class InfoServiceKind(models.TextChoices):
    CONSULTATION = "consultation", _("consultation")
    TRAINING = "training", _("training")
    WEBINAR = "webinar", _("webinar")
    BIBLIOGRAPHY = "bibliography", _("list of literature")
    DATABASE_TRAINING = "database_training", _("training on databases")


class ExhibitionKind(models.TextChoices):
    PHYSICAL = "physical", _("in the library")
    VIRTUAL = "virtual", _("virtual")


class BibliometricSource(models.TextChoices):
    SCOPUS = "scopus", "Scopus"
    WOS = "wos", "Web of Science"
    RSCI = "rsci", _("RSCI")
    KAZ = "kaz", _("Kazakhstan journals (KazCSE list)")
    OTHER = "other", _("other")

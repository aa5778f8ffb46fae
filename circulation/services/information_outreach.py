"""Use cases of the library's outreach (QP 607 §5.5): a department's exhibition request (607-47) and the exhibition
it becomes, the information-literacy plan's classes booked by departments and confirmed into events (607-50), and
the information-service requests (607-49) readers and departments send and librarians answer.

Each checks who may do it (a head for their own department, a reader for themselves, a processing librarian for
the queue): the pages call these and show the refusal's message as it is."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..constants import (
    BOOKABLE_EVENT_KINDS,
    ClassBookingStatus,
    ExhibitionRequestStatus,
    ExhibitionStatus,
    InfoRequestStatus,
    NoticeKind,
)
from ..exceptions import CirculationError
from ..models import (
    ClassBooking,
    Event,
    EventParticipant,
    Exhibition,
    ExhibitionRequest,
    InfoServiceRequest,
    LiteracyPlanItem,
    Reader,
)
from ..outreach_access import heads_department, processes_outreach
from .notices import notice_queue


def _check(obj) -> None:
    """Run the model's checks and turn the first error into the domain's refusal (nothing is written)."""
    try:
        obj.full_clean()
    except ValidationError as error:
        messages = [str(message) for messages in error.message_dict.values() for message in messages]
        raise CirculationError(messages[0] if messages else _("The data are not valid.")) from error


def _require_processor(user) -> None:
    if not processes_outreach(user):
        raise CirculationError(_("Only the librarians of the information services process these requests."))


def _require_head(user) -> None:
    if not heads_department(user):
        raise CirculationError(_("Only the head of an academic department submits this for the department."))


def _locked(model, pk: int):
    return model.objects.select_for_update().get(pk=pk)


# --- Exhibitions (607-47) ---------------------------------------------------------------------------------------


@transaction.atomic
def exhibition_request_submit(*, user, topic: str, kind: str, date_from: dt.date, date_to: dt.date,
                              occasion: str = "", place: str = "", note: str = "") -> ExhibitionRequest:
    """A head of department asks the library to prepare an exhibition for their own department (607-47)."""
    _require_head(user)
    if date_from < timezone.localdate():
        raise CirculationError(_("An exhibition cannot start in the past."))
    request = ExhibitionRequest(department_id=user.academic_department_id, requested_by=user, topic=topic, kind=kind,
                                date_from=date_from, date_to=date_to, occasion=occasion, place=place, note=note)
    _check(request)
    request.save()
    return request


@transaction.atomic
def exhibition_request_accept(*, request: ExhibitionRequest, user) -> ExhibitionRequest:
    _require_processor(user)
    request = _locked(ExhibitionRequest, request.pk)
    if not request.awaits_decision:
        raise CirculationError(_("This request has already been decided."))
    request.status, request.librarian, request.handled_at = ExhibitionRequestStatus.ACCEPTED, user, timezone.now()
    request.save(update_fields=["status", "librarian", "handled_at"])
    return request


@transaction.atomic
def exhibition_request_refuse(*, request: ExhibitionRequest, user, reason: str) -> ExhibitionRequest:
    """Refuse a request the library cannot prepare; the department reads the reason on its page."""
    _require_processor(user)
    if not reason.strip():
        raise CirculationError(_("Give the reason for the refusal."))
    request = _locked(ExhibitionRequest, request.pk)
    if not (request.awaits_decision or request.may_be_held):
        raise CirculationError(_("This request has already been decided."))
    request.status, request.refusal_reason = ExhibitionRequestStatus.REFUSED, reason.strip()
    request.librarian, request.handled_at = user, timezone.now()
    request.save(update_fields=["status", "refusal_reason", "librarian", "handled_at"])
    return request


@transaction.atomic
def exhibition_request_mark_held(*, request: ExhibitionRequest, user) -> ExhibitionRequest:
    _require_processor(user)
    request = _locked(ExhibitionRequest, request.pk)
    if not request.may_be_held:
        raise CirculationError(_("Only an accepted request can be marked as held."))
    request.status, request.handled_at = ExhibitionRequestStatus.HELD, timezone.now()
    request.save(update_fields=["status", "handled_at"])
    return request


def _free_slug(base: str, *, exclude_pk: int | None = None) -> str:
    base = (slugify(base) or "exhibition")[:100].strip("-") or "exhibition"
    taken = set(Exhibition.objects.filter(slug__startswith=base).exclude(pk=exclude_pk)
                .values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# Kazakh and Russian titles become Latin addresses (search engines and people read them better than %-escapes).
_TRANSLIT = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
})


def _slug_for(title: str) -> str:
    return slugify(title.lower().translate(_TRANSLIT))


@transaction.atomic
def exhibition_save(*, exhibition: Exhibition, user=None) -> Exhibition:
    """The one write path of an exhibition (the admin's save, the request's conversion): a free address from its
    title when none is given, and the moment it was first published, which the public lists and §7 read."""
    if not exhibition.slug:
        exhibition.slug = _free_slug(_slug_for(exhibition.title_en or exhibition.title_kk),
                                     exclude_pk=exhibition.pk)
    if exhibition.is_published and exhibition.published_at is None:
        exhibition.published_at = timezone.now()
    if exhibition.status == ExhibitionStatus.DRAFT:
        exhibition.published_at = None
    if exhibition.created_by_id is None and user is not None:
        exhibition.created_by = user
    _check(exhibition)
    exhibition.save()
    return exhibition


@transaction.atomic
def exhibition_from_request(*, request: ExhibitionRequest, user) -> Exhibition:
    """An accepted request becomes a draft exhibition with its topic, kind, dates and place; the librarian then
    writes its text, chooses its records and publishes it."""
    _require_processor(user)
    request = _locked(ExhibitionRequest, request.pk)
    if not request.may_be_held:
        raise CirculationError(_("Only an accepted request becomes an exhibition."))
    existing = Exhibition.objects.filter(request=request).first()
    if existing is not None:
        return existing
    exhibition = Exhibition(title_kk=request.topic[:255], kind=request.kind, place=request.place,
                            date_from=request.date_from, date_to=request.date_to, request=request,
                            department_id=request.department_id, description_kk=request.occasion)
    return exhibition_save(exhibition=exhibition, user=user)


# --- Classes and excursions (607-50) ----------------------------------------------------------------------------


@transaction.atomic
def class_booking_submit(*, user, kind: str, group_name: str, students_count: int, preferred_from: dt.date,
                         preferred_to: dt.date, plan_item: LiteracyPlanItem | None = None, topic: str = "",
                         note: str = "") -> ClassBooking:
    """A head books a class, excursion or training for a group of their own department, on a topic of the year's
    plan or one of their own."""
    _require_head(user)
    if kind not in BOOKABLE_EVENT_KINDS:
        raise CirculationError(_("A department books a class, an excursion or a training."))
    if preferred_from < timezone.localdate():
        raise CirculationError(_("The preferred dates cannot be in the past."))
    topic = (topic or "").strip() or (plan_item.topic if plan_item else "")
    if not topic:
        raise CirculationError(_("Choose a topic from the plan or write your own."))
    booking = ClassBooking(department_id=user.academic_department_id, requested_by=user, kind=kind,
                           plan_item=plan_item, topic=topic, group_name=group_name.strip(),
                           students_count=students_count, preferred_from=preferred_from, preferred_to=preferred_to,
                           note=note)
    _check(booking)
    booking.save()
    return booking


def _group_readers(booking: ClassBooking):
    """The readers of the booking's group in its department (still at the university): the expected participants."""
    return (Reader.objects.filter(department_id=booking.department_id, study_group__iexact=booking.group_name,
                                  left_on__isnull=True)
            .select_related("user").order_by("user__last_name", "user__first_name"))


@transaction.atomic
def class_booking_confirm(*, booking: ClassBooking, user, held_on: dt.date, place: str = "") -> Event:
    """The librarian gives the booking a date: it becomes an event of its kind (counted in §7), whose registration
    sheet (607-50) starts with the group's readers, attendance to be marked after the event."""
    _require_processor(user)
    booking = _locked(ClassBooking, booking.pk)
    if not booking.awaits_decision:
        raise CirculationError(_("This booking has already been decided."))
    event = Event(title=booking.topic[:500], kind=booking.kind, held_on=held_on, place=place,
                  plan_item=booking.plan_item, organiser=user)
    _check(event)
    event.save()
    EventParticipant.objects.bulk_create([
        EventParticipant(event=event, reader=reader, full_name=reader.full_name[:255], unit=booking.group_name,
                         contact=reader.email or reader.user.email or "")
        for reader in _group_readers(booking)
    ])
    booking.status, booking.event, booking.handled_by, booking.handled_at = (
        ClassBookingStatus.CONFIRMED, event, user, timezone.now())
    booking.save(update_fields=["status", "event", "handled_by", "handled_at"])
    return event


@transaction.atomic
def class_booking_refuse(*, booking: ClassBooking, user, reason: str) -> ClassBooking:
    _require_processor(user)
    if not reason.strip():
        raise CirculationError(_("Give the reason for the refusal."))
    booking = _locked(ClassBooking, booking.pk)
    if not booking.awaits_decision:
        raise CirculationError(_("This booking has already been decided."))
    booking.status, booking.refusal_reason = ClassBookingStatus.REFUSED, reason.strip()
    booking.handled_by, booking.handled_at = user, timezone.now()
    booking.save(update_fields=["status", "refusal_reason", "handled_by", "handled_at"])
    return booking


@transaction.atomic
def event_attendance_record(*, event: Event, user, attended: set[int], certified: set[int],
                            extra_names: tuple[str, ...] | list[str] = (), at: dt.date | None = None) -> int:
    """After the event the librarian marks who came (everyone else on the sheet did not), adds those who came
    unannounced, and, for a training, who received a certificate (only one who attended may). Returns how many
    attended."""
    _require_processor(user)
    at = at or timezone.localdate()
    if event.held_on > at:
        raise CirculationError(_("Attendance is recorded once the event has taken place."))
    if not event.gives_certificates and certified:
        raise CirculationError(_("Certificates are given for trainings only."))
    if certified - attended:
        raise CirculationError(_("A certificate goes only to a participant who attended."))
    participants = list(EventParticipant.objects.select_for_update().filter(event=event))
    unit = event.booking.group_name if hasattr(event, "booking") else ""
    for participant in participants:
        participant.attended = participant.pk in attended
        participant.certified = participant.pk in certified
    EventParticipant.objects.bulk_update(participants, ["attended", "certified"])
    new = [EventParticipant(event=event, full_name=name.strip()[:255], unit=unit, attended=True)
           for name in extra_names if name.strip()]
    EventParticipant.objects.bulk_create(new)
    return sum(1 for participant in participants if participant.attended) + len(new)


# --- Information-service requests (607-49) ----------------------------------------------------------------------


@transaction.atomic
def info_request_submit(*, user, kind: str, topic: str, details: str = "", preferred_date: dt.date | None = None,
                        audience: str = "", participants_expected: int | None = None) -> InfoServiceRequest:
    """A reader asks for themselves; a head of department asks for the department (a training for a group)."""
    reader = Reader.objects.filter(user=user).first() if user.is_authenticated else None
    department_id = user.academic_department_id if heads_department(user) else None
    if reader is None and department_id is None:
        raise CirculationError(_("Information services are requested by readers and heads of departments."))
    if preferred_date is not None and preferred_date < timezone.localdate():
        raise CirculationError(_("The preferred date cannot be in the past."))
    request = InfoServiceRequest(requested_by=user, reader=reader if department_id is None else None,
                                 department_id=department_id, kind=kind, topic=topic, details=details,
                                 preferred_date=preferred_date, audience=audience,
                                 participants_expected=participants_expected)
    _check(request)
    request.save()
    return request


def _notify_requester(request: InfoServiceRequest) -> None:
    """The requester is told by e-mail that the answer is on their page (the notices log keeps it; sent after
    commit by a task with retries). Someone without a reader profile finds it on the page only."""
    reader = request.reader or Reader.objects.select_related("user").filter(user_id=request.requested_by_id).first()
    if reader is None:
        return
    address = reader.email or reader.user.email
    with translation.override("kk"):
        subject = _("Kitaphana: the answer to your information request")
        body = render_to_string("circulation/email/info_answer.txt", {"request": request}) if address else ""
    notice_queue(reader=reader, kind=NoticeKind.INFO_ANSWER, day=timezone.localdate(), email=address,
                 subject=subject, body=body)


@transaction.atomic
def info_request_answer(*, request: InfoServiceRequest, user, answer: str,
                        held_on: dt.date | None = None) -> InfoServiceRequest:
    """Answer a request (the consultation's content, the list, the training's date); it counts on the day it was
    held, the day of the answer when not said otherwise."""
    _require_processor(user)
    if not answer.strip():
        raise CirculationError(_("Write the answer."))
    request = _locked(InfoServiceRequest, request.pk)
    if not request.awaits_answer:
        raise CirculationError(_("This request has already been answered or refused."))
    request.status, request.answer, request.librarian = InfoRequestStatus.ANSWERED, answer.strip(), user
    request.answered_at, request.held_on = timezone.now(), held_on or timezone.localdate()
    request.save(update_fields=["status", "answer", "librarian", "answered_at", "held_on"])
    _notify_requester(request)
    return request


@transaction.atomic
def info_request_refuse(*, request: InfoServiceRequest, user, reason: str) -> InfoServiceRequest:
    _require_processor(user)
    if not reason.strip():
        raise CirculationError(_("Give the reason for the refusal."))
    request = _locked(InfoServiceRequest, request.pk)
    if not request.awaits_answer:
        raise CirculationError(_("This request has already been answered or refused."))
    request.status, request.refusal_reason, request.librarian = InfoRequestStatus.REFUSED, reason.strip(), user
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "refusal_reason", "librarian", "answered_at"])
    _notify_requester(request)
    return request


__all__ = [
    "class_booking_confirm", "class_booking_refuse", "class_booking_submit", "event_attendance_record",
    "exhibition_from_request", "exhibition_request_accept", "exhibition_request_mark_held",
    "exhibition_request_refuse", "exhibition_request_submit", "exhibition_save", "info_request_answer",
    "info_request_refuse", "info_request_submit",
]

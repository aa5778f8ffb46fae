"""Section 7, sub-processes 5.1 (planning), 5.2 (acquisition and accounting) and 5.3 (cataloguing)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from acquisitions.models import AcquisitionRequest, WriteOffActStatus, WriteOffLine
from acquisitions.selectors import disciplines_provided_percent, satisfied_request_lines
from cataloguing.constants import RecordAction, UdcRequestStatus
from cataloguing.models import BibliographicRecord, Item, RecordChange, UdcRequest
from cataloguing.selectors import catalogue_cards_made
from core.constants import Subprocess
from core.periods import period_filter

from ..constants import FollowUpStatus, StaffDevelopmentKind
from ..models import (
    CouncilDecision,
    CouncilMeeting,
    ImprovementDecision,
    InnovationCard,
    OutgoingLetter,
    StaffDevelopmentEvent,
)
from .base import admin_rows, indicator, register, rows, total

# --- 5.1 planning and organisational-methodical support -----------------------------------------------------------

_TRAINING_KINDS = (StaffDevelopmentKind.TRAINING, StaffDevelopmentKind.SEMINAR, StaffDevelopmentKind.CONFERENCE,
                   StaffDevelopmentKind.CERTIFICATION)

# Trainings, seminars, conferences and certifications of the staff held in the period (the staff development log).
register("staff_development_events", Subprocess.PLANNING,
         "Қызметкерлерді оқыту іс-шаралары", "Мероприятия по обучению сотрудников", "Staff training events",
         rows(StaffDevelopmentEvent, "held_on", kind__in=_TRAINING_KINDS),
         records=admin_rows(StaffDevelopmentEvent, "held_on"))

# Methodical materials issued in the period (entries of the staff development log of that kind).
register("methodical_materials", Subprocess.PLANNING,
         "Әдістемелік материалдар", "Методические материалы", "Methodical materials",
         rows(StaffDevelopmentEvent, "held_on", kind=StaffDevelopmentKind.METHODICAL_MATERIAL),
         records=admin_rows(StaffDevelopmentEvent, "held_on",
                            kind__exact=StaffDevelopmentKind.METHODICAL_MATERIAL))

# The participants of the staff's trainings held in the period, and those of them certified.
register("staff_trained", Subprocess.PLANNING,
         "Оқудан өткен қызметкерлер", "Обучено сотрудников", "Staff trained",
         total(StaffDevelopmentEvent, "participants", "held_on", kind__in=_TRAINING_KINDS))
register("staff_certified", Subprocess.PLANNING,
         "Аттестатталған қызметкерлер", "Аттестовано сотрудников", "Staff certified",
         total(StaffDevelopmentEvent, "certified", "held_on", kind__in=_TRAINING_KINDS))

# Innovation cards (607-03) whose innovation was implemented in the period.
register("innovations_implemented", Subprocess.PLANNING,
         "Енгізілген инновациялар мен озық тәжірибелер", "Внедрено инноваций и передового опыта",
         "Innovations and best practices implemented",
         rows(InnovationCard, "implemented_on"), records=admin_rows(InnovationCard, "implemented_on"))

register("council_meetings", Subprocess.PLANNING,
         "Әдістемелік кеңес отырыстары", "Заседания Методического совета", "Methodological Council meetings",
         rows(CouncilMeeting, "held_on"), records=admin_rows(CouncilMeeting, "held_on"))


@indicator("decisions_completed", Subprocess.PLANNING,
           "Орындалған шешімдер (кеңес, жетілдіру)", "Выполнено решений (совет, улучшение)",
           "Decisions completed (council, improvement)")
def decisions_completed(date_from, date_to) -> int:
    """Decisions of the Methodological Council and improvement decisions completed in the period."""
    return (rows(CouncilDecision, "completed_on", status=FollowUpStatus.DONE).values([(date_from, date_to)])[0]
            + rows(ImprovementDecision, "completed_on", status=FollowUpStatus.DONE).values([(date_from, date_to)])[0])


# Outgoing letters (607-04) registered in the period and not cancelled.
register("letters_registered", Subprocess.PLANNING,
         "Тіркелген шығыс хаттар", "Зарегистрировано исходящих писем", "Outgoing letters registered",
         rows(OutgoingLetter, "registered_on", cancelled_at__isnull=True),
         records=admin_rows(OutgoingLetter, "registered_on"))

# --- 5.2 acquisition and accounting of the fund ------------------------------------------------------------------

# Copies entered in the fund with a receipt date in the period.
register("items_received", Subprocess.ACQUISITIONS,
         "Қорға түскен даналар", "Поступило экземпляров", "Copies received",
         rows(Item, "received_on"), records=admin_rows(Item, "received_on"))

# Copies on the write-off acts approved in the period.
register("items_written_off", Subprocess.ACQUISITIONS,
         "Есептен шығарылған даналар", "Списано экземпляров", "Copies written off",
         total(WriteOffLine, "copies", "act__approved_on", act__status=WriteOffActStatus.APPROVED))


@indicator("fund_size", Subprocess.ACQUISITIONS,
           "Кезең соңындағы қор көлемі (дана)", "Объём фонда на конец периода (экз.)",
           "Fund size at the end of the period (copies)")
def fund_size(date_from, date_to) -> int:
    """Inventoried copies received by the end of the period and not written off by then."""
    received = Item.objects.filter(
        models.Q(received_on__lte=date_to)
        | models.Q(period_filter("created_at", None, date_to), received_on__isnull=True)
    )
    written_off = WriteOffLine.objects.filter(act__status=WriteOffActStatus.APPROVED, act__approved_on__lte=date_to,
                                              item__isnull=False)
    return received.exclude(pk__in=written_off.values("item_id")).count()


@indicator("disciplines_provided", Subprocess.ACQUISITIONS,
           "Әдебиетпен нормаға сай қамтамасыз етілген пәндер (%)", "Дисциплины, обеспеченные литературой по норме (%)",
           "Disciplines provided with literature to the norm (%)", decimals=2)
def disciplines_provided(date_from, date_to):
    """Acquisitions' rule (the provision card, 607-05), a figure of today's holdings: a period that ended before
    today has no figure, since the library keeps no history of its provision."""
    if date_to < timezone.localdate():
        return None
    return disciplines_provided_percent()


# Departments' requests (607-07/08/10/11) submitted in the period.
register("acquisition_requests", Subprocess.ACQUISITIONS,
         "Кафедралардың түскен өтінімдері", "Поступило заявок кафедр", "Departments' requests received",
         rows(AcquisitionRequest, "submitted_at"), records=admin_rows(AcquisitionRequest, "submitted_at"))

# Acquisitions' own rule: request lines received in full in the period.
register("requests_satisfied", Subprocess.ACQUISITIONS,
         "Қанағаттандырылған өтінімдер", "Удовлетворено заявок", "Requests satisfied",
         satisfied_request_lines)

# --- 5.3 cataloguing ----------------------------------------------------------------------------------------------


@indicator("records_created", Subprocess.CATALOGUING,
           "Жасалған библиографиялық жазбалар", "Создано библиографических записей", "Bibliographic records created",
           records=admin_rows(BibliographicRecord, "created_at"))
def records_created(date_from, date_to) -> int:
    """Cataloguing's rule: records created in the period (by hand or imported)."""
    return BibliographicRecord.objects.in_period(date_from, date_to).count()


# Cataloguing's rule: the card sets (607-26) of the records a cataloguer created in the period.
register("catalogue_cards", Subprocess.CATALOGUING,
         "Жасалған каталог карточкалары", "Изготовлено каталожных карточек", "Catalogue cards made",
         catalogue_cards_made)


@indicator("records_edited", Subprocess.CATALOGUING,
           "Өңделген (түзетілген) жазбалар", "Отредактировано записей", "Records edited",
           records=admin_rows(RecordChange, "changed_at", action__exact=RecordAction.EDITED))
def records_edited(date_from, date_to) -> int:
    """Cataloguing's rule (the database passport's too): distinct records edited, re-imported or merged into."""
    return RecordChange.objects.edited_record_count(date_from, date_to)


# UDC requests answered with an index in the period (a rejected request assigns none).
register("udc_indexes_assigned", Subprocess.CATALOGUING,
         "Берілген ӘОЖ индекстері", "Выдано индексов УДК", "UDC indexes assigned",
         rows(UdcRequest, "answered_at", status=UdcRequestStatus.ANSWERED),
         records=admin_rows(UdcRequest, "answered_at", status__exact=UdcRequestStatus.ANSWERED))


"""The effectiveness indicators of section 7 of QP 607-2023, computed from the data for any period.

Each indicator has a code, a label in the three languages, the sub-process it measures, and a function
`(date_from, date_to) -> int` over the inclusive period. Planning sits at the top of the dependency order, so
it imports the models it counts and filters them by their own choices (never by a model's name resolved at
run time, nor a status written as a literal). `records_url(date_from, date_to)` opens the rows behind a
figure in the admin where that is possible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import models
from django.db.models import Count, Sum
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

from accounts.models import User
from accounts.roles import READER
from acquisitions.models import AcquisitionRequest, WriteOffActStatus, WriteOffLine
from antiplagiarism.models import Check
from cataloguing.constants import RecordAction
from cataloguing.models import BibliographicRecord, Item, RecordChange, UdcRequest
from circulation.constants import DeliveryKind, InfoServiceKind
from circulation.models import (
    Event,
    EventParticipant,
    FeedbackCard,
    IllRequest,
    InfoServiceRequest,
    Loan,
    ReferenceEntry,
    Refusal,
)
from core.constants import Subprocess
from core.periods import period_filter
from digital_library.choices import SystemRequestKind, UsageKind
from digital_library.models import DigitalFile, ScanningRequest, SystemRequest, UsageEvent
from digital_library.selectors import kpi_downloads
from risks.models import RiskEvent
from storage.constants import CandidateDecision
from storage.models import ConditionReading, CopyState, InspectionAct, WeedingCandidate

from .constants import FollowUpStatus, StaffDevelopmentKind
from .models import (
    CouncilDecision,
    CouncilMeeting,
    ImprovementDecision,
    InnovationCard,
    OutgoingLetter,
    StaffDevelopmentEvent,
)

Figure = int | None


@dataclass(frozen=True)
class Indicator:
    code: str
    subprocess: str
    label_kk: str
    label_ru: str
    label_en: str
    compute: Callable[[dt.date, dt.date], Figure]
    records: Callable[[dt.date, dt.date], str | None] | None = None

    @property
    def label(self) -> str:
        return self.label_in(get_language() or "kk")

    def label_in(self, language: str) -> str:
        return getattr(self, f"label_{(language or 'kk').split('-')[0]}", "") or self.label_kk

    def records_url(self, date_from: dt.date, date_to: dt.date) -> str | None:
        return self.records(date_from, date_to) if self.records else None


INDICATORS: dict[str, Indicator] = {}


def indicator(code: str, subprocess: str, kk: str, ru: str, en: str, *, records=None):
    """Register the decorated function as the indicator `code`."""

    def register(function: Callable[[dt.date, dt.date], Figure]):
        if code in INDICATORS:
            raise ValueError(f"Indicator {code} is registered twice")
        INDICATORS[code] = Indicator(code, subprocess, kk, ru, en, function, records)
        return function

    return register


def compute(code: str, date_from: dt.date, date_to: dt.date) -> Figure:
    return INDICATORS[code].compute(date_from, date_to)


def indicator_choices() -> list[tuple[str, str]]:
    return [(i.code, f"{i.subprocess} · {i.label}") for i in INDICATORS.values()]


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def previous_period(date_from: dt.date, date_to: dt.date) -> tuple[dt.date, dt.date]:
    """The period just before this one: as many whole months when the period is whole months (a half-year is
    compared with the half-year before), otherwise as many days."""
    next_day = date_to + dt.timedelta(days=1)
    if date_from.day == 1 and next_day.day == 1:
        months = (next_day.year - date_from.year) * 12 + next_day.month - date_from.month
        start = _month_start(date_from.year, date_from.month - months)
        return start, date_from - dt.timedelta(days=1)
    length = date_to - date_from
    previous_to = date_from - dt.timedelta(days=1)
    return previous_to - length, previous_to


# --- counting rows of a period ---------------------------------------------------------------------------------

def _period_field(model: type[models.Model], path: str) -> models.Field:
    """The field at the end of a "relation__field" path."""
    current, field = model, None
    for part in path.split("__"):
        field = current._meta.get_field(part)
        current = field.related_model
    return field


def _rows(model: type[models.Model], date_path: str, date_from: dt.date, date_to: dt.date, filters: dict):
    if isinstance(_period_field(model, date_path), models.DateTimeField):
        # As a range of instants, which the timestamp's index serves (`__date` lookups are for the admin URL).
        return model._default_manager.filter(period_filter(date_path, date_from, date_to), **filters)
    return model._default_manager.filter(**{f"{date_path}__gte": date_from, f"{date_path}__lte": date_to},
                                          **filters)


def count(model: type[models.Model], date_path: str, date_from: dt.date, date_to: dt.date, **filters) -> int:
    """Rows of `model` whose `date_path` falls in the period."""
    return _rows(model, date_path, date_from, date_to, filters).count()


def count_distinct(model: type[models.Model], field: str, date_path: str, date_from: dt.date, date_to: dt.date,
                   **filters) -> int:
    return _rows(model, date_path, date_from, date_to, filters).aggregate(n=Count(field, distinct=True))["n"]


def total(model: type[models.Model], field: str, date_path: str, date_from: dt.date, date_to: dt.date,
          **filters) -> int:
    return _rows(model, date_path, date_from, date_to, filters).aggregate(n=Sum(field))["n"] or 0


def admin_rows(model: type[models.Model], date_path: str, **filters):
    """A `records` function: the admin list of `model` filtered to the period (local fields only)."""

    def url(date_from: dt.date, date_to: dt.date) -> str | None:
        try:
            base = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        except NoReverseMatch:
            return None
        timestamp = isinstance(_period_field(model, date_path), models.DateTimeField)
        path = f"{date_path}__date" if timestamp else date_path
        query = {f"{path}__gte": date_from.isoformat(), f"{path}__lte": date_to.isoformat(), **filters}
        return f"{base}?{urlencode(query)}"

    return url


# --- 5.1 planning and organisational-methodical support ---------------------------------------------------

_TRAINING_KINDS = (StaffDevelopmentKind.TRAINING, StaffDevelopmentKind.SEMINAR, StaffDevelopmentKind.CONFERENCE,
                   StaffDevelopmentKind.CERTIFICATION)


@indicator("staff_development_events", Subprocess.PLANNING,
           "Қызметкерлерді оқыту іс-шаралары", "Мероприятия по обучению сотрудников", "Staff training events",
           records=admin_rows(StaffDevelopmentEvent, "held_on"))
def staff_development_events(date_from, date_to):
    return count(StaffDevelopmentEvent, "held_on", date_from, date_to, kind__in=_TRAINING_KINDS)


@indicator("methodical_materials", Subprocess.PLANNING,
           "Әдістемелік материалдар", "Методические материалы", "Methodical materials",
           records=admin_rows(StaffDevelopmentEvent, "held_on", kind__exact=StaffDevelopmentKind.METHODICAL_MATERIAL))
def methodical_materials(date_from, date_to):
    return count(StaffDevelopmentEvent, "held_on", date_from, date_to, kind=StaffDevelopmentKind.METHODICAL_MATERIAL)


@indicator("staff_trained", Subprocess.PLANNING,
           "Оқудан өткен қызметкерлер", "Обучено сотрудников", "Staff trained")
def staff_trained(date_from, date_to):
    return total(StaffDevelopmentEvent, "participants", "held_on", date_from, date_to,
                 kind__in=_TRAINING_KINDS)


@indicator("staff_certified", Subprocess.PLANNING,
           "Аттестатталған қызметкерлер", "Аттестовано сотрудников", "Staff certified")
def staff_certified(date_from, date_to):
    return total(StaffDevelopmentEvent, "certified", "held_on", date_from, date_to,
                 kind__in=_TRAINING_KINDS)


@indicator("innovations_implemented", Subprocess.PLANNING,
           "Енгізілген инновациялар мен озық тәжірибелер", "Внедрено инноваций и передового опыта",
           "Innovations and best practices implemented",
           records=admin_rows(InnovationCard, "implemented_on"))
def innovations_implemented(date_from, date_to):
    return count(InnovationCard, "implemented_on", date_from, date_to)


@indicator("council_meetings", Subprocess.PLANNING,
           "Әдістемелік кеңес отырыстары", "Заседания Методического совета", "Methodological Council meetings",
           records=admin_rows(CouncilMeeting, "held_on"))
def council_meetings(date_from, date_to):
    return count(CouncilMeeting, "held_on", date_from, date_to)


@indicator("decisions_completed", Subprocess.PLANNING,
           "Орындалған шешімдер (кеңес, жетілдіру)", "Выполнено решений (совет, улучшение)",
           "Decisions completed (council, improvement)")
def decisions_completed(date_from, date_to):
    return (count(CouncilDecision, "completed_on", date_from, date_to, status=FollowUpStatus.DONE)
            + count(ImprovementDecision, "completed_on", date_from, date_to, status=FollowUpStatus.DONE))


@indicator("letters_registered", Subprocess.PLANNING,
           "Тіркелген шығыс хаттар", "Зарегистрировано исходящих писем", "Outgoing letters registered",
           records=admin_rows(OutgoingLetter, "registered_on"))
def letters_registered(date_from, date_to):
    return count(OutgoingLetter, "registered_on", date_from, date_to, cancelled_at__isnull=True)


# --- 5.2 acquisition and accounting of the fund -------------------------------------------------------------

@indicator("items_received", Subprocess.ACQUISITIONS,
           "Қорға түскен даналар", "Поступило экземпляров", "Copies received",
           records=admin_rows(Item, "received_on"))
def items_received(date_from, date_to):
    return count(Item, "received_on", date_from, date_to)


@indicator("items_written_off", Subprocess.ACQUISITIONS,
           "Есептен шығарылған даналар", "Списано экземпляров", "Copies written off")
def items_written_off(date_from, date_to):
    return total(WriteOffLine, "copies", "act__approved_on", date_from, date_to,
                 act__status=WriteOffActStatus.APPROVED)


@indicator("fund_size", Subprocess.ACQUISITIONS,
           "Кезең соңындағы қор көлемі (дана)", "Объём фонда на конец периода (экз.)",
           "Fund size at the end of the period (copies)")
def fund_size(date_from, date_to):
    """Inventoried copies received by the end of the period and not written off by then."""
    received = Item.objects.filter(
        models.Q(received_on__lte=date_to)
        | models.Q(period_filter("created_at", None, date_to), received_on__isnull=True)
    )
    written_off = WriteOffLine.objects.filter(act__status=WriteOffActStatus.APPROVED, act__approved_on__lte=date_to,
                                              item__isnull=False)
    return received.exclude(pk__in=written_off.values("item_id")).count()


@indicator("acquisition_requests", Subprocess.ACQUISITIONS,
           "Кафедралардың түскен өтінімдері", "Поступило заявок кафедр", "Departments' requests received",
           records=admin_rows(AcquisitionRequest, "submitted_at"))
def acquisition_requests(date_from, date_to):
    return count(AcquisitionRequest, "submitted_at", date_from, date_to)


# --- 5.3 cataloguing ------------------------------------------------------------------------------------------

@indicator("records_created", Subprocess.CATALOGUING,
           "Жасалған библиографиялық жазбалар", "Создано библиографических записей", "Bibliographic records created",
           records=admin_rows(BibliographicRecord, "created_at"))
def records_created(date_from, date_to):
    return count(BibliographicRecord, "created_at", date_from, date_to)


@indicator("records_edited", Subprocess.CATALOGUING,
           "Өңделген (түзетілген) жазбалар", "Отредактировано записей", "Records edited",
           records=admin_rows(RecordChange, "changed_at", action__exact=RecordAction.EDITED))
def records_edited(date_from, date_to):
    return count_distinct(RecordChange, "record", "changed_at", date_from, date_to, action=RecordAction.EDITED)


@indicator("udc_indexes_assigned", Subprocess.CATALOGUING,
           "Берілген ӘОЖ индекстері", "Выдано индексов УДК", "UDC indexes assigned",
           records=admin_rows(UdcRequest, "answered_at"))
def udc_indexes_assigned(date_from, date_to):
    return count(UdcRequest, "answered_at", date_from, date_to)


# --- 5.4 automation and the digital library -------------------------------------------------------------------

@indicator("system_failures", Subprocess.AUTOMATION,
           "Жүйенің істен шығуы (өтінімдер)", "Сбои системы (заявки)", "System failures (requests)",
           records=admin_rows(SystemRequest, "submitted_at", kind__exact=SystemRequestKind.FAULT))
def system_failures(date_from, date_to):
    return count(SystemRequest, "submitted_at", date_from, date_to, kind=SystemRequestKind.FAULT)


@indicator("files_uploaded", Subprocess.AUTOMATION,
           "Жүктелген толық мәтінді файлдар", "Загружено полнотекстовых файлов", "Full-text files uploaded",
           records=admin_rows(DigitalFile, "uploaded_at"))
def files_uploaded(date_from, date_to):
    return count(DigitalFile, "uploaded_at", date_from, date_to)


@indicator("documents_digitised", Subprocess.AUTOMATION,
           "Цифрландырылған құжаттар", "Оцифровано документов", "Documents digitised",
           records=admin_rows(ScanningRequest, "published_at"))
def documents_digitised(date_from, date_to):
    return count(ScanningRequest, "published_at", date_from, date_to)


@indicator("downloads", Subprocess.AUTOMATION,
           "Электрондық кітапханадан жүктеп алу", "Скачивания из электронной библиотеки", "E-library downloads",
           records=admin_rows(UsageEvent, "occurred_at", kind__exact=UsageKind.DOWNLOAD))
def downloads(date_from, date_to):
    return kpi_downloads(date_from=date_from, date_to=date_to)


@indicator("plagiarism_checks", Subprocess.AUTOMATION,
           "Плагиатқа тексерулер", "Проверок на плагиат", "Plagiarism checks run",
           records=admin_rows(Check, "submitted_at"))
def plagiarism_checks(date_from, date_to):
    return count(Check, "submitted_at", date_from, date_to)


# --- 5.5 services ---------------------------------------------------------------------------------------------

_READER_TRAINING_KINDS = (InfoServiceKind.TRAINING, InfoServiceKind.WEBINAR, InfoServiceKind.DATABASE_TRAINING)


@indicator("readers_registered", Subprocess.SERVICES,
           "Тіркелген оқырмандар", "Записано читателей", "Readers registered")
def readers_registered(date_from, date_to):
    """Accounts holding the reader role, counted by the day they were created."""
    return count(User, "date_joined", date_from, date_to, groups__name=READER)


@indicator("loans", Subprocess.SERVICES,
           "Кітап беру", "Книговыдача", "Loans",
           records=admin_rows(Loan, "issued_at"))
def loans(date_from, date_to):
    return count(Loan, "issued_at", date_from, date_to)


@indicator("ill_requests", Subprocess.SERVICES,
           "КАА тапсырыстары", "Заказы по МБА", "ILL requests",
           records=admin_rows(IllRequest, "created_at", kind__exact=DeliveryKind.ILL))
def ill_requests(date_from, date_to):
    return count(IllRequest, "created_at", date_from, date_to, kind=DeliveryKind.ILL)


@indicator("edd_requests", Subprocess.SERVICES,
           "ҚЭЖ тапсырыстары", "Заказы ЭДД", "EDD requests",
           records=admin_rows(IllRequest, "created_at", kind__exact=DeliveryKind.EDD))
def edd_requests(date_from, date_to):
    return count(IllRequest, "created_at", date_from, date_to, kind=DeliveryKind.EDD)


@indicator("references", Subprocess.SERVICES,
           "Берілген анықтамалар", "Выполнено справок", "References given",
           records=admin_rows(ReferenceEntry, "given_on"))
def references(date_from, date_to):
    return count(ReferenceEntry, "given_on", date_from, date_to)


@indicator("virtual_references", Subprocess.SERVICES,
           "Виртуалды анықтамалар", "Виртуальные справки", "Virtual references",
           records=admin_rows(ReferenceEntry, "given_on", remote__exact=1))
def virtual_references(date_from, date_to):
    return count(ReferenceEntry, "given_on", date_from, date_to, remote=True)


@indicator("consultations", Subprocess.SERVICES,
           "Өткізілген консультациялар", "Проведено консультаций", "Consultations held",
           records=admin_rows(InfoServiceRequest, "held_on", kind__exact=InfoServiceKind.CONSULTATION))
def consultations(date_from, date_to):
    return count(InfoServiceRequest, "held_on", date_from, date_to, kind=InfoServiceKind.CONSULTATION)


@indicator("trainings", Subprocess.SERVICES,
           "Оқырмандарға сабақтар, тренингтер, вебинарлар", "Занятия, тренинги, вебинары для читателей",
           "Classes, trainings and webinars for readers")
def trainings(date_from, date_to):
    return count(InfoServiceRequest, "held_on", date_from, date_to,
                 kind__in=_READER_TRAINING_KINDS)


@indicator("events", Subprocess.SERVICES,
           "Іс-шаралар", "Мероприятия", "Events",
           records=admin_rows(Event, "held_on"))
def events(date_from, date_to):
    return count(Event, "held_on", date_from, date_to)


@indicator("event_participants", Subprocess.SERVICES,
           "Іс-шараларға қатысушылар", "Участники мероприятий", "Event participants")
def event_participants(date_from, date_to):
    return count(EventParticipant, "event__held_on", date_from, date_to)


@indicator("certified_participants", Subprocess.SERVICES,
           "Сертификат алған қатысушылар", "Участники с сертификатом", "Participants certified")
def certified_participants(date_from, date_to):
    return count(EventParticipant, "event__held_on", date_from, date_to, certified=True)


@indicator("feedback_cards", Subprocess.SERVICES,
           "Кері байланыс карталары", "Карты обратной связи", "Feedback cards",
           records=admin_rows(FeedbackCard, "created_at"))
def feedback_cards(date_from, date_to):
    return count(FeedbackCard, "created_at", date_from, date_to)


@indicator("refusals", Subprocess.SERVICES,
           "Бас тартулар", "Отказы", "Refusals",
           records=admin_rows(Refusal, "created_at"))
def refusals(date_from, date_to):
    return count(Refusal, "created_at", date_from, date_to)


# --- 5.6 storage ----------------------------------------------------------------------------------------------

@indicator("condition_readings", Subprocess.STORAGE,
           "Температура мен ылғалдылық өлшемдері", "Замеры температуры и влажности",
           "Temperature and humidity readings",
           records=admin_rows(ConditionReading, "measured_at"))
def condition_readings(date_from, date_to):
    return count(ConditionReading, "measured_at", date_from, date_to)


@indicator("out_of_norm_readings", Subprocess.STORAGE,
           "Нормадан тыс өлшемдер", "Замеры вне нормы", "Out-of-norm readings",
           records=admin_rows(ConditionReading, "measured_at", is_out_of_norm__exact=1))
def out_of_norm_readings(date_from, date_to):
    return count(ConditionReading, "measured_at", date_from, date_to, is_out_of_norm=True)


@indicator("inspection_acts", Subprocess.STORAGE,
           "Санитариялық және өрт қауіпсіздігі тексерулері", "Санитарные и пожарные проверки",
           "Sanitary and fire-safety inspections",
           records=admin_rows(InspectionAct, "inspected_on"))
def inspection_acts(date_from, date_to):
    return count(InspectionAct, "inspected_on", date_from, date_to)


@indicator("copies_issued_on_orders", Subprocess.STORAGE,
           "Тапсырыс бойынша берілген даналар", "Выдано экземпляров по заказам", "Copies issued on readers' orders")
def copies_issued_on_orders(date_from, date_to):
    return count(Loan, "issued_at", date_from, date_to, reservation__isnull=False)


@indicator("copies_restored", Subprocess.STORAGE,
           "Қалпына келтірілген даналар", "Отреставрировано экземпляров", "Copies restored",
           records=admin_rows(CopyState, "restored_on"))
def copies_restored(date_from, date_to):
    """Copies whose latest restoration falls in the period."""
    return count(CopyState, "restored_on", date_from, date_to)


@indicator("copies_selected_for_write_off", Subprocess.STORAGE,
           "Есептен шығаруға іріктелген даналар", "Отобрано на списание", "Copies selected for write-off")
def copies_selected_for_write_off(date_from, date_to):
    return count(WeedingCandidate, "weeding_list__confirmed_at", date_from, date_to,
                 decision=CandidateDecision.WRITE_OFF)


# --- 6 risks --------------------------------------------------------------------------------------------------

@indicator("risk_events", Subprocess.RISKS,
           "Тәуекел оқиғалары", "События рисков", "Risk events",
           records=admin_rows(RiskEvent, "occurred_at"))
def risk_events(date_from, date_to):
    return count(RiskEvent, "occurred_at", date_from, date_to)

"""Section 7, sub-process 5.5: library and information services."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import User
from accounts.roles import READER
from circulation.constants import DeliveryKind, EventKind, InfoRequestStatus, InfoServiceKind
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
from circulation.selectors import borrowing_user_ids, events_by_kind, virtual_exhibitions_opened
from core.constants import Subprocess
from digital_library.selectors import downloading_user_ids, remote_users
from surveys.selectors import satisfaction_percent
from website.selectors import catalogue_searches, page_visits, posts_published, unique_visitors

from ..models import DailyEntranceCount
from .base import admin_rows, indicator, register, rows, shared, total

# The public site's rules: news and announcements published, page views and daily unique visitors (robots out).
register("site_posts", Subprocess.SERVICES,
         "Сайттағы жарияланымдар", "Публикации на сайте", "Posts on the site",
         posts_published)
register("site_page_visits", Subprocess.SERVICES,
         "Сайт беттерін қарау", "Просмотры страниц сайта", "Site page views",
         page_visits)
register("site_visitors", Subprocess.SERVICES,
         "Сайтқа келушілер (күн сайынғы бірегей)", "Посетители сайта (уникальные за день)",
         "Site visitors (daily unique)",
         unique_visitors)

# Accounts holding the reader role, counted by the day they were created.
register("readers_registered", Subprocess.SERVICES,
         "Тіркелген оқырмандар", "Записано читателей", "Readers registered",
         rows(User, "date_joined", groups__name=READER))


@indicator("active_readers", Subprocess.SERVICES,
           "Оқырмандар (белсенді)", "Читатели (активные)", "Readers (active)")
def active_readers(date_from, date_to) -> int:
    """Readers with a loan, an order (circulation's rule) or a full-text download (the digital library's) in the
    period, each counted once."""
    return User.objects.filter(Q(pk__in=borrowing_user_ids(date_from, date_to))
                               | Q(pk__in=downloading_user_ids(date_from, date_to))).count()


# The digital library's rule: e-library users whose counted requests came from outside the university's networks.
register("remote_users", Subprocess.SERVICES,
         "Қашықтан пайдаланушылар", "Удалённые пользователи", "Remote users",
         remote_users)

# Visitors: the daily entrance counts (turnstile file or typed in) of the period, summed.
register("visitors", Subprocess.SERVICES,
         "Келушілер", "Посещения", "Visits",
         total(DailyEntranceCount, "count", "day"), records=admin_rows(DailyEntranceCount, "day"))

# The public site's rule: search requests typed into the electronic catalogue (robots out).
register("catalogue_requests", Subprocess.SERVICES,
         "Электрондық каталогқа сұраулар", "Запросы к электронному каталогу", "Electronic catalogue requests",
         catalogue_searches)

# The surveys' rule: the share of readers' satisfied answers (4 or 5) to the questions counted for satisfaction.
register("satisfaction_percent", Subprocess.SERVICES,
         "Пайдаланушылардың қанағаттану пайызы", "Процент удовлетворённости пользователей", "User satisfaction (%)",
         satisfaction_percent, decimals=2)

# Loans issued in the period (at the desk and in the reading rooms).
register("loans", Subprocess.SERVICES,
         "Кітап беру", "Книговыдача", "Loans",
         rows(Loan, "issued_at"), records=admin_rows(Loan, "issued_at"))

# ILL and EDD requests (607-41) registered in the period.
register("ill_requests", Subprocess.SERVICES,
         "КАА тапсырыстары", "Заказы по МБА", "ILL requests",
         rows(IllRequest, "created_at", kind=DeliveryKind.ILL),
         records=admin_rows(IllRequest, "created_at", kind__exact=DeliveryKind.ILL))
register("edd_requests", Subprocess.SERVICES,
         "ҚЭЖ тапсырыстары", "Заказы ЭДД", "EDD requests",
         rows(IllRequest, "created_at", kind=DeliveryKind.EDD),
         records=admin_rows(IllRequest, "created_at", kind__exact=DeliveryKind.EDD))

# References given (607-46) in the period, and those of them given remotely.
register("references", Subprocess.SERVICES,
         "Берілген анықтамалар", "Выполнено справок", "References given",
         rows(ReferenceEntry, "given_on"), records=admin_rows(ReferenceEntry, "given_on"))
register("virtual_references", Subprocess.SERVICES,
         "Виртуалды анықтамалар", "Виртуальные справки", "Virtual references",
         rows(ReferenceEntry, "given_on", remote=True), records=admin_rows(ReferenceEntry, "given_on", remote__exact=1))

# Consultations held in the period (information service requests, 607-49, of that kind answered).
register("consultations", Subprocess.SERVICES,
         "Өткізілген консультациялар", "Проведено консультаций", "Consultations held",
         rows(InfoServiceRequest, "held_on", kind=InfoServiceKind.CONSULTATION, status=InfoRequestStatus.ANSWERED),
         records=admin_rows(InfoServiceRequest, "held_on", kind__exact=InfoServiceKind.CONSULTATION))

# Information publications: lists of literature compiled on the information requests answered in the period.
register("information_publications", Subprocess.SERVICES,
         "Ақпараттық басылымдар", "Информационные издания", "Information publications",
         rows(InfoServiceRequest, "answered_at", kind=InfoServiceKind.BIBLIOGRAPHY, status=InfoRequestStatus.ANSWERED),
         records=admin_rows(InfoServiceRequest, "answered_at", kind__exact=InfoServiceKind.BIBLIOGRAPHY))

# Circulation's rule: published virtual exhibitions whose first day falls in the period.
register("virtual_exhibitions", Subprocess.SERVICES,
         "Виртуалды көрмелер", "Виртуальные выставки", "Virtual exhibitions",
         virtual_exhibitions_opened)

_READER_TRAINING_KINDS = (InfoServiceKind.TRAINING, InfoServiceKind.WEBINAR, InfoServiceKind.DATABASE_TRAINING)

# Classes, trainings and webinars for readers held in the period on the departments' requests.
register("trainings", Subprocess.SERVICES,
         "Оқырмандарға сабақтар, тренингтер, вебинарлар", "Занятия, тренинги, вебинары для читателей",
         "Classes, trainings and webinars for readers",
         rows(InfoServiceRequest, "held_on", kind__in=_READER_TRAINING_KINDS, status=InfoRequestStatus.ANSWERED))

# Events held in the period, their participants, and the participants given a certificate.
register("events", Subprocess.SERVICES,
         "Іс-шаралар", "Мероприятия", "Events",
         rows(Event, "held_on"), records=admin_rows(Event, "held_on"))
# Circulation's rule: the events of each kind held in the period, counted apart (one selector call per period).
_EVENT_KIND_LABELS = {
    EventKind.CLASS: ("Сабақтар", "Занятия", "Classes"),
    EventKind.EXCURSION: ("Экскурсиялар", "Экскурсии", "Excursions"),
    EventKind.TRAINING: ("Тренингтер", "Тренинги", "Trainings"),
    EventKind.EVENT: ("Басқа іс-шаралар", "Другие мероприятия", "Other events"),
}


def _events_of_kind(kind: str):
    def count(date_from, date_to) -> int:
        return shared(("events_by_kind", date_from, date_to), lambda: events_by_kind(date_from, date_to))[kind]

    return count


for _kind in EventKind:
    _labels = _EVENT_KIND_LABELS.get(_kind, (_kind.label, _kind.label, _kind.label))
    register(f"events_{_kind.value}", Subprocess.SERVICES, *_labels, _events_of_kind(_kind.value),
             records=admin_rows(Event, "held_on", kind__exact=_kind.value))

register("event_participants", Subprocess.SERVICES,
         "Іс-шараларға қатысушылар", "Участники мероприятий", "Event participants",
         rows(EventParticipant, "event__held_on"))
register("certified_participants", Subprocess.SERVICES,
         "Сертификат алған қатысушылар", "Участники с сертификатом", "Participants certified",
         rows(EventParticipant, "event__held_on", certified=True))

# Feedback cards filled in the period, and the orders refused for want of a copy.
register("feedback_cards", Subprocess.SERVICES,
         "Кері байланыс карталары", "Карты обратной связи", "Feedback cards",
         rows(FeedbackCard, "created_at"), records=admin_rows(FeedbackCard, "created_at"))
register("refusals", Subprocess.SERVICES,
         "Бас тартулар", "Отказы", "Refusals",
         rows(Refusal, "created_at"), records=admin_rows(Refusal, "created_at"))

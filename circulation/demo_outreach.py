"""Demo of the library's outreach (called from `demo.py` once the readers exist): the year's information-literacy
plan, a virtual exhibition of catalogue records and a physical one made from a department's request (607-47), a class
booked by the head of Software Engineering and confirmed into an event with its group as participants (607-50), a
training with certificates, and a reader's information request answered (607-49). Every step goes through the
services, as on the web; a second run adds nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import User
from cataloguing.models import BibliographicRecord

from .constants import EventKind, ExhibitionKind, ExhibitionStatus, InfoServiceKind
from .models import ClassBooking, Event, Exhibition, ExhibitionRecord, ExhibitionRequest, InfoServiceRequest
from .models import LiteracyPlanItem as PlanItem
from .services import (
    class_booking_confirm,
    class_booking_submit,
    event_attendance_record,
    exhibition_from_request,
    exhibition_request_accept,
    exhibition_request_submit,
    exhibition_save,
    info_request_answer,
    info_request_submit,
)

PLAN = (  # month, kind, topic, audience
    (2, EventKind.CLASS, "Электрондық каталогпен жұмыс: іздеу және тапсырыс беру", "1 курс студенттері"),
    (3, EventKind.TRAINING, "Scopus және Web of Science: авторлық профиль және h-индекс", "ПОҚ, докторанттар"),
    (4, EventKind.EXCURSION, "Кітапханаға саяхат: қорлар, оқу залдары, сирек кітаптар", "1 курс студенттері"),
    (9, EventKind.CLASS, "Ғылыми мақаланы рәсімдеу: ГОСТ 7.1 және APA", "Магистранттар"),
    (10, EventKind.TRAINING, "Антиплагиат жүйесі: жұмысты тексеруге дайындау", "Дипломанттар"),
    (11, EventKind.EVENT, "Кітапхана күні: жаңа түсімдер таныстырылымы", "Барлық оқырмандар"),
)


def _day_this_year(today: dt.date, days_ago: int) -> dt.date:
    """A past day of the current year (the §7 figures of the demo year count it), never before 1 January."""
    return max(today - dt.timedelta(days=days_ago), dt.date(today.year, 1, 1))


def load(stdout) -> None:
    today = timezone.localdate()
    head = User.objects.filter(username="head").first()
    analyst = User.objects.filter(username="analyst").first()
    reader_user = User.objects.filter(username="reader").first()
    if head is None or analyst is None or reader_user is None:
        stdout.write("circulation outreach: demo users missing, skipped")
        return
    for month, kind, topic, audience in PLAN:
        PlanItem.objects.get_or_create(year=today.year, topic=topic, defaults={
            "month": month, "kind": kind, "audience": audience, "responsible": analyst})

    if not Exhibition.objects.filter(slug="satbayev-library-new-books").exists():
        virtual = exhibition_save(exhibition=Exhibition(
            slug="satbayev-library-new-books", kind=ExhibitionKind.VIRTUAL, status=ExhibitionStatus.PUBLISHED,
            title_kk="Жаңа түсімдер: инженерия және жер туралы ғылымдар",
            title_ru="Новые поступления: инженерия и науки о Земле",
            title_en="New arrivals: engineering and Earth sciences",
            description_kk="Кітапхана қорына биыл түскен басылымдардан іріктеме.",
            description_ru="Подборка изданий, поступивших в фонд библиотеки в этом году.",
            description_en="A selection of the books the library received this year.",
            date_from=_day_this_year(today, 20), date_to=today + dt.timedelta(days=40)), user=analyst)
        records = BibliographicRecord.objects.public().order_by("-pk").values_list("pk", "title")[:5]
        ExhibitionRecord.objects.bulk_create([
            ExhibitionRecord(exhibition=virtual, record_id=pk, position=n, caption=f"{n}. {title[:200]}")
            for n, (pk, title) in enumerate(records, start=1)
        ])

    if not ExhibitionRequest.objects.filter(topic__startswith="Бағдарламалық инженерия тарихы").exists():
        request = exhibition_request_submit(
            user=head, topic="Бағдарламалық инженерия тарихы: алғашқы компьютерлерден бұлтқа дейін",
            kind=ExhibitionKind.PHYSICAL, date_from=today, date_to=today + dt.timedelta(days=21),
            occasion="Бағдарламашы күні", place="Бас ғимарат, оқу залы")
        exhibition_request_accept(request=request, user=analyst)
        physical = exhibition_from_request(request=request, user=analyst)
        physical.title_ru = "История программной инженерии: от первых компьютеров до облака"
        physical.title_en = "A history of software engineering: from the first computers to the cloud"
        physical.status = ExhibitionStatus.PUBLISHED
        exhibition_save(exhibition=physical, user=analyst)

    if not ClassBooking.objects.filter(department_id=head.academic_department_id).exists():
        plan_item = PlanItem.objects.filter(year=today.year, kind=EventKind.CLASS).order_by("month").first()
        booking = class_booking_submit(
            user=head, kind=EventKind.CLASS, plan_item=plan_item, group_name="ПИ-23-1", students_count=24,
            preferred_from=today, preferred_to=today + dt.timedelta(days=14), note="Сейсенбі күндері, 14:00-ден кейін")
        event = class_booking_confirm(booking=booking, user=analyst, held_on=_day_this_year(today, 3),
                                      place="Электрондық оқу залы")
        participants = list(event.participants.values_list("pk", flat=True))
        event_attendance_record(event=event, user=analyst, attended=set(participants), certified=set(),
                                extra_names=["Оспанов Дәурен"])
        # A booking still waiting for its date: the librarian's queue is not empty in the demo.
        class_booking_submit(user=head, kind=EventKind.EXCURSION, topic="Сирек кітаптар қорына экскурсия",
                             group_name="ПИ-24-2", students_count=18, preferred_from=today + dt.timedelta(days=7),
                             preferred_to=today + dt.timedelta(days=21))

    if not Event.objects.filter(kind=EventKind.TRAINING).exists():
        plan_item = PlanItem.objects.filter(year=today.year, kind=EventKind.TRAINING).order_by("month").first()
        training = Event.objects.create(title=plan_item.topic, kind=EventKind.TRAINING, plan_item=plan_item,
                                        held_on=_day_this_year(today, 10), place="Конференц-зал", organiser=analyst)
        event_attendance_record(event=training, user=analyst, attended=set(), certified=set(),
                                extra_names=["Ғабдуллина Ләззат", "Әбенов Қайрат", "Ким Ольга"])
        came = set(training.participants.values_list("pk", flat=True))
        event_attendance_record(event=training, user=analyst, attended=came, certified=came)

    if not Event.objects.filter(kind=EventKind.EXCURSION).exists():
        # First-year students shown round the library at the start of the year (§7 counts excursions apart).
        Event.objects.create(title="Кітапханаға саяхат: қорлар, оқу залдары, сирек кітаптар", kind=EventKind.EXCURSION,
                             held_on=_day_this_year(today, 20), place="Бас ғимарат", organiser=analyst)

    if not InfoServiceRequest.objects.filter(requested_by=reader_user).exists():
        asked = info_request_submit(
            user=reader_user, kind=InfoServiceKind.BIBLIOGRAPHY, topic="Машиналық оқыту бойынша әдебиеттер тізімі",
            details="Дипломдық жұмысқа 2020–2025 жылдардағы қазақ, орыс және ағылшын тілдеріндегі басылымдар керек.")
        info_request_answer(request=asked, user=analyst, answer=(
            "ЭК бойынша 18 кітап және Scopus-тан 25 мақала іріктелді; тізім сіздің поштаңызға жіберілді. "
            "Оқу залында кеңес алуға болады, 214-бөлме."))
        info_request_submit(user=reader_user, kind=InfoServiceKind.CONSULTATION,
                            topic="ORCID профилін қалай толтыру керек?")
        # A consultation and a webinar already held: section 7 counts them on the day they were held.
        consulted = info_request_submit(user=reader_user, kind=InfoServiceKind.CONSULTATION,
                                        topic="Scopus-та авторлық профильді қалай табуға болады?")
        info_request_answer(request=consulted, user=analyst, held_on=_day_this_year(today, 6), answer=(
            "Оқу залында көрсетілді: Author search, профильді біріктіру сұрауы, h-индекс."))
        webinar = info_request_submit(user=reader_user, kind=InfoServiceKind.WEBINAR,
                                      topic="Дәйексөз келтіру стильдері: ГОСТ 7.1 және APA")
        info_request_answer(request=webinar, user=analyst, held_on=_day_this_year(today, 12), answer=(
            "Вебинар өтті, жазбасы мен слайдтары поштаңызға жіберілді."))
    stdout.write("circulation outreach: literacy plan, 2 exhibitions, class booking → event, answered request")

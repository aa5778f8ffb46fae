"""Demo planning: outgoing letters (607-04), departments' plans and reports for the current year with their
figures filled from the data (607-01/02), the library's consolidated plan, innovation cards (607-03),
Methodological Council minutes, improvement decisions and staff development."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import LibraryDepartment, User

from .constants import (
    FollowUpStatus,
    ImprovementSource,
    InnovationKind,
    InnovationStatus,
    PlanPeriod,
    StaffDevelopmentKind,
)
from .models import (
    CouncilDecision,
    ImprovementDecision,
    InnovationCard,
    OutgoingLetter,
    PlanActivity,
    StaffDevelopmentEvent,
    WorkPlan,
)
from .services import (
    council_meeting_register,
    innovation_card_register,
    library_plan_consolidate,
    outgoing_letter_register,
    plan_activity_report,
    work_plan_approve,
    work_plan_create,
    work_report_fill,
)

LETTERS = [
    (
        "Қазақстан Республикасы Ұлттық академиялық кітапханасы\nДиректорға",
        "Кітапханааралық абонемент бойынша ынтымақтастық туралы",
        "Құрметті әріптестер!\n\nҚ.И. Сәтбаев атындағы ҚазҰТЗУ Ғылыми кітапханасы кітапханааралық абонемент (КАА) "
        "және құжаттарды электрондық жеткізу (ҚЭЖ) бойынша ынтымақтастық туралы келісім жасасуды ұсынады. "
        "Өңірлік ғылыми-техникалық әдебиеттерге қолжетімділік ғалымдарымыз бен білім алушыларымыз үшін аса маңызды.\n\n"
        "Ұсынысымызды қарастыруыңызды сұраймыз.",
    ),
    (
        "«Фолиант» баспасы\nКоммерциялық директорға",
        "Оқулықтарды жеткізу мерзімі туралы",
        "«Фолиант» баспасымен жасалған шарт бойынша 2026–2027 оқу жылына арналған оқулықтардың жеткізілу мерзімін "
        "нақтылауды сұраймыз. Әдебиеттер оқу үдерісін қамтамасыз ету үшін қыркүйек айына дейін қажет.",
    ),
]


def _letters(stdout) -> None:
    if OutgoingLetter.objects.exists():
        stdout.write(f"planning: {OutgoingLetter.objects.count()} letters already registered")
        return
    director = User.objects.filter(username="director").first()
    today = timezone.localdate()
    for offset, (addressee, subject, body) in enumerate(LETTERS):
        outgoing_letter_register(
            registered_on=today - dt.timedelta(days=10 - offset * 5), addressee=addressee, subject=subject, body=body,
            signatory_name=director.short_name if director else "Омарова Г.С.",
            signatory_position="Ғылыми кітапхана директоры",
            executor="Жұмабаева А.Қ., 8 (727) 257-70-48", created_by=director,
        )
    stdout.write(f"planning: {len(LETTERS)} outgoing letters registered")


# department: [(sub-process, activity, responsible, indicator, unit, target, entered actual, result)]
PLANS = {
    "acquisitions": [
        ("5.2", "Кафедралардың өтінімдері бойынша әдебиет сатып алу", "Жұмабаева А.Қ.", "items_received", "дана",
         1500, None, ""),
        ("5.2", "Ескірген әдебиетті есептен шығару актілерін рәсімдеу", "Жұмабаева А.Қ.", "items_written_off", "дана",
         800, None, ""),
        ("5.2", "Пәндердің кітаппен қамтамасыз етілуін мониторингілеу (607-05, 607-06)", "ҚЖжҒӨБ", "", "кафедра",
         40, 36, "36 кафедраның карталары жаңартылды"),
    ],
    "cataloguing": [
        ("5.3", "Жаңа түсімдерге библиографиялық жазба жасау", "Нұрланова Д.М.", "records_created", "жазба",
         1200, None, ""),
        ("5.3", "Электрондық каталог жазбаларын өңдеу және түзету", "Нұрланова Д.М.", "records_edited", "жазба",
         600, None, ""),
    ],
    "service": [
        ("5.5", "Бірінші курс студенттерін кітапханаға тіркеу", "Сейітова Ә.Б.", "readers_registered", "оқырман",
         2500, None, ""),
        ("5.5", "Кітап беру", "Абонемент", "loans", "дана", 40000, None, ""),
        ("5.5", "«Кітапхана — ғылым әлемі» апталығы", "Сейітова Ә.Б.", "", "іс-шара", 1, 1,
         "Апталық өтті, 320 қатысушы"),
    ],
    "storage": [
        ("5.6", "Қоймалардың температуралық-ылғалдылық режимін күнделікті бақылау", "Ахметов Н.С.",
         "condition_readings", "өлшем", 480, None, ""),
        ("5.6", "Тозған кітаптарды қалпына келтіру", "Ахметов Н.С.", "copies_restored", "дана", 150, None, ""),
        ("5.6", "Санитариялық күн өткізу", "КСБ", "", "күн", 6, 3, "Әр екі айда"),
    ],
    "directorate": [
        ("5.1", "Кітапхана қызметкерлерінің біліктілігін арттыру", "Омарова Г.С.", "staff_trained", "адам", 30,
         None, ""),
        ("5.1", "Әдістемелік кеңес отырыстары", "Омарова Г.С.", "council_meetings", "отырыс", 4, None, ""),
    ],
}

INNOVATIONS = [
    (InnovationKind.INNOVATION, "QR-код арқылы сөреден кітапқа тапсырыс беру", "service", "5.5",
     "Сейітова Ә.Б., Қасымов Т.Ғ.", "",
     "Оқырман сөредегі QR-кодты сканерлеп, электрондық каталогтағы жазбаны ашады және кітапқа тапсырыс береді.",
     "Оқырманның кітап іздеуге кететін уақыты қысқарады.", InnovationStatus.IMPLEMENTED),
    (InnovationKind.BEST_PRACTICE, "Қоймадағы климатты логгерлермен автоматты бақылау", "storage", "5.6",
     "Ахметов Н.С.", "Ұлттық академиялық кітапхананың тәжірибесі",
     "Қоймаларға деректерді жазатын термогигрометр-логгерлер орнатылып, деректер жүйеге CSV арқылы жүктеледі.",
     "Нормадан ауытқу уақытында анықталады.", InnovationStatus.IMPLEMENTING),
]


def _plans(stdout) -> None:
    year = timezone.localdate().year
    if WorkPlan.objects.filter(year=year).exists():
        return
    director = User.objects.filter(username="director").first()
    for code, lines in PLANS.items():
        department = LibraryDepartment.objects.filter(code=code).first()
        if department is None:
            continue
        plan = work_plan_create(department=department, year=year, period=PlanPeriod.YEAR,
                                created_by=User.objects.filter(library_department=department).first())
        for position, (subprocess, text, responsible, indicator, unit, target, actual, result) in enumerate(
                lines, start=1):
            activity = PlanActivity.objects.create(
                plan=plan, position=position, subprocess=subprocess, description=text, responsible=responsible,
                indicator=indicator, unit=unit, target=target,
            )
            if actual is not None:
                plan_activity_report(activity=activity, actual=actual, result=result)
        work_plan_approve(plan=plan, approved_by=director, approved_on=dt.date(year, 1, 15))
        work_report_fill(plan=plan)
    library_plan_consolidate(year=year, period=PlanPeriod.YEAR, created_by=director)
    stdout.write(f"planning: {len(PLANS)} department plans for {year} with figures from the data, consolidated")


def _methodical(stdout) -> None:
    if InnovationCard.objects.exists():
        return
    today = timezone.localdate()
    director = User.objects.filter(username="director").first()
    for index, (kind, title, dept, subprocess, authors, source, description, effect, status) in enumerate(INNOVATIONS):
        innovation_card_register(
            kind=kind, title=title, department=LibraryDepartment.objects.get(code=dept), subprocess=subprocess,
            authors=authors, source=source, description=description, expected_effect=effect, status=status,
            proposed_on=today - dt.timedelta(days=120 - index * 30),
            implemented_on=today - dt.timedelta(days=40) if status == InnovationStatus.IMPLEMENTED else None,
            achieved_effect="Алғашқы айда 410 тапсырыс QR-код арқылы түсті."
            if status == InnovationStatus.IMPLEMENTED else "",
            created_by=director,
        )
    meeting = council_meeting_register(
        held_on=today - dt.timedelta(days=35), chair="Омарова Г.С.", secretary="Ибраева Ж.О.",
        attendees="Бөлім меңгерушілері (6), кафедралардың өкілдері (3)",
        agenda="1. Кітаппен қамтамасыз ету мониторингінің нәтижелері.\n2. Оқырмандар сауалнамасының қорытындысы.",
        created_by=director,
    )
    CouncilDecision.objects.create(
        meeting=meeting, agenda_item="Кітаппен қамтамасыз ету мониторингі",
        decision="Қамтамасыз етілуі 0,5-тен төмен 12 пәнге қосымша тапсырыс дайындау.",
        responsible="Жұмабаева А.Қ.", deadline=today + dt.timedelta(days=30), status=FollowUpStatus.IN_PROGRESS,
        follow_up="8 пән бойынша өтінім жасалды.",
    )
    CouncilDecision.objects.create(
        meeting=meeting, agenda_item="Оқырмандар сауалнамасы",
        decision="Оқу залдарының жұмыс уақытын сессия кезінде 21:00-ге дейін ұзарту.",
        responsible="Сейітова Ә.Б.", deadline=today - dt.timedelta(days=5), status=FollowUpStatus.DONE,
        completed_on=today - dt.timedelta(days=7), follow_up="Бұйрық шықты, кесте ілінді.",
    )
    ImprovementDecision.objects.create(
        decided_on=today - dt.timedelta(days=35), source=ImprovementSource.BOOK_PROVISION, subprocess="5.2",
        finding="«Тау-кен ісі» мамандығының 12 пәні әдебиетпен 0,5-тен төмен қамтамасыз етілген.",
        decision="Электрондық басылымдарға жазылуды кеңейту және қосымша тапсырыс.",
        responsible="Жұмабаева А.Қ.", deadline=today + dt.timedelta(days=60), status=FollowUpStatus.IN_PROGRESS,
    )
    ImprovementDecision.objects.create(
        decided_on=today - dt.timedelta(days=60), source=ImprovementSource.REPORTS, subprocess="5.1",
        finding="Жарты жылдық есептерде дерекқорлармен жұмыс бойынша консультациялар аз.",
        decision="Қызметкерлерге Scopus және Web of Science бойынша оқыту өткізу.",
        responsible="Ибраева Ж.О.", deadline=today - dt.timedelta(days=20), status=FollowUpStatus.DONE,
        completed_on=today - dt.timedelta(days=25), effect="14 қызметкер оқытылды.",
    )
    for days_ago, kind, title, participants, certified in [
        (90, StaffDevelopmentKind.TRAINING, "Scopus және Web of Science дерекқорларымен жұмыс", 14, 14),
        (50, StaffDevelopmentKind.SEMINAR, "MARC 21 форматындағы каталогтау", 9, 0),
        (30, StaffDevelopmentKind.METHODICAL_MATERIAL, "Оқырмандарға арналған электрондық каталог бойынша нұсқаулық",
         0, 0),
    ]:
        StaffDevelopmentEvent.objects.create(kind=kind, title=title, held_on=today - dt.timedelta(days=days_ago),
                                             participants=participants, certified=certified,
                                             organiser="Ғылыми кітапхана")
    stdout.write("planning: innovation cards, council minutes, improvement decisions, staff development")


def load(stdout) -> None:
    _letters(stdout)
    _methodical(stdout)
    _plans(stdout)

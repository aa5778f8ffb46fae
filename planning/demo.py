"""Demo planning: outgoing letters (607-04), departments' plans and reports for the current year with their
figures filled from the data (607-01/02) and their approval chain (the library's plan at the vice-rector, a report
returned with remarks, one waiting), the planning calendar, innovation cards (607-03), Methodological Council
minutes, improvement decisions, staff development, certificates with a qualification gap and the local regulations
(one overdue for revision)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts import roles
from accounts.models import LibraryDepartment, User

from .constants import (
    ApprovalDocument,
    ApprovalStage,
    FollowUpStatus,
    ImprovementSource,
    InnovationKind,
    InnovationStatus,
    PlanPeriod,
    RegulationKind,
    StaffDevelopmentKind,
)
from .models import (
    CouncilDecision,
    DailyEntranceCount,
    ImprovementDecision,
    InnovationCard,
    LocalRegulation,
    OutgoingLetter,
    PlanActivity,
    PlanningDeadline,
    QualificationPlanItem,
    RequiredTraining,
    StaffCertificate,
    StaffDevelopmentEvent,
    TrainingProgramme,
    WorkPlan,
)
from .models.entrances import EntranceCountSource
from .services import (
    approval_decide,
    approval_may_submit,
    approval_submit,
    council_meeting_register,
    innovation_card_register,
    library_plan_consolidate,
    local_regulation_save,
    outgoing_letter_register,
    plan_activity_report,
    staff_certificate_save,
    work_plan_create,
    work_report_fill,
)
from .services.entrances import entrance_count_record

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


def _submitter(department, director):
    """Who submits a department's plan in the demo: a librarian of it holding the right, else the director."""
    for user in User.objects.filter(library_department=department, is_active=True).order_by("pk"):
        if approval_may_submit(user, WorkPlan(department=department, year=2000), ApprovalDocument.PLAN):
            return user
    return director


def _plans(stdout) -> None:
    year = timezone.localdate().year
    if WorkPlan.objects.filter(year=year).exists():
        return
    director = User.objects.filter(username="director").first()
    plans = []
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
        if director is not None:
            # The chain of §5.1: the department submits its plan, the director approves it.
            approval_submit(plan=plan, document=ApprovalDocument.PLAN, user=_submitter(department, director),
                            on=dt.date(year, 1, 10))
            approval_decide(plan=plan, document=ApprovalDocument.PLAN, user=director, approve=True,
                            on=dt.date(year, 1, 15))
        work_report_fill(plan=plan)
        plans.append(plan)
    library_plan = library_plan_consolidate(year=year, period=PlanPeriod.YEAR, created_by=director)
    stdout.write(f"planning: {len(PLANS)} department plans for {year} with figures from the data, consolidated")
    if director is None:
        return
    # The library's plan waits for the vice-rector's agreement (404-05).
    approval_submit(plan=library_plan, document=ApprovalDocument.PLAN, user=director,
                    comment="Бөлімдердің жоспарлары негізінде жинақталды.")
    # One report returned with remarks, one waiting for the director.
    if plans:
        returned = plans[0]
        approval_submit(plan=returned, document=ApprovalDocument.REPORT, user=_submitter(returned.department,
                                                                                         director))
        approval_decide(plan=returned, document=ApprovalDocument.REPORT, user=director, approve=False,
                        comment="2-жолдағы іс-шараның нәтижесін толықтырыңыз: қанша оқырман қатысты, "
                                "қандай қорытынды шықты.")
    if len(plans) > 1:
        approval_submit(plan=plans[1], document=ApprovalDocument.REPORT, user=_submitter(plans[1].department,
                                                                                         director))
    stdout.write("planning: the library's plan at the vice-rector, a report returned with remarks, one waiting")


def _calendar(stdout) -> None:
    """The planning calendar of the current year: the dates are the library's, edited in the admin."""
    year = timezone.localdate().year
    if PlanningDeadline.objects.filter(year=year).exists():
        return
    for document, stage, due_on, days in [
        (ApprovalDocument.PLAN, ApprovalStage.AUTHOR, dt.date(year, 1, 10), 10),
        (ApprovalDocument.PLAN, ApprovalStage.DIRECTOR, dt.date(year, 1, 20), 7),
        (ApprovalDocument.PLAN, ApprovalStage.VICE_RECTOR, dt.date(year, 1, 31), 7),
        # The year's report is written over December: its authors are reminded three weeks ahead.
        (ApprovalDocument.REPORT, ApprovalStage.AUTHOR, dt.date(year, 12, 20), 21),
        (ApprovalDocument.REPORT, ApprovalStage.DIRECTOR, dt.date(year, 12, 28), 7),
        (ApprovalDocument.REPORT, ApprovalStage.COUNCIL, dt.date(year + 1, 2, 25), 14),
    ]:
        PlanningDeadline.objects.create(year=year, period=PlanPeriod.YEAR, document=document, stage=stage,
                                        due_on=due_on, remind_days_before=days)
    stdout.write("planning: the planning calendar of the year (six deadlines)")


PROGRAMMES = [
    ("fire-safety", "Өрт қауіпсіздігі және еңбекті қорғау", "Пожарная безопасность и охрана труда",
     "Fire safety and labour protection", 12),
    ("marc21", "MARC 21 форматында каталогтау", "Каталогизация в формате MARC 21", "Cataloguing in MARC 21", None),
    ("scopus-wos", "Scopus және Web of Science дерекқорларымен жұмыс", "Работа с базами Scopus и Web of Science",
     "Working with Scopus and Web of Science", 24),
]
REQUIRED = [
    *((role, "fire-safety") for role in roles.LIBRARIAN_ROLES),
    (roles.LIBRARIAN_CATALOGUING, "marc21"),
    (roles.LIBRARIAN_ANALYTICS, "scopus-wos"),
]
REGULATIONS = [
    (RegulationKind.REGULATION, "Ғылыми кітапхана туралы ереже", "ҚазҰТЗУ-Е-607-01", 3 * 365, 2 * 365),
    (RegulationKind.RULES, "Кітапхананы пайдалану ережелері", "ҚазҰТЗУ-ПЕ-607-02", 2 * 365 + 40, 40),
    (RegulationKind.INSTRUCTION, "Кітапхана қорын сақтау жөніндегі нұсқаулық", "ҚазҰТЗУ-Н-607-03", 400, -30),
]


def _qualification(stdout) -> None:
    """Certificates (one from a staff development event, one expired), the roles' required trainings (so the
    gaps page has people to list), the year's qualification plan and the local regulations (one overdue)."""
    if TrainingProgramme.objects.exists():
        return
    today = timezone.localdate()
    programmes = {}
    for code, kk, ru, en, months in PROGRAMMES:
        programmes[code] = TrainingProgramme.objects.create(code=code, name_kk=kk, name_ru=ru, name_en=en,
                                                            valid_for_months=months)
    for role, code in REQUIRED:
        RequiredTraining.objects.create(role=role, programme=programmes[code])
    people = {user.username: user for user in User.objects.filter(
        username__in=["cataloguer", "desk", "storage", "analyst", "acquisitions", "director"])}
    event = StaffDevelopmentEvent.objects.filter(title__startswith="Scopus").first()
    certificates = [
        ("analyst", "scopus-wos", "Scopus және Web of Science дерекқорларымен жұмыс", "Elsevier / Clarivate", 16,
         today - dt.timedelta(days=90), "SC-2026-014", today + dt.timedelta(days=640), event),
        ("cataloguer", "marc21", "MARC 21 форматындағы каталогтау", "Ұлттық академиялық кітапхана", 36,
         today - dt.timedelta(days=300), "НАБ-0457", None, None),
        ("cataloguer", "fire-safety", "Өрт-техникалық минимум", "ҚазҰТЗУ еңбекті қорғау бөлімі", 8,
         today - dt.timedelta(days=200), "ӨҚ-118", today + dt.timedelta(days=165), None),
        ("desk", "fire-safety", "Өрт-техникалық минимум", "ҚазҰТЗУ еңбекті қорғау бөлімі", 8,
         today - dt.timedelta(days=420), "ӨҚ-052", today - dt.timedelta(days=55), None),
    ]
    for username, code, course, provider, hours, completed_on, number, valid_until, source in certificates:
        if username not in people:
            continue
        staff_certificate_save(certificate=StaffCertificate(
            person=people[username], programme=programmes[code], course=course, provider=provider, hours=hours,
            completed_on=completed_on, certificate_number=number, valid_until=valid_until, event=source))
    for username, code, title, days in [
        ("desk", "fire-safety", "Өрт-техникалық минимум (қайта оқу)", 20),
        ("storage", "fire-safety", "Өрт-техникалық минимум", 45),
    ]:
        if username in people:
            QualificationPlanItem.objects.create(year=today.year, person=people[username], programme=programmes[code],
                                                 title=title, planned_by=today + dt.timedelta(days=days))
    QualificationPlanItem.objects.create(year=today.year, role=roles.LIBRARIAN_CATALOGUING, title="RDA стандарты",
                                         planned_by=today + dt.timedelta(days=90))
    director = people.get("director")
    for kind, title, number, approved_days_ago, revision_in_days in REGULATIONS:
        local_regulation_save(regulation=LocalRegulation(
            kind=kind, title=title, number=number, approved_on=today - dt.timedelta(days=approved_days_ago),
            revision_due=today + dt.timedelta(days=revision_in_days), responsible=director))
    stdout.write("planning: staff certificates, required trainings, qualification plan, local regulations")


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


# Entrances counted: the turnstile at the main door and the reading room's tally (section 7's visitors).
ENTRANCES = (("Бас кіреберіс (турникет)", EntranceCountSource.TURNSTILE, 380),
             ("Оқу залы", EntranceCountSource.ENTERED, 90))


def _entrance_counts(stdout) -> None:
    if DailyEntranceCount.objects.exists():
        stdout.write(f"planning: {DailyEntranceCount.objects.count()} daily entrance counts already recorded")
        return
    today = timezone.localdate()
    days = [today - dt.timedelta(days=n) for n in range(1, 43) if (today - dt.timedelta(days=n)).weekday() < 6]
    # The same weeks a year before, so the KPI compares the year with the last one.
    days += [day.replace(year=day.year - 1) for day in days if not (day.month == 2 and day.day == 29)]
    for day in days:
        for position, (entrance, source, typical) in enumerate(ENTRANCES):
            # A quieter Saturday; otherwise the figure wanders around the entrance's typical day.
            count = typical + (day.toordinal() * (7 + position)) % 60 - (60 if day.weekday() == 5 else 0)
            entrance_count_record(day=day, entrance=entrance, source=source, count=count)
    stdout.write(f"planning: {len(days) * len(ENTRANCES)} daily entrance counts")


def load(stdout) -> None:
    _letters(stdout)
    _methodical(stdout)
    _plans(stdout)
    _calendar(stdout)
    _qualification(stdout)
    _entrance_counts(stdout)

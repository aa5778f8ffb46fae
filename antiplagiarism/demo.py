"""Demo data of the originality checker: the responsible person of a department, the demo operator's code
(DEMO-SE-2026, so the check can be tried at once), a few source texts, the digital library's full texts, and
one finished check. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import AcademicDepartment, User

from .models import AccessCode, Check, DepartmentResponsible
from .services import check_submit, collection_add_source, collection_index_digital_library

DEMO_CODE = "DEMO-SE-2026"

SOURCES = [
    ("demo:source:kk", "Жасанды интеллект негіздері", "Әбілқасымов Б.Е.",
     "Жасанды интеллект компьютерлік жүйелердің адамның ойлау қабілетіне ұқсас міндеттерді орындау қабілеті "
     "болып табылады. Бұл сала машиналық оқыту, табиғи тілді өңдеу және компьютерлік көру сияқты бағыттарды "
     "қамтиды. Соңғы онжылдықта нейрондық желілер айтарлықтай дамып, өнеркәсіпте кеңінен қолданыла бастады. "
     "Терең оқыту әдістері үлкен деректер көлемін өңдеуге мүмкіндік береді."),
    ("demo:source:ru", "Обогащение полезных ископаемых: учебник", "Абрамов А.А.",
     "Обогащение полезных ископаемых представляет собой совокупность процессов первичной обработки "
     "минерального сырья, имеющих целью отделение всех ценных минералов от пустой породы. Основными методами "
     "являются гравитационное обогащение, флотация и магнитная сепарация руды на обогатительных фабриках. "
     "Выбор схемы обогащения определяется вещественным составом руды и требованиями к концентрату."),
    ("demo:source:en", "Introduction to Algorithms (excerpt)", "Cormen T.H.",
     "Dynamic programming is a method for solving complex problems by breaking them down into simpler "
     "subproblems. It is applicable to problems exhibiting the properties of overlapping subproblems and "
     "optimal substructure, and it saves the result of each subproblem so that it is computed only once."),
]

DEMO_WORK = (
    "Кіріспе\n"
    "Бұл бітіру жұмысында кен байыту фабрикасының технологиялық сұлбасын автоматтандыру мәселесі қарастырылады.\n"
    "Обогащение полезных ископаемых представляет собой совокупность процессов первичной обработки минерального "
    "сырья, имеющих целью отделение всех ценных минералов от пустой породы.\n"
    "Автор ұсынған басқару алгоритмі флотация процесінің тұрақтылығын арттырады және реагент шығынын азайтады.\n"
    "Как отмечено в учебнике, «Выбор схемы обогащения определяется вещественным составом руды и требованиями "
    "к концентрату» [1, с. 12].\n"
    "Пайдаланылған әдебиеттер тізімі\n"
    "1. Абрамов А.А. Обогащение полезных ископаемых. — М., 2019."
)


def load(stdout) -> None:
    department = AcademicDepartment.objects.filter(code="software-engineering").first()
    head = User.objects.filter(username="head").first()
    operator = User.objects.filter(username="operator").first()
    if department is None or operator is None:
        stdout.write("antiplagiarism: skipped (the accounts demo is not loaded)")
        return
    if head:
        DepartmentResponsible.objects.update_or_create(
            department=department, defaults={"person": head, "order_reference": "Өкім № 14, 02.09.2026"}
        )
    today = timezone.localdate()
    term_start = dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    code, _created = AccessCode.objects.get_or_create(
        code=DEMO_CODE,
        defaults={
            "operator": operator, "department": department, "request_reference": "Кафедра өтінімі № 7, 05.09.2026",
            "quota": 50, "valid_from": term_start, "valid_until": dt.date(term_start.year + 1, 6, 30),
        },
    )
    for key, title, author, text in SOURCES:
        collection_add_source(title=title, text=text, author=author, external_key=key)
    counts = collection_index_digital_library()
    if not Check.objects.filter(access_code=code).exists() and code.is_usable(today):
        check_submit(
            operator=operator, code=code.code, title="Кен байыту фабрикасын автоматтандыру", author="Ахметов Д.С.",
            department=department, work_type=Check.WorkType.BACHELOR,
            upload=SimpleUploadedFile("ahmetov-diploma.txt", DEMO_WORK.encode("utf-8")),
        )
    stdout.write(
        f"antiplagiarism: code {DEMO_CODE} for the demo operator, {len(SOURCES)} source texts, "
        f"{counts['indexed']} digital library texts indexed"
    )

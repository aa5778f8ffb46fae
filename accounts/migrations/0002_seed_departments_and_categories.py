"""Seed the library's own departments (QP 607-2023 names) and the reader categories."""

from django.db import migrations

LIBRARY_DEPARTMENTS = [
    # code, abbreviation, kk, ru, en
    ("directorate", "", "Ғылыми кітапхана дирекциясы", "Дирекция Научной библиотеки", "Library directorate"),
    ("acquisitions", "ҚЖжҒӨБ", "Қор жинақтау және ғылыми өңдеу бөлімі", "Отдел комплектования и научной обработки",
     "Acquisition and Scientific Processing Department"),
    ("cataloguing", "КС", "Каталогтау секторы", "Сектор каталогизации", "Cataloguing sector"),
    ("service", "ККБ", "Қызмет көрсету бөлімі", "Отдел обслуживания", "Service Department"),
    ("storage", "КСБ", "Кітап сақтау бөлімі", "Отдел книгохранения", "Book Storage Department"),
    ("new-it", "ЖАТБ", "Жаңа ақпараттық технологиялар бөлімі", "Отдел новых информационных технологий",
     "New Information Technologies Department"),
    ("analytics", "АТБ", "Ақпараттық-талдау бөлімі", "Информационно-аналитический отдел",
     "Information-Analytical Department"),
]

READER_CATEGORIES = [
    # code, order, kk, ru, en
    ("bachelor", 10, "Бакалавриат студенті", "Студент бакалавриата", "Bachelor's student"),
    ("master", 20, "Магистрант", "Магистрант", "Master's student"),
    ("phd", 30, "Докторант (PhD)", "Докторант (PhD)", "PhD student"),
    ("faculty", 40, "Профессор-оқытушылар құрамы", "Профессорско-преподавательский состав", "Faculty"),
    ("staff", 50, "Қызметкер", "Сотрудник", "Staff"),
    ("external", 60, "Сырттан келген оқырман", "Внешний читатель", "External reader"),
]


def seed(apps, schema_editor):
    LibraryDepartment = apps.get_model("accounts", "LibraryDepartment")
    ReaderCategory = apps.get_model("accounts", "ReaderCategory")
    for code, abbreviation, kk, ru, en in LIBRARY_DEPARTMENTS:
        LibraryDepartment.objects.update_or_create(
            code=code, defaults={"abbreviation": abbreviation, "name_kk": kk, "name_ru": ru, "name_en": en}
        )
    for code, order, kk, ru, en in READER_CATEGORIES:
        ReaderCategory.objects.update_or_create(
            code=code, defaults={"ordering": order, "name_kk": kk, "name_ru": ru, "name_en": en}
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""Seed the electronic catalogue's 8 databases (QP 607 §5.3); the set stays configurable in the admin."""

from django.db import migrations

DATABASES = [
    # code, order, kind, kk, ru, en
    ("fund", 1, "библиографиялық", "Кітапхана қоры", "Фонд библиотеки", "Library fund"),
    ("foreign", 2, "библиографиялық", "Шетел әдебиеті", "Иностранная литература", "Foreign literature"),
    ("articles", 3, "библиографиялық", "Мақалалар", "Статьи", "Articles"),
    ("dissertations", 4, "библиографиялық", "Авторефераттар мен диссертациялар", "Авторефераты и диссертации",
     "Author abstracts and dissertations"),
    ("methodical", 5, "библиографиялық", "Әдістемелік нұсқаулар", "Методические указания", "Methodical guidelines"),
    ("periodicals", 6, "библиографиялық", "Мерзімді басылымдар", "Периодические издания", "Periodicals"),
    ("e-resources", 7, "толық мәтінді", "Электрондық ресурстар", "Электронные ресурсы", "Electronic resources"),
    ("rare", 8, "библиографиялық", "Сирек кітаптар", "Редкие книги", "Rare books"),
]


def seed(apps, schema_editor):
    CatalogueDatabase = apps.get_model("cataloguing", "CatalogueDatabase")
    LibraryDepartment = apps.get_model("accounts", "LibraryDepartment")
    creator = LibraryDepartment.objects.filter(code="cataloguing").first()
    for code, order, kind, kk, ru, en in DATABASES:
        CatalogueDatabase.objects.update_or_create(
            code=code,
            defaults={"ordering": order, "kind": kind, "name_kk": kk, "name_ru": ru, "name_en": en,
                      "creator_department": creator, "access": "Интернет, электрондық каталог"},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cataloguing", "0001_initial"),
        ("accounts", "0002_seed_departments_and_categories"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

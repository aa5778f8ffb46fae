"""Seed the rules of use (forms-structure §22, suggested configuration for SU); every value stays editable."""

from django.db import migrations

STUDENTS = ("bachelor", "master")
SENIOR = ("phd", "faculty")

# loan_category -> reader category -> (period_kind, days, max_items, renewals, renewal_days)
POLICIES = {
    "regular": {
        **{code: ("days", 30, 10, 1, 30) for code in STUDENTS},
        **{code: ("days", 30, 20, 1, 30) for code in SENIOR},
        "staff": ("days", 30, 10, 1, 30),
        "external": ("days", 15, 5, 1, 15),
    },
    "textbook": {
        **{code: ("semester", None, 10, 1, 30) for code in STUDENTS},
        "phd": ("semester", None, 20, 1, 30),
        "faculty": ("academic_year", None, 20, 1, 30),
        "staff": ("semester", None, 10, 1, 30),
        "external": ("reading_room", None, 3, 0, 0),
    },
    "reading_room": {code: ("reading_room", None, 5 if code in SENIOR else 3, 0, 0)
                     for code in (*STUDENTS, *SENIOR, "staff", "external")},
    "rare": {code: ("reading_room", None, 2, 0, 0) for code in (*STUDENTS, *SENIOR, "staff", "external")},
}


def seed(apps, schema_editor):
    ReaderCategory = apps.get_model("accounts", "ReaderCategory")
    LoanPolicy = apps.get_model("circulation", "LoanPolicy")
    categories = {c.code: c for c in ReaderCategory.objects.all()}
    for loan_category, rows in POLICIES.items():
        for code, (kind, days, max_items, renewals, renewal_days) in rows.items():
            if code not in categories:
                continue
            LoanPolicy.objects.get_or_create(
                reader_category=categories[code], loan_category=loan_category,
                defaults={"period_kind": kind, "period_days": days, "max_items": max_items,
                          "renewals_allowed": renewals, "renewal_days": renewal_days},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("circulation", "0001_readers_loans_orders"),
        ("accounts", "0002_seed_departments_and_categories"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

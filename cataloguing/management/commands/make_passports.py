"""python manage.py make_passports --year YYYY: database passports (607-27) for a year; idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from cataloguing.services import passports_make


class Command(BaseCommand):
    help = "Make (or remake) the passport of every catalogue database for a year (form 607-27)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, year, **options):
        passports = passports_make(year=year or timezone.localdate().year)
        for passport in passports:
            self.stdout.write(f"{passport.database.code} {passport.year}: {passport.record_count} records, "
                              f"{passport.records_added} added, {passport.records_edited} edited")
        self.stdout.write(f"passports {len(passports)}")

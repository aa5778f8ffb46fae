from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand

from equipment.services import maintenance_overdue_check


class Command(BaseCommand):
    help = ("Announce planned equipment maintenance past its date, so that risks records one event per missed "
            "date (idempotent; the beat job of the same name runs it daily).")

    def add_arguments(self, parser):
        parser.add_argument("--on", help="the day to check (YYYY-MM-DD), today by default")

    def handle(self, *args, **options):
        on = dt.date.fromisoformat(options["on"]) if options["on"] else None
        count = maintenance_overdue_check(on=on)
        self.stdout.write(f"{count} overdue maintenance announced")

from __future__ import annotations

from django.core.management.base import BaseCommand

from risks.services import risk_events_sync_storage


class Command(BaseCommand):
    help = "Record risk 6.1 events for out-of-norm storage readings that have none yet (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--since", help="only readings measured on or after this date (YYYY-MM-DD)")

    def handle(self, *args, **options):
        import datetime as dt

        since = dt.date.fromisoformat(options["since"]) if options["since"] else None
        created = risk_events_sync_storage(since=since)
        self.stdout.write(f"{created} risk events recorded")

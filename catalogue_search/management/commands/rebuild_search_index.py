"""Re-index the whole catalogue for search, batch by batch, showing progress. Safe to run any number of times."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from catalogue_search.constants import REINDEX_BATCH
from catalogue_search.services import rebuild_search_index


class Command(BaseCommand):
    help = "Rebuild the catalogue search index from the bibliographic records and their copies."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=REINDEX_BATCH)
        parser.add_argument(
            "--full", action="store_true",
            help="Start the vocabulary afresh and, on PostgreSQL, rebuild the GIN indexes after loading "
                 "(fastest for a first load; search is slow while it runs).",
        )

    def handle(self, *args, batch_size: int, full: bool, **options):
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            elapsed = max(time.monotonic() - started, 1e-6)
            share = done * 100 // total if total else 100
            self.stdout.write(f"indexed {done}/{total} ({share}%), {done / elapsed:.0f} records/s")

        done = rebuild_search_index(batch_size=batch_size, full=full, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"indexed {done} records in {time.monotonic() - started:.1f} s"))

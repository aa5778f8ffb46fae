"""python manage.py withdraw_written_off [--batch-size N]

Withdraws the records whose copies were all written off before withdrawal was kept (QP 607 §5.3): run once after
the migration that adds `withdrawn_at`; running it again changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cataloguing.records import records_withdrawal_sweep


class Command(BaseCommand):
    help = "Withdraw from the catalogue the records whose every copy is written off (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, batch_size, **options):
        self.stdout.write(f"withdrawn {records_withdrawal_sweep(batch_size=batch_size)}")

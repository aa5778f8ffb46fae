"""Copy the public site's visit counts into the database (also the beat job `website.visits_flush`)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from website.services import visits_flush


class Command(BaseCommand):
    help = "Write the site's visit counts (Redis or the process buffers) to the database; idempotent."

    def handle(self, *args, **options) -> None:
        days = visits_flush()
        self.stdout.write(f"{days}")

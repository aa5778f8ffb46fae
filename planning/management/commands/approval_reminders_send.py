from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from planning.services import approval_reminders_send


class Command(BaseCommand):
    help = ("E-mail the people who must act before each deadline of the planning calendar (authors who have not "
            "submitted, approvers of waiting steps): once per deadline and person, so running it again sends nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--on", help="the day to run for (YYYY-MM-DD); today by default")

    def handle(self, *args, **options):
        on = None
        if options["on"]:
            try:
                on = dt.date.fromisoformat(options["on"])
            except ValueError as error:
                raise CommandError(f"--on: {error}") from None
        queued = approval_reminders_send(on=on)
        self.stdout.write(f"queued {queued} reminder(s)")

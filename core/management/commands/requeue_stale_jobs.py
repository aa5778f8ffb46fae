from django.core.management.base import BaseCommand

from core.queueing import requeue_stale_jobs


class Command(BaseCommand):
    help = ("Queue again the background jobs still waiting long after they were queued (e.g. after a broker "
            "outage); the same sweep the periodic job runs.")

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=None, metavar="MINUTES",
                            help="waiting for longer than this (default: QUEUE_STALE_AFTER_MINUTES)")

    def handle(self, *args, **options):
        import datetime as dt

        minutes = options["older_than"]
        requeued = requeue_stale_jobs(older_than=None if minutes is None else dt.timedelta(minutes=minutes))
        for model, count in requeued.items():
            self.stdout.write(f"{model}: re-queued {count}")

from django.core.management.base import BaseCommand

from circulation.services import reservation_expire_due


class Command(BaseCommand):
    help = "Release the orders held for more than 24 hours (the same service the periodic job runs)."

    def handle(self, *args, **options):
        released = reservation_expire_due()
        self.stdout.write(f"released {released} expired hold(s)")

from django.core.management.base import BaseCommand

from circulation.services import overdue_notices_send


class Command(BaseCommand):
    help = "E-mail readers whose loans are due soon or overdue (one message per reader, once a day)."

    def handle(self, *args, **options):
        sent = overdue_notices_send()
        self.stdout.write(f"sent {sent} notice(s)")

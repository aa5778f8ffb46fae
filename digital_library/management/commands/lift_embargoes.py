from django.core.management.base import BaseCommand

from digital_library.services import digital_file_lift_embargoes


class Command(BaseCommand):
    help = "Mark full-text files whose embargo has ended as changed (also run daily by Celery beat)."

    def handle(self, *args, **options):
        count = digital_file_lift_embargoes()
        self.stdout.write(self.style.SUCCESS(f"Embargo lifted on {count} file(s)."))

from django.core.management.base import BaseCommand

from antiplagiarism.services import collection_index_digital_library


class Command(BaseCommand):
    help = "Index the digital library's full texts into the originality checker's collection (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Index every file again, changed or not.")

    def handle(self, *args, force: bool = False, **options):
        counts = collection_index_digital_library(force=force)
        self.stdout.write(
            f"indexed: {counts['indexed']}, unchanged: {counts['unchanged']}, removed: {counts['removed']}"
        )

from django.core.management.base import BaseCommand, CommandError

from core.demodata import load_all


class Command(BaseCommand):
    help = "Fill a realistic small demo library (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="allow loading into a DEBUG-off database")

    def handle(self, *args, **options):
        from django.conf import settings

        if not settings.DEBUG and not options["force"]:
            raise CommandError("Refusing to load demo data with DEBUG off (use --force on a test server).")
        apps = load_all(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {', '.join(apps)}"))

from django.core.management.base import BaseCommand, CommandError

from digital_library.backup import backup_create
from digital_library.constants import DEFAULT_BACKUP_KEEP_DAYS, DEFAULT_BACKUP_KEEP_LAST
from digital_library.exceptions import BackupError


class Command(BaseCommand):
    help = "Archive the database and the media files under BACKUP_DIR and prune old archives (also run nightly)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="directory for the archive (default: BACKUP_DIR)")
        parser.add_argument("--keep-days", type=int, default=DEFAULT_BACKUP_KEEP_DAYS,
                            help="delete archives older than this many days")
        parser.add_argument("--keep-last", type=int, default=DEFAULT_BACKUP_KEEP_LAST,
                            help="always keep this many newest archives")

    def handle(self, *args, **options):
        try:
            result = backup_create(directory=options["dir"], keep_days=options["keep_days"],
                                   keep_last=options["keep_last"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Backup written: {result.path} ({result.size} bytes, {result.media_files} media files); "
            f"pruned {len(result.pruned)} old archive(s)."
        ))

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from digital_library.backup import backup_restore
from digital_library.exceptions import BackupError


class Command(BaseCommand):
    help = "Restore a backup archive into the configured (empty) database and put the media files back."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="path of a kitaphana-backup-….tar.gz archive")

    def handle(self, *args, **options):
        try:
            manifest = backup_restore(archive_path=Path(options["archive"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Restored the backup of {manifest['created_at']} ({manifest['media_files']} media files)."
        ))

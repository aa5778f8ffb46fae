from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from digital_library.backup import LOCAL, S3, TARGETS, backup_restore, backup_restore_offsite
from digital_library.exceptions import BackupError


class Command(BaseCommand):
    help = ("Restore a backup archive into the configured (empty) database and put the media files back; "
            "--from s3 NAME fetches the archive from the off-site bucket first.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="path of a kitaphana-backup-….tar.gz archive, or its name in the bucket")
        parser.add_argument("--from", dest="source", choices=TARGETS, default=LOCAL,
                            help="local: a file on this server; s3: an archive in the bucket of S3_BUCKET")

    def handle(self, *args, **options):
        try:
            if options["source"] == S3:
                manifest = backup_restore_offsite(name=options["archive"])
            else:
                manifest = backup_restore(archive_path=Path(options["archive"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Restored the backup of {manifest['created_at']} ({manifest['media_files']} media files)."
        ))
        if manifest.get("media_missing"):
            self.stderr.write(self.style.WARNING(
                f"{len(manifest['media_missing'])} media file(s) listed in the backup are not in the storage, "
                f"e.g. {manifest['media_missing'][0]}"
            ))

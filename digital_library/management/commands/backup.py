from django.core.management.base import BaseCommand, CommandError

from digital_library.backup import LOCAL, S3, TARGETS, backup_create, backup_offsite_nightly
from digital_library.constants import DEFAULT_BACKUP_KEEP_DAYS, DEFAULT_BACKUP_KEEP_LAST
from digital_library.exceptions import BackupError


class Command(BaseCommand):
    help = ("Archive the database and the media files under BACKUP_DIR, or with --to s3 into the off-site bucket, "
            "and prune old archives there (both also run nightly).")

    def add_arguments(self, parser):
        parser.add_argument("--to", choices=TARGETS, default=LOCAL,
                            help="local: under BACKUP_DIR (or --dir); s3: the bucket of S3_BUCKET, under backups/")
        parser.add_argument("--dir", help="directory for the archive (default: BACKUP_DIR)")
        parser.add_argument("--nightly", action="store_true",
                            help="with --to s3: write nothing when the bucket already holds today's archive")
        parser.add_argument("--keep-days", type=int, default=DEFAULT_BACKUP_KEEP_DAYS,
                            help="delete archives older than this many days")
        parser.add_argument("--keep-last", type=int, default=DEFAULT_BACKUP_KEEP_LAST,
                            help="always keep this many newest archives")

    def handle(self, *args, **options):
        if options["to"] == S3 and options["dir"]:
            raise CommandError("--dir is for local archives; --to s3 writes to the bucket.")
        if options["nightly"] and options["to"] != S3:
            raise CommandError("--nightly goes with --to s3.")
        try:
            if options["nightly"]:
                name = backup_offsite_nightly(keep_days=options["keep_days"], keep_last=options["keep_last"])
                self.stdout.write(self.style.SUCCESS(f"Today's off-site backup: {name}"))
                return
            result = backup_create(directory=options["dir"], keep_days=options["keep_days"],
                                   keep_last=options["keep_last"], to=options["to"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        where = "in the bucket as " if result.target == S3 else ""
        self.stdout.write(self.style.SUCCESS(
            f"Backup written {where}{result.path} ({result.size} bytes, {result.media_files} media files); "
            f"pruned {len(result.pruned)} old archive(s)."
        ))

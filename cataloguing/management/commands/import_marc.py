"""python manage.py import_marc FILE [--format iso2709|marcxml|unimarc] [--encoding utf-8|marc8|cp1251] [--database C]

Without --format, the file says: XML or ISO 2709, MARC 21 or UNIMARC (RUSMARC, KazMARC) by its first record's
tags (`cataloguing.unimarc.is_unimarc`)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cataloguing.constants import MarcEncoding, MarcFormat
from cataloguing.imports import marc_import_command_start, marc_import_record_run
from cataloguing.marcio import ImportResult
from cataloguing.models import CatalogueDatabase
from cataloguing.unimarc import UNIMARC, is_unimarc


class Command(BaseCommand):
    help = "Import MARC 21 records (ISO 2709 or MARCXML) into the electronic catalogue."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", default=None,
                            choices=[MarcFormat.ISO2709, MarcFormat.MARCXML, MarcFormat.UNIMARC],
                            help="Default: guessed from the file (XML or ISO 2709, MARC 21 or UNIMARC). "
                                 "unimarc: UNIMARC, RUSMARC or KazMARC, ISO 2709 or XML.")
        parser.add_argument("--encoding", choices=MarcEncoding.values, default=MarcEncoding.UTF8)
        parser.add_argument("--database", default="fund", help="Code of the catalogue database for new records.")
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, file, format, encoding, database, batch_size, **options):
        try:
            target = CatalogueDatabase.objects.get(code=database)
        except CatalogueDatabase.DoesNotExist:
            raise CommandError(f"No catalogue database with code {database!r}.") from None
        try:
            stream = open(file, "rb")  # noqa: SIM115  (closed below; large files are streamed)
        except OSError as exc:
            raise CommandError(str(exc)) from None
        with stream:
            fmt = format or _guess_format(stream)
            verbosity = options.get("verbosity", 1)

            def progress(result: ImportResult) -> None:
                if verbosity >= 1:
                    self.stderr.write(f"\r{result.processed} read, {result.imported} imported, "
                                      f"{result.updated} updated, {result.flagged} flagged, "
                                      f"{len(result.rejected)} rejected", ending="")
                    self.stderr.flush()

            # A MarcImport row as for an upload: the run's counts, and the batch its flagged records are filtered by.
            job = marc_import_command_start(path=file, fmt=fmt, encoding=encoding, database=target)
            result = marc_import_record_run(job=job, stream=stream, batch_size=batch_size, on_progress=progress)
        if verbosity >= 1:
            self.stderr.write("")
        for rejection in result.rejected:
            where = f"#{rejection.position}" + (f" (byte {rejection.offset})" if rejection.offset is not None else "")
            self.stderr.write(f"rejected {where}: {rejection.reason}")
        self.stdout.write(result.summary)


def _guess_format(stream) -> str:
    head = stream.read(1 << 16)  # the first record, whose tags tell MARC 21 from UNIMARC
    stream.seek(0)
    if is_unimarc(head):
        return UNIMARC
    return MarcFormat.MARCXML if head.lstrip().startswith(b"<") else MarcFormat.ISO2709

"""python manage.py export_marc --out FILE [--format iso2709|marcxml|unimarc|unimarcxml] [--database CODE]"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cataloguing.constants import MarcFormat
from cataloguing.marcio import export_queryset
from cataloguing.models import BibliographicRecord, CatalogueDatabase
from cataloguing.unimarc import FORMATS as UNIMARC_FORMATS
from cataloguing.unimarc import UNIMARC_XML, export_unimarc_queryset


class Command(BaseCommand):
    help = ("Export bibliographic records as UTF-8 MARC 21 (ISO 2709 or MARCXML) or UNIMARC, which RUSMARC and "
            "KazMARC systems read (unimarc: ISO 2709, unimarcxml: XML).")

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True)
        parser.add_argument("--format", choices=MarcFormat.values, default=MarcFormat.ISO2709)
        parser.add_argument("--database", default=None, help="Only this catalogue database (code).")

    def handle(self, *args, out, format, database, **options):
        records = BibliographicRecord.objects.all()
        if database:
            if not CatalogueDatabase.objects.filter(code=database).exists():
                raise CommandError(f"No catalogue database with code {database!r}.")
            records = records.filter(database__code=database)
        with open(out, "wb") as stream:
            if format in UNIMARC_FORMATS:
                count = export_unimarc_queryset(records, stream, xml=format == UNIMARC_XML)
            else:
                count = export_queryset(records, stream, fmt=format)
        self.stdout.write(f"exported {count}")

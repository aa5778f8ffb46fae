"""Render parts of the inventory book (607-13) into a directory; the worker process of acquisitions.books."""

from pathlib import Path

from django.core.management.base import BaseCommand

from acquisitions.books import Part, render_part


class Command(BaseCommand):
    help = "Render the given parts of the inventory book (used by acquisitions.books.render_inventory_book)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="lines in the whole book")
        parser.add_argument("--workdir", required=True)
        parser.add_argument("parts", nargs="+", help="index:lo:hi:page_start:first:last")

    def handle(self, *args, **options):
        workdir = Path(options["workdir"])
        for encoded in options["parts"]:
            part = Part.decode(encoded)
            render_part(part, count=options["count"], destination=workdir / part.filename())

"""`manage.py kpi --from 2026-01-01 --to 2026-06-30 [--format table|json|csv] [--language kk|ru|en]`: every
indicator of section 7 for the period with the previous period's figure, the same table as the KPI page and its
PDF (both read `planning.indicators.kpi_table`)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from core.numbers import format_number
from planning.indicators import Figure, kpi_table

FORMATS = ("table", "json", "csv")
LANGUAGES = ("kk", "ru", "en")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from None


def _json_number(value: Figure) -> int | float | None:
    return float(value) if isinstance(value, Decimal) else value


def kpi_rows(date_from: dt.date, date_to: dt.date, language: str) -> tuple[tuple[dt.date, dt.date], list[dict]]:
    """The previous period and the KPI table as one dict per indicator: code, title (in `language`), value and
    previous figure."""
    previous, groups = kpi_table(date_from, date_to)
    return previous, [{"code": row.indicator.code, "title": row.indicator.label_in(language), "value": row.value,
                       "previous": row.previous, "decimals": row.indicator.decimals}
                      for group in groups for row in group.rows]


def _period(period: tuple[dt.date, dt.date]) -> str:
    return f"{period[0]:%d.%m.%Y}–{period[1]:%d.%m.%Y}"


class Command(BaseCommand):
    help = "Print every effectiveness indicator (QP 607 section 7) for a period, beside the period before it."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", required=True, type=_date, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, type=_date, help="last day, YYYY-MM-DD")
        parser.add_argument("--format", choices=FORMATS, default="table")
        parser.add_argument("--language", choices=LANGUAGES, default="kk", help="language of the titles")

    def handle(self, *args, date_from: dt.date, date_to: dt.date, format: str, language: str, **options):
        if date_from > date_to:
            raise CommandError("--from is after --to.")
        with translation.override(language):
            previous, rows = kpi_rows(date_from, date_to, language)
            if format == "json":
                self.stdout.write(json.dumps(
                    [{"code": r["code"], "title": r["title"], "value": _json_number(r["value"]),
                      "previous": _json_number(r["previous"])} for r in rows],
                    ensure_ascii=False, indent=2))
            elif format == "csv":
                writer = csv.writer(self.stdout, lineterminator="\n")
                writer.writerow(["code", "title", "value", "previous"])
                for r in rows:
                    writer.writerow([r["code"], r["title"], "" if r["value"] is None else r["value"],
                                     "" if r["previous"] is None else r["previous"]])
            else:
                self._table(rows, _period((date_from, date_to)), _period(previous))

    def _table(self, rows: list[dict], period: str, previous: str) -> None:
        def shown(value: Figure, decimals: int) -> str:
            return "—" if value is None else format_number(value, decimals)

        lines = [("code", "indicator", period, previous)]
        lines += [(r["code"], r["title"], shown(r["value"], r["decimals"]), shown(r["previous"], r["decimals"]))
                  for r in rows]
        widths = [max(len(line[i]) for line in lines) for i in range(4)]
        for code, title, value, previous in lines:
            self.stdout.write(f"{code:<{widths[0]}}  {title:<{widths[1]}}  {value:>{widths[2]}}  "
                              f"{previous:>{widths[3]}}")

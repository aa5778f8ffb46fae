"""Vocabularies every layer shares, kept here once because core is the lowest app."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subprocess(models.TextChoices):
    """The parts of QP 607-2023 work is filed under: the six sub-processes of §5 and the risk register of §6.

    The navigation's sections, the forms registry's groups, plan activities, innovations, decisions, indicators
    and risks all take their code and title from here.
    """

    PLANNING = "5.1", _("Planning and organisational-methodical support")
    ACQUISITIONS = "5.2", _("Book provision, acquisition and accounting of the fund")
    CATALOGUING = "5.3", _("Scientific processing of documents and the reference-search apparatus")
    AUTOMATION = "5.4", _("Automation and the digital resources fund")
    SERVICES = "5.5", _("Library and information services for teaching and research")
    STORAGE = "5.6", _("Organisation and storage of the fund")
    RISKS = "6", _("Risks and their prevention")

    @classmethod
    def of_section_5(cls) -> list[Subprocess]:
        """The sub-processes proper (§5.1–5.6): what a risk or a numbered form belongs to."""
        return [member for member in cls if member != cls.RISKS]

    @classmethod
    def section_5_choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls.of_section_5()]


class YearPart(models.TextChoices):
    """A half-year or the whole calendar year: what a work plan (607-01) covers and a subscription (607-09) runs."""

    FIRST_HALF = "h1", _("first half-year")
    SECOND_HALF = "h2", _("second half-year")
    YEAR = "year", _("calendar year")

    @property
    def months(self) -> tuple[int, int]:
        """Its first and last month."""
        return {"h1": (1, 6), "h2": (7, 12)}.get(self.value, (1, 12))

    def dates(self, year: int) -> tuple[dt.date, dt.date]:
        """Its first and last day in `year`."""
        first, last = self.months
        return dt.date(year, first, 1), dt.date(year + last // 12, last % 12 + 1, 1) - dt.timedelta(days=1)

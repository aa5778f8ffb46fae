from __future__ import annotations

import datetime as dt

from core.forms import PeriodForm


class RecentPeriodForm(PeriodForm):
    """The climate log's period: the last 30 days unless chosen."""

    def default_period(self, date_to: dt.date) -> dt.date:
        return date_to - dt.timedelta(days=29)

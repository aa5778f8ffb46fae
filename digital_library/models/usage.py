"""Usage of full-text files, counted the COUNTER (Release 5) way."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.periods import period_filter

from ..choices import UsageKind


class UsageEventQuerySet(models.QuerySet):
    def in_period(self, date_from, date_to):
        return self.filter(period_filter("occurred_at", date_from, date_to))

    def downloads(self):
        return self.filter(kind=UsageKind.DOWNLOAD)

    def views(self):
        return self.filter(kind=UsageKind.VIEW)

    def remote(self):
        return self.filter(remote=True)


class UsageEvent(models.Model):
    """One counted request for a full-text file: a view (opened in the browser) or a download.

    Only requests that pass the COUNTER filters are stored (`services.usage_record`): robots are not
    counted, and a repeat by the same user (or the same session from the same address) within 30 seconds is
    the same request. The rows are the evidence behind the usage figures and the KPI.
    """

    digital_file = models.ForeignKey(
        "digital_library.DigitalFile", on_delete=models.SET_NULL, null=True, related_name="usage_events",
        verbose_name=_("file"),
    )
    record = models.ForeignKey(
        "cataloguing.BibliographicRecord", on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("bibliographic record"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=UsageKind.choices)
    occurred_at = models.DateTimeField(_("when"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reader"),
    )
    session_key = models.CharField(_("session"), max_length=40, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    # Judged when the request is counted, against the university's networks of that day (section 7's remote
    # users); an unknown address is not counted as remote.
    remote = models.BooleanField(_("from outside the university's networks"), default=False)

    objects = UsageEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("usage event")
        verbose_name_plural = _("usage events")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            # The double-click check looks back 30 s for the same file and kind; per-item statistics group by it.
            models.Index(fields=["digital_file", "kind", "occurred_at"], name="dl_usage_file_kind_at_idx"),
            models.Index(fields=["kind", "occurred_at"], name="dl_usage_kind_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d %H:%M}"

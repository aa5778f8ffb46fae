"""Periodicals: consolidated subscription (607-09) and arrivals (607-15); licensed databases' usage (607-17)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from ..constants import LanguageGroup, LineStatus, RequestKind, SubscriptionPeriod
from ..exceptions import AcquisitionsError
from ..models import ConsolidatedOrder, Periodical, PeriodicalIssue, Subscription


@transaction.atomic
def subscriptions_from_order(*, order: ConsolidatedOrder, year: int) -> list[Subscription]:
    """The consolidated subscription (607-09) from an agreed subscription order; running it twice changes nothing."""
    order = ConsolidatedOrder.objects.get(pk=order.pk)
    if order.kind != RequestKind.SUBSCRIPTION:
        raise AcquisitionsError(_("This is not a subscription order."))
    if not order.makes_subscriptions:
        raise AcquisitionsError(_("The order must be agreed first."))
    created = []
    for line in order.lines.exclude(status=LineStatus.REFUSED).prefetch_related("request_lines"):
        source = line.request_lines.all()[0]
        periodical, _created = Periodical.objects.get_or_create(
            subscription_index=line.subscription_index or f"—{line.pk}",
            defaults={"title": line.title, "issn": source.issn, "language": source.language or LanguageGroup.OTHER,
                      "issues_per_year": source.issues_per_year or 12},
        )
        subscription, _created = Subscription.objects.get_or_create(
            periodical=periodical, year=year, period=line.period or SubscriptionPeriod.YEAR,
            defaults={"copies": line.quantity, "order_line": line},
        )
        subscription_expect_issues(subscription=subscription)
        created.append(subscription)
    return created


@transaction.atomic
def subscription_expect_issues(*, subscription: Subscription) -> int:
    """Lay out the arrivals sheet (607-15): the expected issues from the periodicity. Idempotent."""
    existing = set(subscription.issues.values_list("number", flat=True))
    issues = [
        PeriodicalIssue(subscription=subscription, number=number, expected_on=expected)
        for number, expected in enumerate(subscription.expected_dates(), start=1) if number not in existing
    ]
    PeriodicalIssue.objects.bulk_create(issues)
    return len(issues)


@transaction.atomic
def issue_receive(*, issue: PeriodicalIssue, received_on: dt.date, copies: int | None = None) -> PeriodicalIssue:
    """Tick an issue as received on the arrivals sheet."""
    issue = PeriodicalIssue.objects.select_for_update().select_related("subscription").get(pk=issue.pk)
    issue.received_on = received_on
    issue.copies_received = issue.subscription.copies if copies is None else copies
    issue.save(update_fields=["received_on", "copies_received"])
    return issue


@transaction.atomic
def issues_claim(*, issues, claimed_on: dt.date) -> int:
    """Mark missing issues as claimed from the agency."""
    return PeriodicalIssue.objects.filter(pk__in=[i.pk for i in issues], received_on__isnull=True).update(
        claimed_on=claimed_on
    )

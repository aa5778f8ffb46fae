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
    # Set-based: the periodicals and subscriptions the order already made read once, the missing ones written in
    # one INSERT each, and every subscription's expected issues in one more (the first line of an index or of a
    # subscription wins, as get_or_create would have it line by line).
    lines = list(order.lines.exclude(status=LineStatus.REFUSED).prefetch_related("request_lines").order_by("pk"))
    index_of = {line.pk: line.subscription_index or f"—{line.pk}" for line in lines}
    periodicals = {periodical.subscription_index: periodical
                   for periodical in Periodical.objects.filter(subscription_index__in=set(index_of.values()))}
    new_periodicals: dict[str, Periodical] = {}
    for line in lines:
        if index_of[line.pk] not in periodicals and index_of[line.pk] not in new_periodicals:
            source = line.request_lines.all()[0]
            new_periodicals[index_of[line.pk]] = Periodical(
                subscription_index=index_of[line.pk], title=line.title, issn=source.issn,
                language=source.language or LanguageGroup.OTHER, issues_per_year=source.issues_per_year or 12)
    periodicals.update({p.subscription_index: p for p in Periodical.objects.bulk_create(new_periodicals.values())})
    subscriptions = {(subscription.periodical_id, subscription.period): subscription
                     for subscription in Subscription.objects.filter(
                         periodical__in=periodicals.values(), year=year).select_related("periodical")}
    new_subscriptions: dict[tuple, Subscription] = {}
    for line in lines:
        key = (periodicals[index_of[line.pk]].pk, line.period or SubscriptionPeriod.YEAR)
        if key not in subscriptions and key not in new_subscriptions:
            new_subscriptions[key] = Subscription(periodical=periodicals[index_of[line.pk]], year=year, period=key[1],
                                                  copies=line.quantity, order_line=line)
    subscriptions.update(zip(new_subscriptions, Subscription.objects.bulk_create(new_subscriptions.values()),
                             strict=True))
    created = [subscriptions[(periodicals[index_of[line.pk]].pk, line.period or SubscriptionPeriod.YEAR)]
               for line in lines]
    _expect_issues(set(created))
    return created


def _expect_issues(subscriptions) -> int:
    """The expected issues of these subscriptions that are not laid out yet, written in one INSERT."""
    subscriptions = list(subscriptions)
    existing = set(PeriodicalIssue.objects.filter(subscription__in=subscriptions)
                   .values_list("subscription_id", "number"))
    issues = [
        PeriodicalIssue(subscription=subscription, number=number, expected_on=expected)
        for subscription in subscriptions
        for number, expected in enumerate(subscription.expected_dates(), start=1)
        if (subscription.pk, number) not in existing
    ]
    PeriodicalIssue.objects.bulk_create(issues)
    return len(issues)


@transaction.atomic
def subscription_expect_issues(*, subscription: Subscription) -> int:
    """Lay out the arrivals sheet (607-15): the expected issues from the periodicity. Idempotent."""
    return _expect_issues([subscription])


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

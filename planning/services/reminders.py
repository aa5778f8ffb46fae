"""Reminders of the planning calendar (QP 607-2023 §5.1): before each deadline the library keeps in
`PlanningDeadline`, the people who must act get one e-mail — the authors of the plans or reports not submitted
yet, the approvers of the steps still waiting. The daily Celery beat job and the management command
`approval_reminders_send` call the same service; a person is reminded of a deadline once (`ApprovalReminder`
is unique per deadline and person), so a second run sends nothing."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import LibraryDepartment, User
from core.dates import until_date

from ..constants import COMPILE_PERMISSION, STAGE_PERMISSION, ApprovalStage, ReminderStatus
from ..models import ApprovalReminder, PlanningDeadline, WorkPlan

logger = logging.getLogger(__name__)


def permission_holders(perm: str):
    """Active accounts granted `perm` through a role or by name (superusers are not reminded of everything)."""
    app_label, _sep, codename = perm.partition(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if permission is None:
        return User.objects.none()
    return (User.objects.filter(is_active=True)
            .filter(Q(groups__permissions=permission) | Q(user_permissions=permission)).distinct())


def _waiting(deadline: PlanningDeadline) -> dict[int, list[str]]:
    """Who must act for this deadline, and on what: {user id: [plan, …]}."""
    plans = {(plan.department_id): plan for plan in WorkPlan.objects.filter(
        year=deadline.year, period=deadline.period).select_related("department")}
    waiting: dict[int, list[str]] = {}

    def add(users, label: str) -> None:
        for user_id in users.values_list("pk", flat=True):
            waiting.setdefault(user_id, []).append(label)

    if deadline.stage == ApprovalStage.AUTHOR:
        # A document not started counts as not submitted: its authors are reminded all the same.
        authors = permission_holders("planning.change_workplan")
        for department in LibraryDepartment.objects.order_by("code"):
            plan = plans.get(department.pk)
            if plan is None or plan.is_with_author(deadline.document):
                add(authors.filter(library_department=department), department.name)
        library_plan = plans.get(None)
        if library_plan is None or library_plan.is_with_author(deadline.document):
            add(permission_holders(COMPILE_PERMISSION), _("Scientific Library (consolidated)"))
        return waiting
    approvers = permission_holders(STAGE_PERMISSION[deadline.stage])
    for plan in plans.values():
        if plan.pending_stage(deadline.document) == deadline.stage:
            add(approvers, str(plan))
    return waiting


def _wording(deadline: PlanningDeadline, items: list[str]) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        document = deadline.get_document_display()
        subject = _("Reminder: %(document)s, %(period)s %(year)s, %(until)s") % {
            "document": document, "period": deadline.get_period_display(), "year": deadline.year,
            "until": until_date(deadline.due_on)}
        if deadline.stage == ApprovalStage.AUTHOR:
            lead = _("Please submit for approval %(until)s:") % {"until": until_date(deadline.due_on)}
        else:
            lead = _("Waiting for your decision (%(step)s) %(until)s:") % {
                "step": deadline.get_stage_display(), "until": until_date(deadline.due_on)}
        body = "\n".join([lead, *(f"— {item}" for item in items), "",
                          _("Plans and reports: the “Approvals” page of the library system.")])
    return subject, body


def approval_reminders_send(*, on: dt.date | None = None) -> int:
    """Queue the reminders of every deadline whose window holds `on` (today); returns how many were queued."""
    from ..tasks import approval_reminder_send

    on = on or timezone.localdate()
    queued = 0
    for deadline in PlanningDeadline.objects.reminding_on(on):
        already = set(deadline.reminders.values_list("recipient_id", flat=True))
        waiting = {user_id: items for user_id, items in _waiting(deadline).items() if user_id not in already}
        recipients = User.objects.in_bulk(list(waiting))
        for user_id, items in waiting.items():
            recipient = recipients[user_id]
            subject, body = _wording(deadline, items)
            try:
                with transaction.atomic():
                    reminder = ApprovalReminder.objects.create(
                        deadline=deadline, recipient=recipient, email=recipient.email, subject=subject[:255],
                        body=body, status=ReminderStatus.QUEUED if recipient.email else ReminderStatus.NO_ADDRESS)
                    if recipient.email:
                        approval_reminder_send.delay_on_commit(reminder.pk)
            except IntegrityError:
                continue  # a run at the same moment reminded this person already
            queued += 1
    return queued


def approval_reminder_deliver(*, reminder_id: int, last_attempt: bool) -> ApprovalReminder | None:
    """Send one waiting reminder. A transient failure (SMTP, network) is recorded and raised so that the task tries
    again; on the last attempt, or for any other error, it is marked failed with the error. Sent once."""
    reminder = ApprovalReminder.objects.filter(pk=reminder_id).first()
    if reminder is None or reminder.status != ReminderStatus.QUEUED:
        return reminder
    message = EmailMessage(reminder.subject, reminder.body, settings.DEFAULT_FROM_EMAIL, [reminder.email])
    try:
        get_connection(fail_silently=False).send_messages([message])
    except Exception as error:
        retry = isinstance(error, OSError) and not last_attempt
        ApprovalReminder.objects.filter(pk=reminder.pk).update(
            attempts=F("attempts") + 1, error=f"{type(error).__name__}: {error}"[:2000],
            status=ReminderStatus.QUEUED if retry else ReminderStatus.FAILED)
        if retry:
            raise
        logger.warning("planning reminder %s failed: %s", reminder.pk, error)
        reminder.refresh_from_db()
        return reminder
    ApprovalReminder.objects.filter(pk=reminder.pk, status=ReminderStatus.QUEUED).update(
        attempts=F("attempts") + 1, error="", status=ReminderStatus.SENT, delivered_at=timezone.now())
    reminder.refresh_from_db()
    return reminder

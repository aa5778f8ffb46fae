"""Use cases of planning that write, by sub-domain; the names are re-exported so imports stay
`from planning.services import …`."""

from .approvals import approval_decide, approval_may_decide, approval_may_submit, approval_submit
from .plans import (
    council_meeting_register,
    innovation_card_register,
    library_plan_consolidate,
    outgoing_letter_cancel,
    outgoing_letter_register,
    plan_activity_report,
    work_plan_create,
    work_report_fill,
)
from .qualification import local_regulation_save, staff_certificate_save
from .reminders import approval_reminder_deliver, approval_reminders_send, permission_holders

__all__ = [
    "approval_decide", "approval_may_decide", "approval_may_submit", "approval_reminder_deliver",
    "approval_reminders_send", "approval_submit", "council_meeting_register", "innovation_card_register",
    "library_plan_consolidate", "local_regulation_save", "outgoing_letter_cancel", "outgoing_letter_register",
    "permission_holders", "plan_activity_report", "staff_certificate_save", "work_plan_create", "work_report_fill",
]

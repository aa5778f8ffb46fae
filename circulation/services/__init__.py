"""Use cases of circulation (QP 607-2023 §5.5), one module per area; import them from here. Each is keyword-only,
typed, runs in a transaction and raises a domain exception from `exceptions.py` with a message the desk or the
cabinet shows as it is.

Item availability is changed in one place (`items.py`), through `cataloguing.services`, so that the catalogue's
read models stay in step.
"""

from .ill import ill_request_create, ill_requests_set_status
from .information import feedback_submit
from .information_outreach import (
    class_booking_confirm,
    class_booking_refuse,
    class_booking_submit,
    event_attendance_record,
    exhibition_from_request,
    exhibition_request_accept,
    exhibition_request_mark_held,
    exhibition_request_refuse,
    exhibition_request_submit,
    exhibition_save,
    info_request_answer,
    info_request_refuse,
    info_request_submit,
)
from .loans import (
    LoanDecision,
    ReturnResult,
    loan_explain,
    loan_issue,
    loan_renew,
    loan_return,
    loan_returns_early,
    policy_for,
    title_awaited_by_others,
)
from .losses import loan_declare_lost, loss_replace
from .notices import notice_queue, notice_send, overdue_notices_send, reservation_notify_expired
from .paid import paid_service_cancel, paid_service_record, price_list_approve
from .readers import clearance_issue, reader_debts, reader_register
from .reservations import (
    refusal_record,
    reservation_cancel,
    reservation_create,
    reservation_expire_due,
    reservation_renew,
    reservation_wait,
)

__all__ = [
    "LoanDecision", "ReturnResult", "class_booking_confirm", "class_booking_refuse", "class_booking_submit",
    "clearance_issue", "event_attendance_record", "exhibition_from_request", "exhibition_request_accept",
    "exhibition_request_mark_held", "exhibition_request_refuse", "exhibition_request_submit", "exhibition_save",
    "feedback_submit", "ill_request_create", "ill_requests_set_status", "info_request_answer", "info_request_refuse",
    "info_request_submit", "loan_declare_lost", "loan_explain", "loan_issue", "loan_renew", "loan_return",
    "loan_returns_early", "loss_replace", "notice_queue", "notice_send", "overdue_notices_send", "paid_service_cancel",
    "paid_service_record", "policy_for", "price_list_approve", "reader_debts", "reader_register", "refusal_record",
    "reservation_cancel", "reservation_create", "reservation_expire_due", "reservation_notify_expired",
    "reservation_renew", "reservation_wait", "title_awaited_by_others",
]

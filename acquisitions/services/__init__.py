"""Use cases of acquisitions that write, one module per area; import them from here."""

from .acts import (
    card_balance,
    defect_act_create,
    stocktaking_close,
    stocktaking_scan,
    stocktaking_start,
    write_off_act_approve,
    write_off_act_create,
)
from .eresources import EResourceAccess, eresource_access, eresource_use_count
from .exports import book_export_request, book_export_run
from .fund import ReceiptLineInput, receipt_create
from .handoffs import write_off_handoff_loss, write_off_handoff_weeding
from .periodicals import issue_receive, issues_claim, subscription_expect_issues, subscriptions_from_order
from .provision import shortfall_request_create
from .requests import (
    order_agree,
    order_build,
    order_line_mark_ordered,
    order_line_refuse,
    order_lines_receive,
    order_send_to_procurement,
    request_create,
    request_line_correct,
    request_submit,
)

__all__ = [
    "EResourceAccess", "ReceiptLineInput", "book_export_request", "book_export_run", "card_balance",
    "defect_act_create", "eresource_access", "eresource_use_count", "issue_receive", "issues_claim", "order_agree",
    "order_build", "order_line_mark_ordered", "order_line_refuse", "order_lines_receive", "order_send_to_procurement",
    "receipt_create", "request_create", "request_line_correct", "request_submit", "shortfall_request_create",
    "stocktaking_close", "stocktaking_scan", "stocktaking_start", "subscription_expect_issues",
    "subscriptions_from_order", "write_off_act_approve", "write_off_act_create", "write_off_handoff_loss",
    "write_off_handoff_weeding",
]

"""Use cases of acquisitions that write, one module per area; import them from here."""

from .requests import (
    order_agree,
    order_build,
    order_line_mark_ordered,
    order_line_receive,
    order_line_refuse,
    order_send_to_procurement,
    request_create,
    request_line_correct,
    request_submit,
)

__all__ = [
    "order_agree",
    "order_build",
    "order_line_mark_ordered",
    "order_line_receive",
    "order_line_refuse",
    "order_send_to_procurement",
    "request_create",
    "request_line_correct",
    "request_submit",
]

"""Models of acquisitions and fund accounting (sub-process 5.2), one module per area."""

from .requests import (
    AcquisitionRequest,
    ConsolidatedOrder,
    ConsolidatedOrderLine,
    RequestLine,
    StatusChange,
)

__all__ = [
    "AcquisitionRequest",
    "ConsolidatedOrder",
    "ConsolidatedOrderLine",
    "RequestLine",
    "StatusChange",
]

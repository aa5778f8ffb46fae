"""Models of acquisitions and fund accounting (sub-process 5.2), one module per area."""

from .acts import (
    DefectAct,
    DefectActKind,
    DefectLine,
    StocktakingExpected,
    StocktakingScan,
    StocktakingSession,
    StocktakingStatus,
    WriteOffAct,
    WriteOffActStatus,
    WriteOffLine,
    WriteOffSource,
)
from .exports import BookExport, BookExportStatus
from .fund import (
    CardCopy,
    CardMovement,
    Contract,
    InventoryEntry,
    Invoice,
    NonInventoryCard,
    Receipt,
    ReceiptLine,
    Supplier,
)
from .periodicals import (
    AccessModel,
    EResourceUse,
    LicensedDatabase,
    Periodical,
    PeriodicalIssue,
    Subscription,
    UsageFigure,
)
from .provision import Discipline, EducationalProgramme, RecommendedLiterature
from .requests import AcquisitionRequest, ConsolidatedOrder, ConsolidatedOrderLine, RequestLine, StatusChange

__all__ = [
    "AccessModel", "AcquisitionRequest", "BookExport", "BookExportStatus", "CardCopy", "CardMovement",
    "ConsolidatedOrder", "ConsolidatedOrderLine", "Contract", "DefectAct", "DefectActKind", "DefectLine",
    "Discipline", "EResourceUse", "EducationalProgramme", "InventoryEntry", "Invoice", "LicensedDatabase",
    "NonInventoryCard", "Periodical", "PeriodicalIssue", "Receipt", "ReceiptLine", "RecommendedLiterature",
    "RequestLine",
    "StatusChange", "StocktakingExpected", "StocktakingScan", "StocktakingSession", "StocktakingStatus",
    "Subscription", "Supplier", "UsageFigure", "WriteOffAct", "WriteOffActStatus", "WriteOffLine",
    "WriteOffSource",
]

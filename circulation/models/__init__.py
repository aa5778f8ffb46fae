"""Sub-process 5.5 (library and information services): readers, the rules of use as data, orders, loans,
refusals, ILL/EDD, lost books, clearance certificates and the information services' registers, one module
per area.

Rules about one row live here as methods evaluated against "now" (`Reservation.is_expired(at)`,
`Loan.is_overdue(at)`); filters are QuerySet methods; integrity is in named constraints. Everything that
writes across models is in `services/`.
"""

from .exhibitions import Exhibition, ExhibitionRecord
from .ill import ILL_TRANSITIONS, IllRequest
from .information import (
    ClassBooking,
    Event,
    EventParticipant,
    ExhibitionRequest,
    FeedbackCard,
    InfoServiceRequest,
    LiteracyPlanItem,
    Publication,
    ReferenceEntry,
)
from .loans import Loan, LoanPolicy
from .losses import LostItem
from .notices import OverdueNotice
from .paid import PaidServiceKind, PriceList, PriceListItem, PriceListStatus, PriceUnit, RenderedService
from .readers import (
    ClearanceCertificate,
    Reader,
    ReaderRegistration,
    ReaderSource,
    new_verification_code,
    reader_photo_path,
)
from .reservations import Refusal, Reservation

__all__ = [
    "ILL_TRANSITIONS", "ClassBooking", "ClearanceCertificate", "Event", "EventParticipant", "Exhibition",
    "ExhibitionRecord", "ExhibitionRequest", "FeedbackCard", "IllRequest", "InfoServiceRequest", "LiteracyPlanItem",
    "Loan", "LoanPolicy", "LostItem", "OverdueNotice", "PaidServiceKind", "PriceList", "PriceListItem",
    "PriceListStatus", "PriceUnit", "Publication", "Reader", "ReaderRegistration", "ReaderSource", "ReferenceEntry",
    "Refusal", "RenderedService", "Reservation", "new_verification_code", "reader_photo_path",
]

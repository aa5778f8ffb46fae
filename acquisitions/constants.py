"""Policy values of acquisitions and fund accounting (sub-process 5.2)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from cataloguing.constants import ReceiptSource as ItemSource
from core.constants import YearPart

# Book-provision norms (copies per student of the discipline), lib.tarsu.kz practice; settings may override
# them with ACQUISITIONS_PROVISION_NORMS = {"main": "0.5", "additional": "0.25"}.
DEFAULT_PROVISION_NORMS = {"main": Decimal("0.5"), "additional": Decimal("0.25")}

# Gap-free number series (forms_registry.numbering): one sequence per series and year.
CONSOLIDATED_ORDER_SERIES = "acq-consolidated-order"
SUMMARY_BOOK_RECEIPT_SERIES = "ksu-part1"  # record numbers restart at 1 every year
SUMMARY_BOOK_WITHDRAWAL_SERIES = "ksu-part2"
ACCEPTANCE_ACT_SERIES = "act-607-16"
GIFT_ACT_SERIES = "act-607-19"
DEFECT_ACT_SERIES = "act-607-20"
STOCKTAKING_ACT_SERIES = "act-607-21"
WRITE_OFF_ACT_SERIES = "act-607-22"
NON_INVENTORY_CARD_SERIES = "card-607-14"
# Inventory numbers run through the life of the fund: one sequence, "year" 0.
INVENTORY_SERIES = "inventory-number"
INVENTORY_SEQUENCE_YEAR = 0

# About a page of the inventory book (a copy a line when its title fits one; acquisitions.books wraps longer ones).
INVENTORY_ROWS_PER_PAGE = 32


class RequestKind(models.TextChoices):
    PURCHASE = "purchase", _("Purchase of literature (607-07)")
    SUBSCRIPTION = "subscription", _("Subscription to periodicals (607-08)")
    TRIAL_ACCESS = "trial_access", _("Trial access to e-resources (607-10)")
    E_PURCHASE = "e_purchase", _("Purchase of e-resources (607-11)")


REQUEST_FORM_CODES = {
    RequestKind.PURCHASE: "607-07",
    RequestKind.SUBSCRIPTION: "607-08",
    RequestKind.TRIAL_ACCESS: "607-10",
    RequestKind.E_PURCHASE: "607-11",
}


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CLOSED = "closed", _("Closed")


class LineStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CORRECTED = "corrected", _("Quantity corrected")
    IN_ORDER = "in_order", _("In the consolidated order")
    AGREED = "agreed", _("Agreed by the vice-rector")
    IN_PROCUREMENT = "in_procurement", _("Sent to procurement")
    ORDERED = "ordered", _("Ordered")
    PARTLY_RECEIVED = "partly_received", _("Received in part")
    RECEIVED = "received", _("Received")
    REFUSED = "refused", _("Refused")


class CorrectionReason(models.TextChoices):
    HOLDINGS = "holdings", _("Fund holdings")
    TOPICALITY = "topicality", _("Topicality")
    CONTINGENT = "contingent", _("Student contingent")
    DEMAND = "demand", _("Demand")


class LiteratureKind(models.TextChoices):
    MAIN = "main", _("Main")
    ADDITIONAL = "additional", _("Additional")


class SubscriptionPeriod(models.TextChoices):
    """How long a subscription runs: a part of the year (core.constants.YearPart, whose months it takes)."""

    YEAR = YearPart.YEAR.value, _("Year")
    FIRST_HALF = YearPart.FIRST_HALF.value, _("First half-year")
    SECOND_HALF = YearPart.SECOND_HALF.value, _("Second half-year")


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    AGREED = "agreed", _("Agreed by the vice-rector")
    IN_PROCUREMENT = "in_procurement", _("Sent to procurement")


class ReceiptSource(models.TextChoices):
    """How a receipt came in: cataloguing's sources of a copy less the legacy fund, coded as there (each item of
    the receipt keeps the code), worded for the receipt form."""

    PURCHASE = ItemSource.PURCHASE.value, _("Purchase")
    GIFT = ItemSource.GIFT.value, _("Gift")
    EXCHANGE = ItemSource.EXCHANGE.value, _("Exchange")
    REPLACEMENT = ItemSource.REPLACEMENT.value, _("Replacement for a lost item")
    OWN_PUBLICATION = ItemSource.OWN_PUBLICATION.value, _("University publishing house")


class ValuationBasis(models.TextChoices):
    """How the commission valued a gift that came without a price (the gift act 607-19 states it)."""

    DOCUMENT_PRICE = "document_price", _("the price in the donor's accompanying document")
    MARKET_PRICE = "market_price", _("the market price of similar editions on the day of receipt")
    EXPERT = "expert", _("the commission's expert assessment")


class Accounting(models.TextChoices):
    INVENTORY = "inventory", _("Inventory book (one number per copy)")
    CARD = "card", _("Non-inventory card (multi-copy, brochures)")


class WriteOffReason(models.TextChoices):
    WORN = "worn", _("Worn out")
    DEFECTIVE = "defective", _("Defective")
    OBSOLETE = "obsolete", _("Obsolete content")
    NON_CORE = "non_core", _("Outside the fund profile")
    DUPLICATE = "duplicate", _("Duplicate")
    LOST = "lost", _("Lost")


class LanguageGroup(models.TextChoices):
    KAZAKH = "kaz", _("Kazakh")
    RUSSIAN = "rus", _("Russian")
    ENGLISH = "eng", _("English")
    OTHER = "other", _("Other languages")


class DocumentKind(models.TextChoices):
    """Types of the summary book's columns."""

    BOOK = "book", _("Books")
    TEXTBOOK = "textbook", _("Textbooks")
    PERIODICAL = "periodical", _("Periodicals")
    ELECTRONIC = "electronic", _("Electronic documents")
    OTHER = "other", _("Other documents")


# UDC main classes: the subject columns of the summary book.
SUBJECT_CLASSES = {
    "0": _("0 General"),
    "1": _("1 Philosophy, psychology"),
    "2": _("2 Religion"),
    "3": _("3 Social sciences"),
    "5": _("5 Natural sciences"),
    "6": _("6 Applied sciences, technology"),
    "7": _("7 Arts, sport"),
    "8": _("8 Language, literature"),
    "9": _("9 Geography, history"),
    "": _("Not classified"),
}

"""Factories of acquisitions data."""

from __future__ import annotations

from acquisitions import services
from acquisitions.constants import LanguageGroup, LiteratureKind, RequestKind


def purchase_request(*, head, titles=(("Python негіздері", "Ахметов А.", 10),), submit=True, isbn=""):
    lines = [
        {"title": title, "author": author, "copies_requested": copies, "discipline": "Бағдарламалау",
         "programme": "6B06102 Программная инженерия", "literature_kind": LiteratureKind.MAIN,
         "language": LanguageGroup.KAZAKH, "students": 40, "publisher": "Фолиант", "year": 2024, "isbn": isbn}
        for title, author, copies in titles
    ]
    request = services.request_create(department=head.academic_department, kind=RequestKind.PURCHASE,
                                      academic_year=2026, created_by=head, lines=lines)
    if submit:
        services.request_submit(request=request, user=head)
    return request


def catalogue_record(title="Жоғары математика", *, authors="Қасымов Қ.", year=2023, udc="51", language="kaz",
                     document_type="book", isbn="", database="fund", issn=""):
    from cataloguing.models import CatalogueDatabase
    from cataloguing.services import record_create

    return record_create(database=CatalogueDatabase.objects.get(code=database), title=title, authors=authors,
                         year=year, udc=udc, language=language, document_type=document_type, isbn=isbn,
                         issn=issn or ("2305-3445" if document_type == "periodical" else ""),
                         publisher="Фолиант", place="Астана")


def contract():
    import datetime as dt

    from acquisitions.models import Contract, Supplier

    supplier, _ = Supplier.objects.get_or_create(name="«Фолиант» баспасы")
    return Contract.objects.get_or_create(supplier=supplier, number="17-К",
                                          defaults={"signed_on": dt.date(2026, 2, 1)})[0]


def receive(user, *lines, on=None, source="purchase", donor="", valuation_basis=None):
    """Receive (record, copies, price, accounting) tuples as one batch (a gift valued at market price unless told)."""
    import datetime as dt
    from decimal import Decimal

    from acquisitions.constants import ReceiptSource, ValuationBasis
    from acquisitions.services import ReceiptLineInput, receipt_create

    inputs = [ReceiptLineInput(record=record, copies=copies, price=Decimal(price), accounting=accounting)
              for record, copies, price, accounting in lines]
    return receipt_create(received_on=on or dt.date(2026, 3, 10), source=source, lines=inputs, user=user,
                          contract=contract() if source == "purchase" else None, donor=donor,
                          document="ШФ № 112 10.03.2026", valuation_basis=valuation_basis if valuation_basis is not None
                          else ValuationBasis.MARKET_PRICE if source == ReceiptSource.GIFT else "")

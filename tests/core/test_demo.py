"""The demo's headline reader (README: reader@kitaphana.kz, card 2026000001) can order on the first try:
registered for this academic year, no debt, and the title the README suggests is on the shelf (issue 14.7)."""

from __future__ import annotations

import io

import pytest

from catalogue_search.selectors import search
from circulation.constants import ReservationStatus
from circulation.models import Reader
from circulation.selectors import lendable_titles
from circulation.services import reader_debts, reservation_create
from core.demodata import load_all

pytestmark = pytest.mark.django_db

HEADLINE_CARD = "2026000001"
# The walk the README suggests: search this word, open the first book available for loan, order it.
SUGGESTED_QUERY = "мұнай"


# Loading the whole demo takes a while on SQLite: one load, then everything the first order depends on.
def test_headline_reader_orders_the_first_result_of_the_suggested_search_on_the_first_try(
        django_capture_on_commit_callbacks):
    # The catalogue's index follows loans and holds after each commit, as in `make run` (a test never commits).
    with django_capture_on_commit_callbacks(execute=True):
        load_all(io.StringIO())
    reader = Reader.objects.get(card_number=HEADLINE_CARD)
    assert reader.user.email == "reader@kitaphana.kz"
    assert reader.is_registered()
    assert reader_debts(reader=reader) == []

    # The first result offered for loan (a dissertation among the results is read on site, and its page says so
    # instead of offering the order button).
    hits = search(SUGGESTED_QUERY).hits
    lendable = lendable_titles([hit.record.pk for hit in hits])
    first = next(hit for hit in hits if hit.record.pk in lendable and hit.available_count > 0)
    reservation = reservation_create(reader=reader, record=first.record)
    assert reservation.status == ReservationStatus.ACTIVE
    assert reservation.item.record_id == first.record.pk

    # The debt that blocks borrowing is still shown, on another reader.
    assert any(reader_debts(reader=other) for other in Reader.objects.exclude(card_number=HEADLINE_CARD))


# The registers the demo fills for the forms (607-10/11, 21, 27, 28, 29, 43/44, 45, 53), each made once.
def _form_registers() -> dict[str, int]:
    from acquisitions.models import AcquisitionRequest, StocktakingSession
    from cataloguing.models import DatabasePassport, TransferSlip, UdcRequest
    from circulation.models import FeedbackCard, LostItem, Refusal

    models = (AcquisitionRequest, StocktakingSession, DatabasePassport, TransferSlip, UdcRequest, FeedbackCard,
              LostItem, Refusal)
    return {model.__name__: model.objects.count() for model in models}


def test_a_second_load_adds_nothing_to_the_registers_the_forms_print():
    from accounts import demo as accounts_demo
    from acquisitions import demo as acquisitions_demo
    from cataloguing import demo as cataloguing_demo
    from circulation import demo as circulation_demo

    loaders = (accounts_demo, cataloguing_demo, acquisitions_demo, circulation_demo)
    for loader in loaders:
        loader.load(io.StringIO())
    first = _form_registers()
    assert all(first.values()), first
    for loader in loaders:
        loader.load(io.StringIO())
    assert _form_registers() == first

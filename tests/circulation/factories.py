"""Factories of circulation tests: catalogue records and copies through cataloguing's services, readers."""

from __future__ import annotations

import io
import itertools

from PIL import Image

from accounts import roles
from cataloguing.constants import ItemStatus, LoanCategory
from cataloguing.models import CatalogueDatabase
from cataloguing.services import item_create, record_create
from circulation.calendar import academic_year_of
from circulation.models import Reader
from circulation.services import reader_register
from tests.factories import UserFactory, reader_category

_numbers = itertools.count(1)


def make_record(title: str = "Мұнай-газ геологиясы", authors: str = "Сәтбаев Қ.И.", year: int = 2020):
    return record_create(database=CatalogueDatabase.objects.get(code="fund"), title=title, authors=authors,
                         year=year, language="kaz", publisher="Ғылым", place="Алматы")


def make_item(record=None, *, loan_category: str = LoanCategory.REGULAR, status: str = ItemStatus.ON_SHELF):
    n = next(_numbers)
    return item_create(record=record or make_record(), inventory_number=f"INV-{n:06d}", barcode=f"BC{n:08d}",
                       loan_category=loan_category, status=status)


def make_reader(user=None, *, category: str = "bachelor", card_number: str | None = None, registered: bool = True,
                at=None, **fields) -> Reader:
    from django.utils import timezone

    n = next(_numbers)
    if user is None:
        user = UserFactory(username=f"r{n}", roles=[roles.READER], reader_category=reader_category(category))
    card = card_number or user.reader_card_number or f"2026{n:06d}"
    reader = Reader.objects.create(user=user, card_number=card, category=reader_category(category), **fields)
    if registered:
        day = timezone.localdate(at) if at else timezone.localdate()
        reader_register(reader=reader, academic_year=academic_year_of(day))
    return reader


def jpeg_bytes(size=(300, 400), image_format="JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 180, 160)).save(buffer, format=image_format)
    return buffer.getvalue()

from __future__ import annotations

import pytest

from tests.circulation.factories import make_item, make_reader, make_record


@pytest.fixture
def reader_profile(reader):
    """The conftest persona "reader" with a registered reader profile."""
    return make_reader(reader, card_number=reader.reader_card_number)


@pytest.fixture
def record(db):
    return make_record()


@pytest.fixture
def item(record):
    return make_item(record)

"""The demo loader fills every register and a second run changes nothing."""

from __future__ import annotations

import io

import pytest

from accounts import demo as accounts_demo
from acquisitions import demo
from acquisitions.models import AcquisitionRequest, InventoryEntry, Receipt

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent():
    from cataloguing import demo as cataloguing_demo

    out = io.StringIO()
    accounts_demo.load(out)
    cataloguing_demo.load(out)
    demo.load(out)
    counts = (AcquisitionRequest.objects.count(), Receipt.objects.count(), InventoryEntry.objects.count())
    assert counts[1] == 2
    demo.load(out)
    assert (AcquisitionRequest.objects.count(), Receipt.objects.count(), InventoryEntry.objects.count()) == counts

"""The demo loader fills every register of the digital library and changes nothing on a second run."""

from __future__ import annotations

import io

import pytest

from digital_library.models import (
    AccountRequest,
    DictionaryEdit,
    DigitalFile,
    ScanningRequest,
    SystemRequest,
    UsageEvent,
)


@pytest.mark.django_db
def test_demo_loads_and_is_idempotent(django_capture_on_commit_callbacks):
    from accounts import demo as accounts_demo
    from cataloguing import demo as cataloguing_demo
    from digital_library import demo

    out = io.StringIO()
    accounts_demo.load(out)
    cataloguing_demo.load(out)
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(out)
    models = (AccountRequest, DictionaryEdit, DigitalFile, ScanningRequest, SystemRequest, UsageEvent)
    counts = {model: model.objects.count() for model in models}
    assert all(counts.values()), counts
    assert DigitalFile.objects.filter(scanning_request__isnull=False).exists()
    assert DigitalFile.objects.exclude(text="").exists()
    demo.load(out)
    assert {model: model.objects.count() for model in models} == counts

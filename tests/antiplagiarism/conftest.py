import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Domain messages are asserted in English whatever the default language is."""
    with translation.override("en"):
        yield

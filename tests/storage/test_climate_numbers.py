"""Climate norms read in the person's language: "21,5 °C" in Kazakh and Russian, "21.5 °C" in English (21.4)."""

from decimal import Decimal

import pytest
from django.utils import translation

from storage.models import Location


@pytest.mark.parametrize(("language", "shown"),
                         [("kk", "21,5 ± 2,0 °C"), ("ru", "21,5 ± 2,0 °C"), ("en", "21.5 ± 2.0 °C")])
def test_climate_norm_is_written_with_the_languages_decimal_separator(language, shown):
    room = Location(temperature_target=Decimal("21.5"), temperature_tolerance=Decimal("2.0"),
                humidity_target=Decimal("55.0"), humidity_tolerance=Decimal("5.0"))
    with translation.override(language):
        assert room.norm_text.startswith(shown)

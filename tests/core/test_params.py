"""Issue 13.5: ids read from request parameters by hand (core.params) never reach the ORM malformed."""

from __future__ import annotations

import pytest
from django.http import Http404, QueryDict

from core.params import get_id, get_ids, parse_id


@pytest.mark.parametrize("value", ["abc", "1e5", "9" * 20, "-1", "0", "+5", "٥", "1_0", "1.0", "a\x00b"])
def test_a_parameter_that_cannot_be_an_id_is_not_found(value):
    with pytest.raises(Http404):
        parse_id(value)


@pytest.mark.parametrize(("value", "expected"), [(None, None), ("", None), ("  ", None), ("42", 42),
                                                 (str(2**63 - 1), 2**63 - 1)])
def test_a_missing_id_is_none_and_a_valid_one_its_number(value, expected):
    assert parse_id(value) == expected


def test_ids_are_read_from_every_value_of_a_repeated_parameter():
    assert get_id(QueryDict("record=1&record=7"), "record") == 7
    assert get_ids(QueryDict("record=1&record=&record=7"), "record") == [1, 7]
    with pytest.raises(Http404):
        get_ids(QueryDict("record=1&record=abc"), "record")

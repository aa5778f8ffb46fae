from __future__ import annotations

import datetime as dt

import pytest

from storage.constants import CandidateDecision, WeedingRule
from storage.exceptions import StorageError
from storage.models import ObsolescenceRule
from storage.services import (
    copy_condition_note,
    copy_loan_register,
    weeding_candidate_decide,
    weeding_list_build,
    weeding_list_confirm,
)
from tests.storage.factories import item

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


def candidates(rule, **kwargs):
    weeding_list = weeding_list_build(rule=rule, on=TODAY, **kwargs)
    return {c.item.inventory_number for c in weeding_list.candidates.select_related("item")}


def test_copy_not_lent_for_n_years_is_a_candidate():
    never_lent = item(received_on=dt.date(2010, 1, 1))
    lent_long_ago = item(received_on=dt.date(2010, 1, 1))
    copy_loan_register(item=lent_long_ago, loaned_on=dt.date(2016, 5, 31))
    lent_recently = item(received_on=dt.date(2010, 1, 1))
    copy_loan_register(item=lent_recently, loaned_on=dt.date(2016, 6, 1))  # exactly 10 years: still in use
    received_recently = item(received_on=dt.date(2022, 1, 1))
    assert candidates(WeedingRule.NO_LOANS, years=10) == {never_lent.inventory_number,
                                                         lent_long_ago.inventory_number}
    assert received_recently.inventory_number not in candidates(WeedingRule.NO_LOANS, years=5)


def test_copy_with_unknown_receipt_date_is_judged_by_its_publication_year():
    old = item(received_on=None, year=1998)
    new = item(received_on=None, year=2019)
    assert candidates(WeedingRule.NO_LOANS, years=10) == {old.inventory_number}
    assert new.pk


def test_outdated_copy_is_judged_by_the_longest_matching_udc_class():
    ObsolescenceRule.objects.create(udc_prefix="0", max_age_years=15)
    ObsolescenceRule.objects.create(udc_prefix="004", max_age_years=5)
    computing_old = item(udc="004.43", year=2020)   # 6 years old, computing: outdated after 5
    computing_edge = item(udc="004.43", year=2021)  # exactly 5 years: not yet
    general_2015 = item(udc="001.8", year=2015)     # 11 years old, class 0: outdated after 15
    general_2010 = item(udc="001.8", year=2010)     # 16 years old
    no_rule = item(udc="821.512.122", year=1950)
    found = candidates(WeedingRule.OUTDATED)
    assert found == {computing_old.inventory_number, general_2010.inventory_number}
    assert computing_edge.inventory_number not in found
    assert general_2015.inventory_number not in found
    assert no_rule.inventory_number not in found


def test_copies_beyond_the_count_kept_are_surplus_worn_first_then_earliest():
    first = item(received_on=dt.date(2015, 1, 1))
    record = first.record
    second = item(record=record, received_on=dt.date(2016, 1, 1))
    third = item(record=record, received_on=dt.date(2017, 1, 1))
    worn = item(record=record, received_on=dt.date(2022, 1, 1))
    copy_condition_note(item=worn, condition="worn", noted_on=dt.date(2026, 1, 10))
    item(record=record, status="on_loan")  # not on the shelf: not counted
    single = item()
    assert candidates(WeedingRule.SURPLUS, keep=2) == {worn.inventory_number, first.inventory_number}
    assert {second.pk, third.pk, single.pk}


def test_worn_and_damaged_copies_are_candidates_but_rare_editions_never():
    worn = item()
    copy_condition_note(item=worn, condition="worn", noted_on=TODAY)
    damaged = item()
    copy_condition_note(item=damaged, condition="damaged", noted_on=TODAY)
    rare = item(loan_category="rare")
    copy_condition_note(item=rare, condition="damaged", noted_on=TODAY)
    written_off = item(status="written_off")
    copy_condition_note(item=written_off, condition="damaged", noted_on=TODAY)
    assert candidates(WeedingRule.WORN) == {worn.inventory_number, damaged.inventory_number}


def test_list_is_confirmed_only_when_every_candidate_is_decided():
    worn = item()
    copy_condition_note(item=worn, condition="worn", noted_on=TODAY)
    weeding_list = weeding_list_build(rule=WeedingRule.WORN, on=TODAY)
    with pytest.raises(StorageError):
        weeding_list_confirm(weeding_list=weeding_list, confirmed_by=None)
    weeding_candidate_decide(candidate=weeding_list.candidates.get(), decision=CandidateDecision.WRITE_OFF)
    confirmed = weeding_list_confirm(weeding_list=weeding_list, confirmed_by=None)
    assert confirmed.status == "confirmed"
    with pytest.raises(StorageError):
        weeding_candidate_decide(candidate=weeding_list.candidates.get(), decision=CandidateDecision.KEEP)


def test_a_candidates_reason_is_worded_in_the_readers_language_not_the_builders():
    """The list keeps each reason as a code and its figures; whoever reads it gets it in their language."""
    from django.utils import translation

    from storage.constants import WeedingReason

    lent_long_ago = item(received_on=dt.date(2010, 1, 1))
    copy_loan_register(item=lent_long_ago, loaned_on=dt.date(2014, 3, 5))
    with translation.override("kk"):
        weeding_list = weeding_list_build(rule=WeedingRule.NO_LOANS, on=TODAY, years=10)
    candidate = weeding_list.candidates.get()
    assert (candidate.reason_code, candidate.reason_params) == (
        WeedingReason.NOT_LENT_SINCE, {"date": "2014-03-05", "years": 10})
    assert candidate.reason == ""
    worded = {"en": "Not lent since 03/05/2014 (10 years).", "ru": "Не выдавался с 05.03.2014 (10 лет).",
              "kk": "05.03.2014 бастап берілмеген (10 жыл)."}
    for language, text in worded.items():
        with translation.override(language):
            assert candidate.reason_text == text

"""The desk's "why" and the issue's refusal come from one function of the facts (`circulation.loan_rules`): for
every kind of block, the explanation names the very reason the issue refuses with."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from freezegun import freeze_time

from cataloguing.constants import ItemStatus, LoanCategory
from circulation.exceptions import CirculationError
from circulation.loan_rules import REFUSAL_OF, BlockKind, LoanFacts, loan_blocks
from circulation.models import LoanPolicy
from circulation.services import loan_explain, loan_issue, reservation_create
from tests.circulation.factories import make_item, make_reader, make_record

pytestmark = pytest.mark.django_db

NOW = "2026-10-20 10:00"


def _reader_left():
    return make_reader(left_on=dt.date(2026, 9, 30)), make_item()


def _reader_not_registered():
    return make_reader(registered=False), make_item()


def _reader_with_overdue_loan():
    reader = make_reader()
    with freeze_time("2026-09-01 10:00"):
        loan_issue(reader=reader, item=make_item())
    return reader, make_item()


def _copy_on_loan_to_another_reader():
    item = make_item()
    loan_issue(reader=make_reader(), item=item)
    return make_reader(), item


def _copy_held_for_another_readers_order():
    item = make_item()
    reservation_create(reader=make_reader(), record=item.record)
    return make_reader(), item


def _copy_in_processing():
    return make_reader(), make_item(status=ItemStatus.PROCESSING)


def _no_rule_of_use_for_the_pair():
    reader = make_reader()
    LoanPolicy.objects.filter(reader_category=reader.category, loan_category=LoanCategory.REGULAR).delete()
    return reader, make_item()


def _limit_of_the_category_reached():
    reader = make_reader()
    LoanPolicy.objects.filter(reader_category=reader.category, loan_category=LoanCategory.REGULAR).update(max_items=1)
    loan_issue(reader=reader, item=make_item())
    return reader, make_item(make_record("Геофизика"))


CASES = {
    BlockKind.READER_LEFT: _reader_left,
    BlockKind.NOT_REGISTERED: _reader_not_registered,
    BlockKind.DEBT: _reader_with_overdue_loan,
    BlockKind.ON_LOAN: _copy_on_loan_to_another_reader,
    BlockKind.HELD_FOR_ANOTHER: _copy_held_for_another_readers_order,
    BlockKind.NOT_ON_SHELF: _copy_in_processing,
    BlockKind.NO_POLICY: _no_rule_of_use_for_the_pair,
    BlockKind.LIMIT_REACHED: _limit_of_the_category_reached,
}


def test_every_kind_of_block_has_its_case_below():
    assert set(CASES) == set(BlockKind)


@pytest.mark.parametrize("kind", list(BlockKind))
def test_desk_explanation_and_issue_refusal_give_the_same_reason(kind):
    with freeze_time(NOW):
        reader, item = CASES[kind]()
        reader.refresh_from_db()  # as the desk reads them at the scan
        item.refresh_from_db()
        decision = loan_explain(reader=reader, item=item)
        with pytest.raises(CirculationError) as refused:
            loan_issue(reader=reader, item=item)
    assert [block.kind for block in decision.blocks] == [kind]
    assert type(refused.value) is REFUSAL_OF[kind]
    assert str(refused.value) == decision.blocks[0].message


def test_loan_blocks_read_no_database(reader_profile, item, django_assert_num_queries):
    policy = LoanPolicy.objects.get(reader_category=reader_profile.category, loan_category=item.loan_category)
    reader_profile.category  # noqa: B018 - loaded before counting, as the services load it
    facts = LoanFacts(reader=reader_profile, item=item, policy=policy, open_in_category=policy.max_items,
                      debts=["Overdue"], holder=None, at=timezone.now())
    with django_assert_num_queries(0):
        blocks = loan_blocks(facts)
    assert [block.kind for block in blocks] == [BlockKind.DEBT, BlockKind.LIMIT_REACHED]

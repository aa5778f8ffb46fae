"""The rules of issuing a copy (QP 607 §5.5, the rules of use), as one pure function of the facts: the reader's
state, the copy's state and the order holding it, the rule of use that applies and how many copies of its
category the reader holds, and the reader's debts. It reads no database: the desk's "why"
(`services.loan_explain`) and the issue itself (`services.loan_issue`) gather the facts each their own way and
both ask `loan_blocks`, so the explanation and the refusal can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cataloguing.constants import ItemStatus

from .calendar import academic_year_of
from .exceptions import BorrowingBlocked, CirculationError, LoanRefused, ReaderNotServed

if TYPE_CHECKING:
    from cataloguing.models import Item

    from .models import LoanPolicy, Reader, Reservation


class BlockKind(StrEnum):
    """What stops a copy from being issued, in the order the rules are checked."""

    READER_LEFT = "reader_left"
    NOT_REGISTERED = "not_registered"
    DEBT = "debt"
    ON_LOAN = "on_loan"
    HELD_FOR_ANOTHER = "held_for_another"
    NOT_ON_SHELF = "not_on_shelf"
    NO_POLICY = "no_policy"
    LIMIT_REACHED = "limit_reached"


# The error the issue raises for each block (the desk shows its message either way).
REFUSAL_OF: dict[BlockKind, type[CirculationError]] = {
    BlockKind.READER_LEFT: ReaderNotServed,
    BlockKind.NOT_REGISTERED: ReaderNotServed,
    BlockKind.DEBT: BorrowingBlocked,
    BlockKind.ON_LOAN: LoanRefused,
    BlockKind.HELD_FOR_ANOTHER: LoanRefused,
    BlockKind.NOT_ON_SHELF: LoanRefused,
    BlockKind.NO_POLICY: LoanRefused,
    BlockKind.LIMIT_REACHED: LoanRefused,
}


@dataclass(frozen=True)
class LoanBlock:
    """One rule that blocks the issue, with the reason the desk shows and the refusal says."""

    kind: BlockKind
    message: str

    def __str__(self) -> str:
        return self.message

    def refusal(self) -> CirculationError:
        return REFUSAL_OF[self.kind](self.message)


@dataclass(frozen=True)
class LoanFacts:
    """Everything the rules of issuing look at. `holder` is the active order holding the copy (when it is
    held), `open_in_category` the reader's open loans of the copy's loan category, `debts` the reasons of
    `services.reader_debts` (overdue loans, lost copies not replaced)."""

    reader: Reader
    item: Item
    policy: LoanPolicy | None
    open_in_category: int
    debts: Sequence[str]
    holder: Reservation | None
    at: dt.datetime


def reader_block(reader: Reader, at: dt.datetime | None) -> LoanBlock | None:
    """Only a reader registered for the academic year of `at`, who has not left, is served."""
    if reader.left_on is not None:
        return LoanBlock(BlockKind.READER_LEFT,
                         _("The reader left the university on %(day)s.") % {"day": reader.left_on})
    if not reader.is_registered(at):
        year = academic_year_of(timezone.localdate(at) if at else timezone.localdate())
        return LoanBlock(
            BlockKind.NOT_REGISTERED,
            _("The reader is not re-registered for the academic year %(year)s.") % {"year": f"{year}/{year + 1}"},
        )
    return None


def debt_block(debts: Sequence[str]) -> LoanBlock | None:
    """A reader with a debt (an overdue loan, a lost copy not replaced) borrows and orders nothing."""
    if not debts:
        return None
    return LoanBlock(BlockKind.DEBT, _("Borrowing is blocked while the reader has a debt: %(debts)s")
                     % {"debts": "; ".join(debts)})


def _copy_block(facts: LoanFacts) -> LoanBlock | None:
    item = facts.item
    if item.status == ItemStatus.ON_LOAN:
        return LoanBlock(BlockKind.ON_LOAN, _("The copy %(inv)s is already on loan.") % {"inv": item.inventory_number})
    if item.status == ItemStatus.RESERVED:
        holder = facts.holder
        if holder is not None and holder.reader_id != facts.reader.pk and not holder.is_expired(facts.at):
            return LoanBlock(BlockKind.HELD_FOR_ANOTHER, _("The copy %(inv)s is held for another reader's order.")
                             % {"inv": item.inventory_number})
        return None
    if item.status != ItemStatus.ON_SHELF:
        return LoanBlock(BlockKind.NOT_ON_SHELF, _("The copy %(inv)s is not on the shelf (%(status)s).")
                         % {"inv": item.inventory_number, "status": item.get_status_display()})
    return None


def _policy_block(facts: LoanFacts) -> LoanBlock | None:
    policy = facts.policy
    if policy is None:
        return LoanBlock(BlockKind.NO_POLICY, _("No rule of use is set for %(category)s and %(loan)s.")
                         % {"category": facts.reader.category, "loan": facts.item.get_loan_category_display()})
    if facts.open_in_category >= policy.max_items:
        return LoanBlock(
            BlockKind.LIMIT_REACHED,
            ngettext("Limit reached: %(count)s of %(max)s item of this category are on loan.",
                     "Limit reached: %(count)s of %(max)s items of this category are on loan.", policy.max_items)
            % {"count": facts.open_in_category, "max": policy.max_items},
        )
    return None


def loan_blocks(facts: LoanFacts) -> list[LoanBlock]:
    """Every rule that blocks issuing the copy to the reader, in order (the reader, their debts, the copy, the
    rule of use); empty when the copy may be issued. The issue refuses with the first."""
    checks = (reader_block(facts.reader, facts.at), debt_block(facts.debts), _copy_block(facts),
              _policy_block(facts))
    return [block for block in checks if block is not None]

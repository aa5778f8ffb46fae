"""Issue 17.5: the fund's hand-offs without retyping. A copy lost at the desk (607-43/44) and a confirmed weeding list
(storage) each reach a draft write-off act (607-22/23) with the inventory numbers, reasons and receipt prices filled
in, linked to their source, once however often they are handed over; the director approves it as any act. The
library stamp is marked at receipt for every copy."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from acquisitions import services
from acquisitions.constants import WriteOffReason
from acquisitions.models import CardMovement, NonInventoryCard, WriteOffAct, WriteOffActStatus, WriteOffLine
from acquisitions.models import WriteOffSource as Source
from cataloguing.constants import ItemStatus
from cataloguing.models import BibliographicRecord, Item
from cataloguing.services import items_change_status
from circulation.services import loan_declare_lost, loan_issue
from storage.constants import CandidateDecision, CopyCondition, WeedingRule
from storage.services import copy_condition_note, weeding_candidate_decide, weeding_list_build, weeding_list_confirm
from tests.circulation.factories import make_reader

from .factories import catalogue_record, receive

pytestmark = pytest.mark.django_db

RECEIVED_ON = dt.date(2026, 3, 10)


@pytest.fixture
def fund(acquisitions_librarian):
    """A book of 3 inventoried copies at 5 000 and a textbook of 4 copies on a card at 2 000, on the shelf."""
    book = catalogue_record("Механика", udc="531", language="rus")
    textbook = catalogue_record("Химия", udc="54", document_type="textbook")
    receive(acquisitions_librarian, (book, 3, "5000", "inventory"), (textbook, 4, "2000", "card"), on=RECEIVED_ON)
    items_change_status(item_ids=list(Item.objects.values_list("pk", flat=True)), from_status=ItemStatus.PROCESSING,
                        to_status=ItemStatus.ON_SHELF)
    return book, textbook


def lose(item, librarian):
    loan = loan_issue(reader=make_reader(), item=item, by=librarian)
    return loan_declare_lost(loan=loan, by=librarian)


def test_a_copy_lost_at_the_desk_reaches_a_draft_act_with_its_number_reason_and_receipt_price(fund, librarian):
    book, _textbook = fund
    item = Item.objects.filter(record=book).order_by("inventory_number").first()
    loss = lose(item, librarian)
    act = WriteOffAct.objects.get()
    assert (act.status, act.source, act.reason, act.created_by) == (
        WriteOffActStatus.DRAFT, Source.DESK_LOSS, WriteOffReason.LOST, librarian)
    line = act.lines.get()
    assert (line.item, line.price, line.lost_item_id) == (item, Decimal("5000"), loss.pk)
    assert item.inventory_number.isdigit()  # the inventory book's number, not retyped


def test_the_desk_losses_gather_in_one_draft_and_a_repeated_hand_off_adds_nothing(fund, librarian):
    book, _textbook = fund
    first, second = Item.objects.filter(record=book).order_by("inventory_number")[:2]
    loss = lose(first, librarian)
    lose(second, librarian)
    act = WriteOffAct.objects.get()
    assert act.lines.count() == 2
    again = services.write_off_handoff_loss(item=first, lost_item_id=loss.pk, user=librarian)
    assert again == act
    assert (WriteOffAct.objects.count(), WriteOffLine.objects.count()) == (1, 2)


def test_once_the_desk_act_is_approved_the_next_loss_opens_a_new_draft(fund, librarian, director):
    book, _textbook = fund
    first, second = Item.objects.filter(record=book).order_by("inventory_number")[:2]
    lose(first, librarian)
    approved = services.write_off_act_approve(act=WriteOffAct.objects.get(), user=director)
    assert Item.objects.get(pk=first.pk).status == ItemStatus.WRITTEN_OFF
    lose(second, librarian)
    assert WriteOffAct.objects.count() == 2
    assert WriteOffAct.objects.exclude(pk=approved.pk).get().lines.get().item == second


def test_a_lost_card_copy_is_listed_by_its_card_and_its_approval_lowers_the_card(fund, librarian, director):
    _book, textbook = fund
    item = Item.objects.filter(record=textbook).order_by("inventory_number").first()
    lose(item, librarian)
    line = WriteOffLine.objects.get()
    card = NonInventoryCard.objects.get()
    assert (line.card, line.item, line.copies, line.price) == (card, item, 1, Decimal("2000"))
    services.write_off_act_approve(act=line.act, user=director)
    # The very copy that was lost leaves, and the card records one copy withdrawn.
    assert list(Item.objects.filter(status=ItemStatus.WRITTEN_OFF)) == [item]
    assert CardMovement.objects.get(withdrawn__gt=0).withdrawn == 1
    assert services.card_balance(card) == 3


def test_approving_the_last_copy_lost_withdraws_the_record(librarian, acquisitions_librarian, director):
    single = catalogue_record("Жалғыз дана", udc="55")
    receive(acquisitions_librarian, (single, 1, "3000", "inventory"))
    item = Item.objects.get(record=single)
    items_change_status(item_ids=[item.pk], from_status=ItemStatus.PROCESSING, to_status=ItemStatus.ON_SHELF)
    lose(item, librarian)
    services.write_off_act_approve(act=WriteOffAct.objects.get(), user=director)
    assert BibliographicRecord.objects.get(pk=single.pk).is_withdrawn


def _confirmed_worn_list(fund, storage_librarian):
    book, _textbook = fund
    worn = list(Item.objects.filter(record=book).order_by("inventory_number"))
    for item in worn:
        copy_condition_note(item=item, condition=CopyCondition.WORN, noted_on=dt.date(2026, 5, 1))
    weeding_list = weeding_list_build(rule=WeedingRule.WORN, created_by=storage_librarian)
    kept = worn[-1]
    for candidate in weeding_list.candidates.all():
        decision = CandidateDecision.KEEP if candidate.item_id == kept.pk else CandidateDecision.WRITE_OFF
        weeding_candidate_decide(candidate=candidate, decision=decision, decided_by=storage_librarian)
    weeding_list_confirm(weeding_list=weeding_list, confirmed_by=storage_librarian)
    return weeding_list, worn[:-1]


def test_a_confirmed_weeding_list_becomes_a_draft_act_of_its_copies_to_write_off(fund, storage_librarian):
    weeding_list, written_off = _confirmed_worn_list(fund, storage_librarian)
    act = WriteOffAct.objects.get()
    assert (act.status, act.source, act.weeding_list, act.reason, act.created_by) == (
        WriteOffActStatus.DRAFT, Source.WEEDING, weeding_list, WriteOffReason.WORN, storage_librarian)
    assert [(line.item, line.price) for line in act.lines.order_by("item__inventory_number")] == [
        (item, Decimal("5000")) for item in written_off]


def test_handing_a_weeding_list_over_again_makes_no_second_act_nor_line(fund, storage_librarian):
    weeding_list, _written_off = _confirmed_worn_list(fund, storage_librarian)
    act = WriteOffAct.objects.get()
    assert services.write_off_handoff_weeding(weeding_list=weeding_list, user=storage_librarian) == act
    assert (WriteOffAct.objects.count(), WriteOffLine.objects.count()) == (1, 2)


@pytest.mark.parametrize(("rule", "reason"), [
    (WeedingRule.WORN, WriteOffReason.WORN), (WeedingRule.OUTDATED, WriteOffReason.OBSOLETE),
    (WeedingRule.SURPLUS, WriteOffReason.DUPLICATE), (WeedingRule.NO_LOANS, WriteOffReason.NON_CORE),
])
def test_each_weeding_rule_gives_the_act_its_reason(rule, reason):
    from acquisitions.services.handoffs import REASON_OF_WEEDING_RULE

    assert REASON_OF_WEEDING_RULE[rule] == reason
    assert set(REASON_OF_WEEDING_RULE) == set(WeedingRule.values)


def test_a_copy_already_on_the_desk_act_is_not_listed_again_by_a_weeding_list(fund, librarian, storage_librarian):
    book, _textbook = fund
    lost = Item.objects.filter(record=book).order_by("inventory_number").first()
    lose(lost, librarian)
    _confirmed_worn_list(fund, storage_librarian)
    weeding_act = WriteOffAct.objects.get(source=Source.WEEDING)
    assert lost.pk not in set(weeding_act.lines.values_list("item_id", flat=True))
    assert WriteOffLine.objects.filter(item=lost).count() == 1


def test_the_acquisitions_librarian_sees_the_handed_over_draft_in_the_queue(client, fund, librarian,
                                                                          acquisitions_librarian):
    book, _textbook = fund
    lose(Item.objects.filter(record=book).first(), librarian)
    client.force_login(acquisitions_librarian)
    home = client.get(reverse("core:workbench"))
    queues = {entry.key: entry.count for block in home.context["blocks"] for entry in block.queues}
    assert queues["acquisitions.write_offs_handed_over"] == 1
    page = client.get(reverse("acquisitions:write_off_list")).content.decode()
    assert str(Source.DESK_LOSS.label) in page


@pytest.mark.parametrize(("persona", "approved"), [
    ("director", True), ("acquisitions_librarian", False), ("librarian", False), ("storage_librarian", False),
    ("reader", False),
])
def test_only_the_director_approves_a_handed_over_act(client, request, fund, librarian, persona, approved):
    book, _textbook = fund
    lose(Item.objects.filter(record=book).first(), librarian)
    act = WriteOffAct.objects.get()
    client.force_login(request.getfixturevalue(persona))
    client.post(reverse("acquisitions:write_off_approve", args=[act.pk]))
    act.refresh_from_db()
    assert act.is_approved is approved


def test_receipt_stamps_every_copy_on_its_day(fund):
    assert set(Item.objects.values_list("stamped", "stamped_on")) == {(True, RECEIVED_ON)}


def test_the_copy_admin_shows_the_day_of_the_stamp(admin_client, fund):
    item = Item.objects.first()
    page = admin_client.get(reverse("admin:cataloguing_item_change", args=[item.pk])).content.decode()
    assert "stamped on" in page.lower() or "stamped_on" in page


def test_the_migration_marks_copies_received_before_as_stamped_on_their_day_of_receipt(fund):
    from tests.cataloguing.factories import make_item, make_record

    Item.objects.update(stamped=False, stamped_on=None)
    typed_in = make_item(make_record(), inventory_number="L-1")  # no date of receipt: nothing known
    migration = importlib.import_module("cataloguing.migrations.0013_item_stamped_at_receipt")
    migration.mark_received_copies_stamped(django_apps, None)
    assert set(Item.objects.exclude(pk=typed_in.pk).values_list("stamped", "stamped_on")) == {(True, RECEIVED_ON)}
    typed_in.refresh_from_db()
    assert (typed_in.stamped, typed_in.stamped_on) == (False, None)


def test_the_act_admin_shows_where_a_handed_over_draft_comes_from(admin_client, fund, librarian):
    book, _textbook = fund
    loss = lose(Item.objects.filter(record=book).first(), librarian)
    act = WriteOffAct.objects.get()
    changelist = admin_client.get(reverse("admin:acquisitions_writeoffact_changelist"), {"source": Source.DESK_LOSS})
    assert list(changelist.context["cl"].result_list) == [act]
    page = admin_client.get(reverse("admin:acquisitions_writeoffact_change", args=[act.pk]))
    assert page.status_code == 200
    assert str(Source.DESK_LOSS.label) in page.content.decode()
    assert f">{loss.pk}<" in page.content.decode()

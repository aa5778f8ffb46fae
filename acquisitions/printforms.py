"""Numbered forms of acquisitions and fund accounting (607-05 … 607-23), registered with forms_registry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import roles
from accounts.signatories import AGREE, APPROVE, approval
from core.numbers import format_amount, format_number, natural_key, number_ranges
from forms_registry.examples import document_example, number_example, period_example, year_with_rows
from forms_registry.registry import (
    FormDataError,
    FormParam,
    document_params,
    number_param,
    period_params,
    registry,
    year_param,
)

from . import selectors
from .books import Column, Section
from .constants import (
    INVENTORY_ROWS_PER_PAGE,
    SUBJECT_CLASSES,
    DocumentKind,
    LanguageGroup,
    ReceiptSource,
    RequestKind,
)
from .models import (
    AcquisitionRequest,
    ConsolidatedOrder,
    DefectAct,
    Discipline,
    EResourceUse,
    InventoryEntry,
    LicensedDatabase,
    NonInventoryCard,
    Receipt,
    ReceiptLine,
    StocktakingSession,
    StocktakingStatus,
    Subscription,
    UsageFigure,
    WriteOffAct,
    WriteOffActStatus,
    WriteOffLine,
)

KIND_LABELS_KK = {
    DocumentKind.BOOK: "Кітаптар", DocumentKind.TEXTBOOK: "Оқулықтар", DocumentKind.PERIODICAL: "Мерзімді басылымдар",
    DocumentKind.ELECTRONIC: "Электрондық құжаттар", DocumentKind.OTHER: "Басқа құжаттар",
}
LANGUAGE_LABELS_KK = {
    LanguageGroup.KAZAKH: "Қазақ тілінде", LanguageGroup.RUSSIAN: "Орыс тілінде",
    LanguageGroup.ENGLISH: "Ағылшын тілінде", LanguageGroup.OTHER: "Басқа тілдерде",
}
SUBJECT_CODES = [code for code in SUBJECT_CLASSES if code]
COMMISSION = [{"position": "Комиссия төрағасы", "name": ""}, {"position": "Комиссия мүшелері", "name": ""}]
HEAD_OF_ACQUISITIONS = {"position": "ҚЖжҒӨБ меңгерушісі", "name": ""}


def _director_approval(on: dt.date | None = None, person=None) -> list[dict[str, Any]]:
    """БЕКІТЕМІН of the library's director over an act or a consolidated list (dated once it is approved)."""
    return [approval(APPROVE, roles.DIRECTOR, person=person, on=on)]


# Acts of acceptance (607-16) are every receipt but gifts, which have their own act (607-19).
NOT_GIFT = tuple(source for source in ReceiptSource.values if source != ReceiptSource.GIFT)


def _year_number_param() -> tuple[FormParam, FormParam]:
    """An act's year and number."""
    return document_params(_("act number"))


def _newest_act(queryset, **fields):
    """The example of an act's form: the last act of `queryset`."""
    return lambda: document_example(queryset, **fields)


def _request_example(kind: str):
    return lambda: number_example(AcquisitionRequest.objects.filter(kind=kind), name="request_id")


def _inventory_example() -> dict[str, int] | None:
    """The last page of the inventory book: its newest entries."""
    last = InventoryEntry.objects.aggregate(last=Max("number"))["last"]
    return None if last is None else {"number_from": max(last - INVENTORY_ROWS_PER_PAGE + 1, 1), "number_to": last}


def _discipline_example() -> dict[str, Any] | None:
    """The book provision forms' example: the discipline registered last, and its department."""
    discipline = Discipline.objects.select_related("department").order_by("-pk").first()
    return {"discipline_id": discipline.pk, "department": discipline.department.code} if discipline else None


def _only(name: str, example: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if example is None else {name: example[name]}


def _columns(totals: dict) -> dict[str, list[int]]:
    """A movement's figures in the book's column order (types, subjects, languages)."""
    return {
        "kinds": [totals["document_kind"].get(code, 0) for code in DocumentKind.values],
        "subjects": [totals["subject_class"].get(code, 0) for code in SUBJECT_CODES]
        + [totals["subject_class"].get("", 0)],
        "languages": [totals["language_group"].get(code, 0) for code in LanguageGroup.values],
    }


def _column_heads() -> dict[str, list[str]]:
    return {
        "kinds": [KIND_LABELS_KK[code] for code in DocumentKind.values],
        "subjects": [*SUBJECT_CODES, "—"],
        "languages": [LANGUAGE_LABELS_KK[code] for code in LanguageGroup.values],
    }


# --- Requests (607-07, 607-08, 607-10, 607-11) -----------------------------------------------------------------


def _request_context(kind: str):
    def build(params: dict[str, Any]) -> dict[str, Any]:
        try:
            request = AcquisitionRequest.objects.select_related("department__institute", "created_by").get(
                pk=params["request_id"], kind=kind)
        except AcquisitionRequest.DoesNotExist:
            raise FormDataError(_("No request № %(request_id)s of this kind exists.") % params) from None
        return {
            "request": request, "lines": request.lines.all(),
            "signatures": [{"position": "Кафедра меңгерушісі", "name": request.created_by.short_name}],
        }

    return build


for _code, _kind, _template in (
    ("607-07", RequestKind.PURCHASE, "purchase"),
    ("607-08", RequestKind.SUBSCRIPTION, "subscription"),
    ("607-10", RequestKind.TRIAL_ACCESS, "eresource"),
    ("607-11", RequestKind.E_PURCHASE, "eresource"),
):
    registry.implement(
        _code, template=f"acquisitions/forms/request_{_template}.html", build_context=_request_context(_kind),
        params=(FormParam("request_id", _("request number"), "int"),),
        permission="acquisitions.view_acquisitionrequest", orientation="landscape", example=_request_example(_kind),
    )


# --- Consolidated subscription (607-09), arrivals sheet (607-15) -----------------------------------------------


def subscription_context(params: dict[str, Any]) -> dict[str, Any]:
    subscriptions = Subscription.objects.filter(year=params["year"]).select_related("periodical")
    if not subscriptions:
        raise FormDataError(_("No subscription is registered for %(year)s.") % params)
    total = sum((s.amount for s in subscriptions), start=0)
    # The vice-rector agrees the consolidated order the subscription was placed from (QP 607-2023 §5.2): named
    # and dated from the order when it records the agreement.
    order = (ConsolidatedOrder.objects.filter(lines__subscriptions__in=subscriptions, agreed_by__isnull=False)
             .select_related("agreed_by").order_by("-agreed_at").first())
    agreed = approval(AGREE, roles.VICE_RECTOR, person=order.agreed_by if order else None,
                      on=timezone.localdate(order.agreed_at) if order and order.agreed_at else None)
    return {"subscriptions": subscriptions, "year": params["year"], "total": total,
            "approvals": [agreed, *_director_approval()], "signatures": [HEAD_OF_ACQUISITIONS]}


registry.implement("607-09", template="acquisitions/forms/subscription.html", build_context=subscription_context,
                   params=(year_param(),), permission="acquisitions.view_subscription", orientation="landscape",
                   example=lambda: {"year": year_with_rows(Subscription.objects.all(), "year")})


def arrivals_context(params: dict[str, Any]) -> dict[str, Any]:
    subscriptions = Subscription.objects.filter(year=params["year"]).select_related("periodical").prefetch_related(
        "issues")
    if params.get("index"):
        subscriptions = subscriptions.filter(periodical__subscription_index=params["index"])
    if not subscriptions:
        raise FormDataError(_("No subscription is registered for %(year)s.") % params)
    today = timezone.localdate()
    sheets = []
    for subscription in subscriptions:
        issues = list(subscription.issues.all())
        received = [issue for issue in issues if issue.received_on]
        missing = [issue for issue in issues if issue.is_missing(today)]
        claimed = [issue for issue in missing if issue.claimed_on]
        # Issue numbers as ranges ("1–12, 14"): a daily's year is a line, not 228 numbers.
        sheets.append({
            "subscription": subscription, "expected_count": len(issues),
            "received": number_ranges(issue.number for issue in received), "received_count": len(received),
            "copies_received": sum(issue.copies_received for issue in received),
            "last_received_on": max((issue.received_on for issue in received), default=None),
            "missing": number_ranges(issue.number for issue in missing), "missing_count": len(missing),
            "claimed": number_ranges(issue.number for issue in claimed),
            "last_claimed_on": max((issue.claimed_on for issue in claimed), default=None),
        })
    return {"sheets": sheets, "year": params["year"], "today": today, "signatures": [HEAD_OF_ACQUISITIONS]}


registry.implement("607-15", template="acquisitions/forms/arrivals.html", build_context=arrivals_context,
                   params=(year_param(), FormParam("index", _("subscription index"), "text", required=False)),
                   permission="acquisitions.view_periodicalissue", orientation="landscape",
                   example=lambda: {"year": year_with_rows(Subscription.objects.all(), "year")})


# --- Summary accounting book (607-12) --------------------------------------------------------------------------

# Above this many lines (receipts and acts) a book is ordered on the page of large books and produced in the
# background (acquisitions:book_exports); below it the reports page and the CLI print it at once, by the same code.
BOOK_SYNC_LIMIT = 3000


def _summary_columns(lead: tuple) -> Section:
    return lead + tuple(Column(label, 9, "right", vertical=True) for label in _column_heads()["kinds"]) + tuple(
        Column(code, 6, "right") for code in _column_heads()["subjects"]) + tuple(
        Column(label, 9, "right", vertical=True) for label in _column_heads()["languages"])


def _summary_groups(lead: int) -> tuple[tuple[str, int], ...]:
    return (("", lead), ("Түрлері бойынша", len(DocumentKind.values)),
            ("Мазмұны бойынша (ӘОЖ бөлімдері)", len(SUBJECT_CODES) + 1),
            ("Тілдері бойынша", len(LanguageGroup.values)))


def _figures(totals: dict) -> list[str]:
    columns = _columns(totals)
    return [format_number(n) for n in (*columns["kinds"], *columns["subjects"], *columns["languages"])]


def _movement_rows(movement: dict) -> list[tuple]:
    """Part 3 as the electronic summary book prints it (forms-structure §1, part 3): a line per figure (copies,
    value, each type, subject and language), a column per stage of the year, so a fund of a million copies fits."""
    stages = [movement[key] for key in ("start", "received", "withdrawn", "end")]
    figures = [_figures(stage) for stage in stages]
    heads = _column_heads()
    labels = ([f"Түрлері бойынша: {label}" for label in heads["kinds"]]
              + [f"Мазмұны бойынша: ӘОЖ {code}" for code in SUBJECT_CODES] + ["Мазмұны бойынша: жіктелмеген"]
              + [f"Тілдері бойынша: {label}" for label in heads["languages"]])
    return [("Барлығы, дана", *(format_number(stage["copies"]) for stage in stages)),
            ("Сомасы, тг", *(format_amount(stage["amount"]) for stage in stages)),
            *((label, *(column[index] for column in figures)) for index, label in enumerate(labels))]


def _summary_lines(year: int):
    receipts = Receipt.objects.filter(year=year)
    acts = WriteOffAct.objects.filter(status=WriteOffActStatus.APPROVED, approved_on__year=year)
    return receipts, acts


def summary_book_count(year: int) -> int:
    """Lines of the year's book (receipts and approved write-off acts): what its time and memory grow with."""
    receipts, acts = _summary_lines(year)
    return receipts.count() + acts.count()


def summary_book_sections(year: int) -> tuple[list, int]:
    """The three parts of the book as (section, rows) for acquisitions.books; the totals of every receipt and
    act are read set-based (a few queries for the whole year, whatever its size)."""
    receipts, acts = _summary_lines(year)
    movement = selectors.fund_movement(year)
    count = receipts.count() + acts.count()
    if not count and not movement["start"]["copies"]:
        raise FormDataError(_("The fund has no movement recorded for %(year)s.") % {"year": year})

    def part1():
        totals = selectors.movement_totals_by("receipt_id", ReceiptLine.objects.filter(receipt__year=year))
        titles = selectors.titles_by_receipt(year)
        for receipt in receipts.select_related("supplier", "invoice").order_by("number").iterator(chunk_size=1000):
            row = totals.get(receipt.pk) or selectors.empty_totals()
            yield (f"{receipt.received_on:%d.%m.%Y}", receipt.number, receipt.source_label, receipt.document_label,
                   format_number(row["copies"]), format_amount(row["amount"]), titles.get(receipt.pk, 0),
                   *_figures(row))

    def part2():
        totals = selectors.movement_totals_by("act_id", WriteOffLine.objects.filter(act__in=acts))
        for act in acts.order_by("approved_on", "number").iterator(chunk_size=1000):
            row = totals.get(act.pk) or selectors.empty_totals()
            yield (f"{act.approved_on:%d.%m.%Y}", f"{act.number}/{act.year}", act.get_reason_display(),
                   format_number(row["copies"]), format_amount(row["amount"]), *_figures(row))

    part3 = _movement_rows(movement)

    part1_lead = (Column("Жазба күні", 19, "center"), Column("Жазба №", 13, "right"), Column("Түсу көзі", 20),
                  Column("Ілеспе құжаттың № мен күні", 20), Column("Барлығы, дана", 16, "right"),
                  Column("Сомасы, тг", 20, "right"), Column("Атау саны", 10, "right"))
    part2_lead = (Column("Бекітілген күні", 19, "center"), Column("Шығару актісі №", 16, "center"),
                  Column("Шығару себебі", 26), Column("Барлығы, дана", 16, "right"),
                  Column("Сомасы, тг", 20, "right"))
    part3_columns = (Column("Көрсеткіш", 97), Column("Жыл басында тұр", 40, "right"),
                     Column("Жыл ішінде түсті", 40, "right"), Column("Жыл ішінде шығарылды", 40, "right"),
                     Column("Жыл соңында тұр", 40, "right"))
    heading = f"{year} жыл. "
    sections = [
        (Section(heading + "1-бөлім. Қорға түсу", _summary_columns(part1_lead), _summary_groups(len(part1_lead))),
         part1()),
        (Section(heading + "2-бөлім. Қордан шығару", _summary_columns(part2_lead), _summary_groups(len(part2_lead))),
         part2()),
        (Section(heading + "3-бөлім. Қор қозғалысының қорытындысы", part3_columns), part3),
    ]
    return sections, count + len(part3)


def summary_book_context(params: dict[str, Any]) -> dict[str, Any]:
    """The cover and the closing page (signatures) of the book; its tables are drawn by acquisitions.books."""
    year = params["year"]
    count = summary_book_count(year)
    if not count and not selectors.fund_movement(year)["start"]["copies"]:
        raise FormDataError(_("The fund has no movement recorded for %(year)s.") % params)
    return {"year": year, "count": count, "signatures": [{"position": "ҚЖжҒӨБ меңгерушісі", "name": ""}]}


def summary_book_pdf(params: dict[str, Any]) -> bytes:
    from .books import book_pdf_of

    count = summary_book_count(params["year"])
    if count > BOOK_SYNC_LIMIT:
        raise FormDataError(ngettext(
            "%(count)s line: order this book on the page of large books; it is produced in the background.",
            "%(count)s lines: order this book on the page of large books; it is produced in the background.",
            count) % {"count": count})
    return book_pdf_of("607-12", params)


registry.implement("607-12", template="acquisitions/forms/summary_book.html", build_context=summary_book_context,
                   params=(year_param(),), permission="acquisitions.view_receipt", orientation="landscape",
                   example=lambda: {"year": year_with_rows(Receipt.objects.all(), "received_on")},
                   extra={"render_pdf": summary_book_pdf})


# --- Inventory book (607-13) -----------------------------------------------------------------------------------


def inventory_entries(number_from: int | None = None, number_to: int | None = None):
    entries = InventoryEntry.objects.all()
    if number_from:
        entries = entries.filter(number__gte=number_from)
    if number_to:
        entries = entries.filter(number__lte=number_to)
    return entries


def inventory_book_context(params: dict[str, Any]) -> dict[str, Any]:
    """The cover and the certification page of the book; its table is drawn by acquisitions.books."""
    entries = inventory_entries(params.get("number_from"), params.get("number_to"))
    count = entries.count()
    if not count:
        raise FormDataError(_("The inventory book has no entries in this range."))
    numbers = entries.order_by("number").values_list("number", flat=True)
    return {"count": count, "number_first": numbers.first(), "number_last": numbers.last(),
            "signatures": [{"position": "Кітапхана директоры", "name": ""}]}


def inventory_book_pdf(params: dict[str, Any]) -> bytes:
    from .books import book_pdf_of

    count = inventory_entries(params.get("number_from"), params.get("number_to")).count()
    if count > BOOK_SYNC_LIMIT:
        raise FormDataError(ngettext(
            "%(count)s line: order this book on the page of large books; it is produced in the background.",
            "%(count)s lines: order this book on the page of large books; it is produced in the background.",
            count) % {"count": count})
    return book_pdf_of("607-13", params)


registry.implement("607-13", template="acquisitions/forms/inventory_book.html", build_context=inventory_book_context,
                   params=(FormParam("number_from", _("from inventory number"), "int", required=False),
                           FormParam("number_to", _("to inventory number"), "int", required=False)),
                   permission="acquisitions.view_inventoryentry", orientation="landscape",
                   example=_inventory_example, extra={"render_pdf": inventory_book_pdf})


# --- Non-inventory card (607-14) -------------------------------------------------------------------------------


def card_context(params: dict[str, Any]) -> dict[str, Any]:
    try:
        card = NonInventoryCard.objects.select_related("record").get(number=params["number"])
    except NonInventoryCard.DoesNotExist:
        raise FormDataError(_("No card № %(number)s exists.") % params) from None
    balance, rows = 0, []
    for movement in card.movements.select_related("receipt_line__receipt", "write_off_act"):
        balance += movement.received - movement.withdrawn
        rows.append({"movement": movement, "balance": balance})
    return {"card": card, "record": card.record, "rows": rows}


registry.implement("607-14", template="acquisitions/forms/card.html", build_context=card_context,
                   params=(number_param(_("card number")),), permission="acquisitions.view_noninventorycard",
                   example=lambda: number_example(NonInventoryCard.objects.all(), field="number"))


# --- Acts of acceptance (607-16) and of gifts (607-19) ---------------------------------------------------------


def _acceptance_context(gift: bool):
    def build(params: dict[str, Any]) -> dict[str, Any]:
        receipts = Receipt.objects.filter(year=params["year"], act_number=params["number"])
        receipts = receipts.filter(source=ReceiptSource.GIFT) if gift else receipts.exclude(source=ReceiptSource.GIFT)
        receipt = receipts.select_related("supplier", "contract", "invoice").first()
        if receipt is None:
            raise FormDataError(_("No act № %(number)s of %(year)s exists.") % params)
        lines = list(receipt.lines.select_related("record"))
        context = {
            "receipt": receipt, "gift": gift, "lines": lines, "copies": sum(line.copies for line in lines),
            "amount": sum((line.amount for line in lines), start=0),
            "signatures": [*COMMISSION,
                           {"position": "Тапсырған" if not gift else "Сыйға тартушы", "name": receipt.donor}],
        }
        if gift:
            context |= {"approvals": _director_approval()}
        return context

    return build


registry.implement("607-16", template="acquisitions/forms/acceptance_act.html",
                   build_context=_acceptance_context(False),
                   params=_year_number_param(), permission="acquisitions.view_receipt",
                   example=_newest_act(Receipt.objects.filter(source__in=NOT_GIFT), number_field="act_number"))
registry.implement("607-19", template="acquisitions/forms/acceptance_act.html",
                   build_context=_acceptance_context(True),
                   params=_year_number_param(), permission="acquisitions.view_receipt",
                   example=_newest_act(Receipt.objects.filter(source=ReceiptSource.GIFT), number_field="act_number"))


# --- Licensed databases (607-17, 607-18) -----------------------------------------------------------------------


def _usage(databases, date_from: dt.date, date_to: dt.date) -> dict[int, dict[str, int]]:
    rows = (UsageFigure.objects.filter(database__in=databases, month__gte=date_from.replace(day=1),
                                       month__lte=date_to).values("database_id")
            .annotate(sessions=Sum("sessions"), searches=Sum("searches"), downloads=Sum("downloads")))
    usage = {row["database_id"]: dict(row) for row in rows}
    # Beside the vendors' statistics, the uses counted when people opened the database from the library's site.
    through_site = (EResourceUse.objects.filter(database__in=databases, day__gte=date_from, day__lte=date_to)
                    .values("database_id").annotate(uses=Sum("count")))
    for row in through_site:
        usage.setdefault(row["database_id"], {"database_id": row["database_id"]})["site_uses"] = row["uses"]
    return usage


def licensed_register_context(params: dict[str, Any]) -> dict[str, Any]:
    databases = list(LicensedDatabase.objects.filter(access_to__gte=params["date_from"],
                                                     access_from__lte=params["date_to"]))
    if not databases:
        raise FormDataError(_("No licensed database was available in this period."))
    usage = _usage(databases, params["date_from"], params["date_to"])
    return {"rows": [(db, usage.get(db.pk, {})) for db in databases], **params}


registry.implement("607-17", template="acquisitions/forms/licensed_register.html",
                   build_context=licensed_register_context, params=period_params(),
                   permission="acquisitions.view_licenseddatabase", orientation="landscape",
                   example=lambda: period_example(UsageFigure.objects.all(), "month"))


def licensed_book_context(params: dict[str, Any]) -> dict[str, Any]:
    year = params["year"]
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    databases = list(LicensedDatabase.objects.filter(access_to__gte=start, access_from__lte=end))
    if not databases:
        raise FormDataError(_("No licensed database was available in %(year)s.") % params)
    usage = _usage(databases, start, end)
    started = [db for db in databases if db.access_from >= start]
    ended = [db for db in databases if db.access_to <= end]
    totals = {key: sum(usage.get(db.pk, {}).get(key) or 0 for db in databases)
              for key in ("sessions", "searches", "downloads", "site_uses")}
    return {"year": year, "rows": [(db, usage.get(db.pk, {})) for db in databases], "started": started,
            "ended": ended, "cost": sum((db.cost for db in databases), start=0), "totals": totals,
            "signatures": [{"position": "ҚЖжҒӨБ меңгерушісі", "name": ""}]}


registry.implement("607-18", template="acquisitions/forms/licensed_book.html", build_context=licensed_book_context,
                   params=(year_param(),), permission="acquisitions.view_licenseddatabase", orientation="landscape",
                   example=lambda: {"year": year_with_rows(UsageFigure.objects.all(), "month")})


# --- Acts: defects (607-20), inspection (607-21), write-off (607-22) and its list (607-23) ----------------------


def defect_act_context(params: dict[str, Any]) -> dict[str, Any]:
    act = DefectAct.objects.select_related("supplier", "invoice").filter(
        year=params["year"], number=params["number"]).first()
    if act is None:
        raise FormDataError(_("No act № %(number)s of %(year)s exists.") % params)
    lines = list(act.lines.select_related("item"))
    return {"act": act, "lines": lines, "approvals": _director_approval(), "signatures": COMMISSION}


registry.implement("607-20", template="acquisitions/forms/defect_act.html", build_context=defect_act_context,
                   params=_year_number_param(), permission="acquisitions.view_defectact",
                   orientation="landscape", example=_newest_act(DefectAct.objects.all()))


def stocktaking_context(params: dict[str, Any]) -> dict[str, Any]:
    session = StocktakingSession.objects.select_related("department", "database").filter(
        year=params["year"], number=params["number"]).first()
    if session is None:
        raise FormDataError(_("No act № %(number)s of %(year)s exists.") % params)
    if session.status != StocktakingStatus.CLOSED:
        # The act states what the inspection found: until it is closed the figures are still changing.
        raise FormDataError(_("Stocktaking № %(number)s of %(year)s is still open: its act is printed once the "
                              "stocktaking is closed.") % params)
    result = selectors.stocktaking_result(session)
    for bucket in ("found", "on_loan", "missing", "misplaced"):
        result[bucket] = sorted(result[bucket], key=lambda item: natural_key(item.inventory_number))
    missing_value = sum((item.price or 0 for item in result["missing"]), start=0)
    return {"session": session, "result": result, "missing_value": missing_value,
            "closed_on": timezone.localdate(session.closed_at) if session.closed_at else None,
            "approvals": _director_approval(),
            "signatures": [*COMMISSION, {"position": "Материалдық жауапты тұлға", "name": ""}]}


registry.implement("607-21", template="acquisitions/forms/stocktaking_act.html", build_context=stocktaking_context,
                   params=_year_number_param(), permission="acquisitions.view_stocktakingsession",
                   example=_newest_act(StocktakingSession.objects.filter(status=StocktakingStatus.CLOSED)))


def _write_off_act(params: dict[str, Any]) -> WriteOffAct:
    act = WriteOffAct.objects.select_related("approved_by").filter(year=params["year"], number=params["number"]).first()
    if act is None:
        raise FormDataError(_("No act № %(number)s of %(year)s exists.") % params)
    return act


def write_off_context(params: dict[str, Any]) -> dict[str, Any]:
    act = _write_off_act(params)
    lines = list(act.lines.select_related("item__record", "card__record"))
    return {"act": act, "lines": lines, "copies": sum(line.copies for line in lines),
            "amount": sum((line.amount for line in lines), start=0),
            "approvals": _director_approval(act.approved_on if act.is_approved else None,
                                            act.approved_by if act.is_approved else None),
            "signatures": COMMISSION}


registry.implement("607-22", template="acquisitions/forms/write_off_act.html", build_context=write_off_context,
                   params=_year_number_param(), permission="acquisitions.view_writeoffact",
                   example=_newest_act(WriteOffAct.objects.all()))
registry.implement("607-23", template="acquisitions/forms/write_off_list.html", build_context=write_off_context,
                   params=_year_number_param(), permission="acquisitions.view_writeoffact",
                   orientation="landscape", example=_newest_act(WriteOffAct.objects.all()))


# --- Book provision (607-05, 607-06) ---------------------------------------------------------------------------


def discipline_context(params: dict[str, Any]) -> dict[str, Any]:
    discipline = Discipline.objects.select_related("programme", "department__institute").filter(
        pk=params["discipline_id"]).first()
    if discipline is None:
        raise FormDataError(_("No discipline № %(discipline_id)s exists.") % params)
    return {"discipline": discipline, "rows": selectors.discipline_provision(discipline),
            "signatures": [{"position": "Оқытушы", "name": ""}, {"position": "Кафедра меңгерушісі", "name": ""},
                           {"position": "Кітапхана қызметкері (қормен салыстырылды)", "name": ""}]}


registry.implement("607-05", template="acquisitions/forms/discipline_provision.html", build_context=discipline_context,
                   params=(FormParam("discipline_id", _("discipline number"), "int"),),
                   permission="acquisitions.view_discipline", orientation="landscape",
                   example=lambda: _only("discipline_id", _discipline_example()))


def _department_choices() -> list[tuple[str, str]]:
    from accounts.models import AcademicDepartment

    return [(d.code, str(d)) for d in AcademicDepartment.objects.all()]


def department_card_context(params: dict[str, Any]) -> dict[str, Any]:
    from accounts.models import AcademicDepartment

    department = AcademicDepartment.objects.select_related("institute").filter(code=params["department"]).first()
    if department is None:
        raise FormDataError(_("No such department."))
    disciplines = selectors.department_provision(department)
    if not disciplines:
        raise FormDataError(_("No discipline of this department is registered."))
    return {"department": department, "disciplines": disciplines,
            "signatures": [{"position": "Кафедра меңгерушісі", "name": ""},
                           {"position": "ҚЖжҒӨБ меңгерушісі", "name": ""}]}


registry.implement("607-06", template="acquisitions/forms/department_card.html",
                   build_context=department_card_context,
                   params=(FormParam("department", _("academic department"), "choice", choices=_department_choices),),
                   permission="acquisitions.view_discipline", orientation="landscape",
                   example=lambda: _only("department", _discipline_example()))

"""Numbered forms of circulation (QP 607-2023 §5.5), registered with forms_registry and filled from real data
for a chosen period or document. Printed forms are in Kazakh."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.numbers import format_amount
from core.periods import period_filter
from core.text import with_full_stop
from forms_registry.examples import document_example, number_example, period_example, year_with_rows
from forms_registry.registry import FormDataError, FormParam, document_params, number_param, period_params, registry

from .calendar import academic_year_label
from .constants import LossStatus, ReservationStatus
from .models import (
    Event,
    ExhibitionRequest,
    FeedbackCard,
    IllRequest,
    InfoServiceRequest,
    Loan,
    LostItem,
    Publication,
    Reader,
    ReaderRegistration,
    ReferenceEntry,
    Reservation,
)

HEAD_OF_SERVICE = {"position": "Қызмет көрсету бөлімінің меңгерушісі", "name": ""}
LIBRARIAN = {"position": "Кітапханашы", "name": ""}
HEAD_OF_ANALYTICS = {"position": "Ақпараттық-талдау бөлімінің меңгерушісі", "name": ""}


def _d(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")


def _kk(obj) -> str:
    return obj.name_in("kk") if obj is not None else ""


def _period(params) -> tuple[dt.date, dt.date]:
    date_from, date_to = params["date_from"], params["date_to"]
    if date_to < date_from:
        raise FormDataError(_("The end of the period is before its start."))
    return date_from, date_to


def _title(record) -> str:
    # One full stop after an author's initials ("Martin R.C. Clean code", never "R.C.. Clean code").
    return f"{with_full_stop(record.first_author) + ' ' if record.first_author else ''}{record.title}"


def _price(value) -> str:
    return format_amount(value) if value else ""


def _reader_label(reader: Reader) -> str:
    unit = _kk(reader.department) or reader.position
    return ", ".join(part for part in (reader.full_name, reader.card_number, _kk(reader.category), unit) if part)


def _require(rows, message):
    if not rows:
        raise FormDataError(message)
    return rows


def _reader_by_card(card: str) -> Reader:
    reader = Reader.objects.select_related("user", "category", "department__institute", "institute").filter(
        card_number=card.strip()
    ).first()
    if reader is None:
        raise FormDataError(_("No reader with card %(card)s.") % {"card": card})
    return reader


# 607-36 -------------------------------------------------------------------------------------------------------

def reader_record_context(params: dict[str, Any]) -> dict[str, Any]:
    reader = _reader_by_card(params["card_number"])
    loans = [
        [_d(loan.issued_at), loan.item.call_number, loan.item.inventory_number, _title(loan.item.record),
         _d(loan.due_on), "жоғалды" if loan.lost else _d(loan.returned_at)]
        for loan in reader.loans.select_related("item__record").order_by("issued_at")
    ]
    registrations = [academic_year_label(r.academic_year) for r in reader.registrations.order_by("academic_year")]
    return {"reader": reader, "institute": _kk(reader.institute or getattr(reader.department, "institute", None)),
            "department": _kk(reader.department), "category": _kk(reader.category),
            "registrations": registrations, "loans": loans, "signatures": [LIBRARIAN]}


# 607-37, 607-39 -------------------------------------------------------------------------------------------------

def orders_context(params: dict[str, Any]) -> dict[str, Any]:
    date_from, date_to = _period(params)
    orders = (
        Reservation.objects.filter(period_filter("created_at", date_from, date_to))
        .select_related("reader__user", "reader__category", "reader__department", "record", "item")
        .order_by("created_at")
    )
    card = (params.get("card_number") or "").strip()
    if card:
        orders = orders.filter(reader=_reader_by_card(card))
    rows = [
        [i, _d(o.created_at), _reader_label(o.reader), _title(o.record), o.item.inventory_number if o.item else "",
         o.get_status_display(), _d(o.expires_at)]
        for i, o in enumerate(orders, 1)
    ]
    _require(rows, _("No orders in the period."))
    return {"rows": rows, "date_from": date_from, "date_to": date_to, "signatures": [LIBRARIAN]}


def desk_day_context(params: dict[str, Any]) -> dict[str, Any]:
    date_from, date_to = _period(params)
    orders = Reservation.objects.filter(period_filter("created_at", date_from, date_to))\
        .select_related("reader__user", "record", "item").order_by("created_at")
    loans = Loan.objects.issued_between(date_from, date_to).select_related("reader__user", "item__record", "issued_by")\
        .order_by("issued_at")
    order_rows = [[i, _d(o.created_at), f"{o.reader.full_name} ({o.reader.card_number})", _title(o.record),
                   o.item.inventory_number if o.item else "", o.get_status_display()]
                  for i, o in enumerate(orders, 1)]
    loan_rows = [[i, _d(loan.issued_at), f"{loan.reader.full_name} ({loan.reader.card_number})",
                  loan.item.inventory_number, _title(loan.item.record), _d(loan.due_on),
                  "оқу залы" if loan.reading_room else "абонемент", loan.issued_by.short_name if loan.issued_by else ""]
                 for i, loan in enumerate(loans, 1)]
    if not order_rows and not loan_rows:
        raise FormDataError(_("No orders and no issues in the period."))
    return {"order_rows": order_rows, "loan_rows": loan_rows, "date_from": date_from, "date_to": date_to,
            "fulfilled": sum(1 for o in orders if o.status == ReservationStatus.FULFILLED), "signatures": [LIBRARIAN]}


# 607-38 ---------------------------------------------------------------------------------------------------------

def reader_loans_context(params: dict[str, Any]) -> dict[str, Any]:
    reader = _reader_by_card(params["card_number"])
    date_from, date_to = _period(params)
    loans = reader.loans.issued_between(date_from, date_to).select_related("item__record").order_by("issued_at")
    rows = [[i, _d(loan.issued_at), loan.item.inventory_number, _title(loan.item.record), _d(loan.due_on),
             "жоғалды" if loan.lost else _d(loan.returned_at), loan.renewals]
            for i, loan in enumerate(loans, 1)]
    _require(rows, _("The reader borrowed nothing in the period."))
    return {"reader": reader, "rows": rows, "date_from": date_from, "date_to": date_to, "signatures": [LIBRARIAN]}


# 607-40, 607-41 -------------------------------------------------------------------------------------------------

def ill_request_context(params: dict[str, Any]) -> dict[str, Any]:
    ill = IllRequest.objects.select_related("reader__user", "reader__category").filter(
        year=params["year"], number=params["number"]
    ).first()
    if ill is None:
        raise FormDataError(_("No ILL/EDD request № %(number)s of %(year)s.") % params)
    return {"ill": ill, "reader_label": _reader_label(ill.reader), "signatures": [LIBRARIAN]}


def ill_sheet_context(params: dict[str, Any]) -> dict[str, Any]:
    date_from, date_to = _period(params)
    requests = IllRequest.objects.in_period(date_from, date_to).select_related("reader__user").order_by("year",
                                                                                                         "number")
    rows = [[f"{r.number}/{r.year}", _d(r.created_at), f"{r.reader.full_name} ({r.reader.card_number})",
             ", ".join(p for p in (r.author, r.title, r.host) if p), r.holding_library, r.get_kind_display(),
             _d(r.received_on), _d(r.returned_on), r.get_status_display() + (f": {r.result_note}" if r.result_note
                                                                              else "")]
            for r in requests]
    _require(rows, _("No ILL/EDD requests in the period."))
    return {"rows": rows, "date_from": date_from, "date_to": date_to, "signatures": [HEAD_OF_SERVICE]}


# 607-42 ---------------------------------------------------------------------------------------------------------

LANGUAGES = ("kaz", "rus", "eng")


def statistics_context(params: dict[str, Any]) -> dict[str, Any]:
    """Daily accounting of readers and issues (forms-structure §12): new and re-registered readers by category,
    readers served, issues by place and language, returns; with totals."""
    date_from, date_to = _period(params)
    days: dict[dt.date, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    registrations = ReaderRegistration.objects.filter(
        period_filter("registered_at", date_from, date_to)
    ).select_related("reader__category")
    for reg in registrations:
        day = timezone.localdate(reg.registered_at)
        first = reg.academic_year == min(
            reg.reader.registrations.values_list("academic_year", flat=True), default=reg.academic_year
        )
        days[day]["new" if first else "reregistered"] += 1
        if first:
            days[day][f"new_{reg.reader.category.code}"] += 1
    served: dict[dt.date, set] = defaultdict(set)
    for loan in Loan.objects.issued_between(date_from, date_to).select_related("item__record"):
        day = timezone.localdate(loan.issued_at)
        row = days[day]
        row["issued"] += 1
        row["reading_room" if loan.reading_room else "home"] += 1
        language = loan.item.record.language if loan.item.record.language in LANGUAGES else "other"
        row[f"lang_{language}"] += 1
        served[day].add(loan.reader_id)
    returned = Loan.objects.filter(period_filter("returned_at", date_from, date_to), lost=False)
    for loan in returned.only("returned_at"):
        days[timezone.localdate(loan.returned_at)]["returned"] += 1
    for day, readers in served.items():
        days[day]["served"] = len(readers)
    columns = ("new", "new_bachelor", "new_master", "new_phd", "new_faculty", "new_staff", "new_external",
               "reregistered", "served", "issued", "home", "reading_room", "lang_kaz", "lang_rus", "lang_eng",
               "lang_other", "returned")
    rows = [[_d(day), *[days[day].get(c, 0) for c in columns]] for day in sorted(days)]
    _require(rows, _("No readers registered and no issues in the period."))
    totals = ["Барлығы", *[sum(days[day].get(c, 0) for day in days) for c in columns]]
    return {"rows": rows, "totals": totals, "date_from": date_from, "date_to": date_to,
            "signatures": [HEAD_OF_SERVICE]}


# 607-43, 607-44 -------------------------------------------------------------------------------------------------

def replacement_act_context(params: dict[str, Any]) -> dict[str, Any]:
    loss = LostItem.objects.select_related(
        "reader__user", "reader__department", "item__record", "replacement_item__record", "accepted_by"
    ).filter(act_year=params["year"], act_number=params["number"]).first()
    if loss is None:
        raise FormDataError(_("No replacement act № %(number)s of %(year)s.") % params)
    lost, new = loss.item, loss.replacement_item
    return {
        "loss": loss, "lost": lost, "new": new, "reader_label": _reader_label(loss.reader),
        "signatures": [HEAD_OF_SERVICE, {"position": "Кітапханашы", "name": loss.accepted_by.short_name
                                         if loss.accepted_by else ""},
                       {"position": "Оқырман", "name": loss.reader.user.short_name}],
    }


def lost_book_context(params: dict[str, Any]) -> dict[str, Any]:
    date_from, date_to = _period(params)
    losses = LostItem.objects.filter(period_filter("declared_at", date_from, date_to))\
        .select_related("reader__user", "reader__department", "item__record", "replacement_item__record")\
        .order_by("declared_at")
    rows = []
    for i, loss in enumerate(losses, 1):
        lost, new = loss.item, loss.replacement_item
        rows.append([
            i, _d(loss.declared_at), _reader_label(loss.reader),
            f"{lost.inventory_number}; {_title(lost.record)}, {lost.record.year or ''}; {_price(lost.price)}",
            f"{_title(new.record)}, {new.record.year or ''}; {_price(new.price)}" if new else "",
            new.inventory_number if new else "",
            f"{loss.act_number}/{loss.act_year}" if loss.act_number else "",
            _d(loss.replaced_on) if loss.status == LossStatus.REPLACED else "ауыстырылмаған",
            "",  # the reader signs here for the loss and its replacement
        ])
    _require(rows, _("No lost books in the period."))
    return {"rows": rows, "date_from": date_from, "date_to": date_to, "signatures": [HEAD_OF_SERVICE]}


# 607-45 ---------------------------------------------------------------------------------------------------------

def feedback_context(params: dict[str, Any]) -> dict[str, Any]:
    card = FeedbackCard.objects.select_related("respondent_category", "responsible").filter(
        pk=params["number"]).first()
    if card is None:
        raise FormDataError(_("No feedback card № %(number)s.") % params)
    ratings = [
        ("Қолжетімділік және жұмыс режимі", card.rating_access),
        ("Қордың толықтығы, қажетті әдебиеттің болуы", card.rating_fund),
        ("Электрондық ресурстардың сапасы", card.rating_e_resources),
        ("Қызметкерлердің біліктілігі мен сыпайылығы", card.rating_staff),
        ("Үй-жайлардың жайлылығы", card.rating_comfort),
        ("Жалпы қанағаттану", card.rating_overall),
    ]
    return {"card": card, "ratings": ratings, "category": _kk(card.respondent_category),
            "signatures": [{"position": "Жауапты", "name": card.responsible.short_name if card.responsible else ""}]}


# 607-46 ---------------------------------------------------------------------------------------------------------

def references_context(params: dict[str, Any]) -> dict[str, Any]:
    date_from, date_to = _period(params)
    entries = ReferenceEntry.objects.filter(given_on__gte=date_from, given_on__lte=date_to)\
        .select_related("reader__user", "answered_by").order_by("given_on", "pk")
    rows = [[i, _d(e.given_on), e.reader.full_name if e.reader else e.requester, e.get_kind_display(), e.question,
             e.answer, "иә" if e.remote else "", e.answered_by.short_name if e.answered_by else ""]
            for i, e in enumerate(entries, 1)]
    _require(rows, _("No references in the period."))
    by_kind = Counter(e.get_kind_display() for e in entries)
    return {"rows": rows, "by_kind": sorted(by_kind.items()), "date_from": date_from, "date_to": date_to,
            "signatures": [HEAD_OF_SERVICE]}


# 607-47, 607-49 -------------------------------------------------------------------------------------------------

def exhibition_context(params: dict[str, Any]) -> dict[str, Any]:
    request = ExhibitionRequest.objects.select_related("department__institute", "requested_by", "librarian")\
        .filter(pk=params["number"]).first()
    if request is None:
        raise FormDataError(_("No exhibition request № %(number)s.") % params)
    return {"request": request, "department": _kk(request.department),
            "signatures": [{"position": "Кафедра меңгерушісі",
                            "name": request.requested_by.short_name if request.requested_by else ""},
                           {"position": "Жауапты кітапханашы",
                            "name": request.librarian.short_name if request.librarian else ""}]}


def info_service_context(params: dict[str, Any]) -> dict[str, Any]:
    request = InfoServiceRequest.objects.select_related("department", "requested_by", "librarian", "reader__user")\
        .filter(pk=params["number"]).first()
    if request is None:
        raise FormDataError(_("No information service request № %(number)s.") % params)
    return {"request": request, "department": _kk(request.department),
            "signatures": [{"position": "Өтініш беруші",
                            "name": request.requested_by.short_name if request.requested_by else ""},
                           {"position": "Жауапты кітапханашы",
                            "name": request.librarian.short_name if request.librarian else ""}]}


# 607-50 ---------------------------------------------------------------------------------------------------------

def participants_context(params: dict[str, Any]) -> dict[str, Any]:
    event = Event.objects.filter(pk=params["number"]).select_related("organiser").first()
    if event is None:
        raise FormDataError(_("No event № %(number)s.") % params)
    attendance = {True: "иә", False: "жоқ", None: ""}  # None: not recorded yet (a sheet printed before the event)
    rows = [[i, p.full_name, p.unit, p.contact, attendance[p.attended], "иә" if p.certified else "", ""]
            for i, p in enumerate(event.participants.order_by("full_name"), 1)]  # the last: the participant signs
    _require(rows, _("No participants are registered for this event."))
    return {"event": event, "rows": rows,
            "signatures": [{"position": "Ұйымдастырушы", "name": event.organiser.short_name if event.organiser
                            else ""}]}


# 607-51 ---------------------------------------------------------------------------------------------------------

def publication_activity_context(params: dict[str, Any]) -> dict[str, Any]:
    year_from, year_to = params["year_from"], params["year_to"]
    if year_to < year_from:
        raise FormDataError(_("The end of the period is before its start."))
    publications = Publication.objects.filter(year__gte=year_from, year__lte=year_to).select_related("department")
    if not publications.exists():
        raise FormDataError(_("No publications are imported for %(a)s–%(b)s.") % {"a": year_from, "b": year_to})
    years = list(range(year_from, year_to + 1))
    by_department = (
        publications.values("department__name_kk", "year")
        .annotate(n=Count("pk"), q1=Count("pk", filter=Q(quartile__iexact="Q1")))
        .order_by("department__name_kk", "year")
    )
    table: dict[str, dict[int, int]] = defaultdict(dict)
    for row in by_department:
        table[row["department__name_kk"] or "Кафедрасы көрсетілмеген"][row["year"]] = row["n"]
    department_rows = [[name, *[counts.get(y, 0) for y in years], sum(counts.values())]
                       for name, counts in sorted(table.items())]
    by_source = Counter((p.get_source_display(), p.year) for p in publications)
    source_rows = [[source, *[by_source.get((source, y), 0) for y in years]]
                   for source in sorted({s for s, _y in by_source})]
    authors: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: {"n": 0, "citations": 0})
    for p in publications:
        for name in p.author_names():
            key = (name, _kk(p.department))
            authors[key]["n"] += 1
            authors[key]["citations"] += p.citations
    author_rows = [[name, dept, v["n"], v["citations"]]
                   for (name, dept), v in sorted(authors.items(), key=lambda kv: (-kv[1]["n"], kv[0][0]))]
    totals = ["Барлығы", *[publications.filter(year=y).count() for y in years], publications.count()]
    return {"years": years, "department_rows": department_rows, "totals": totals, "source_rows": source_rows,
            "author_rows": author_rows, "year_from": year_from, "year_to": year_to,
            "citations": sum(p.citations for p in publications), "signatures": [HEAD_OF_ANALYTICS]}


CARD = FormParam("card_number", _("reader card number"), "text")


def _newest_borrower() -> Reader | None:
    """The example reader of the reader's forms: the one who borrowed last (else the one registered last)."""
    loan = Loan.objects.order_by("-issued_at", "-pk").select_related("reader").first()
    return loan.reader if loan else Reader.objects.order_by("-pk").first()


def _reader_example() -> dict[str, Any] | None:
    reader = _newest_borrower()
    return {"card_number": reader.card_number} if reader else None


def _reader_loans_example() -> dict[str, Any] | None:
    reader = _newest_borrower()
    if reader is None:
        return None
    return {"card_number": reader.card_number, **period_example(reader.loans.all(), "issued_at")}


def _publications_example() -> dict[str, int]:
    year_to = year_with_rows(Publication.objects.all(), "year")
    return {"year_from": year_to - 4, "year_to": year_to}


def _implement(code, template, build, params, model, orientation="portrait", *, example):
    registry.implement(code, template=f"circulation/forms/{template}.html", build_context=build, params=params,
                       permission=f"circulation.view_{model}", orientation=orientation, example=example)


def _period_of(queryset, field):
    return lambda: period_example(queryset, field)


def _newest(model, **fields):
    return lambda: document_example(model.objects.all(), **fields) if fields else number_example(model.objects.all())


_implement("607-36", "reader_record", reader_record_context, (CARD,), "reader", example=_reader_example)
_implement("607-37", "orders", orders_context,
           (*period_params(), FormParam("card_number", _("reader card number"), "text", required=False)),
           "reservation", "landscape", example=_period_of(Reservation.objects.all(), "created_at"))
_implement("607-38", "reader_loans", reader_loans_context, (CARD, *period_params()), "loan",
           example=_reader_loans_example)
_implement("607-39", "desk_day", desk_day_context, period_params(), "loan", "landscape",
           example=_period_of(Loan.objects.all(), "issued_at"))
_implement("607-40", "ill_request", ill_request_context, document_params(_("number")), "illrequest",
           example=_newest(IllRequest, year_field="year", number_field="number"))
_implement("607-41", "ill_sheet", ill_sheet_context, period_params(), "illrequest", "landscape",
           example=_period_of(IllRequest.objects.all(), "created_at"))
_implement("607-42", "statistics", statistics_context, period_params(), "loan", "landscape",
           example=_period_of(Loan.objects.all(), "issued_at"))
_implement("607-43", "replacement_act", replacement_act_context, document_params(_("number")), "lostitem",
           example=_newest(LostItem, year_field="act_year", number_field="act_number"))
_implement("607-44", "lost_book", lost_book_context, period_params(), "lostitem", "landscape",
           example=_period_of(LostItem.objects.all(), "declared_at"))
_implement("607-45", "feedback", feedback_context, (number_param(_("number")),), "feedbackcard",
           example=_newest(FeedbackCard))
_implement("607-46", "references", references_context, period_params(), "referenceentry", "landscape",
           example=_period_of(ReferenceEntry.objects.all(), "given_on"))
_implement("607-47", "exhibition", exhibition_context, (number_param(_("number")),), "exhibitionrequest",
           example=_newest(ExhibitionRequest))
_implement("607-49", "info_service", info_service_context, (number_param(_("number")),), "infoservicerequest",
           example=_newest(InfoServiceRequest))
_implement("607-50", "participants", participants_context, (number_param(_("number")),), "event",
           example=_newest(Event))
_implement("607-51", "publication_activity", publication_activity_context,
           (FormParam("year_from", _("from year"), "year"), FormParam("year_to", _("to year"), "year")),
           "publication", "landscape", example=_publications_example)

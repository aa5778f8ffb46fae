"""Numbered forms of cataloguing, registered with forms_registry: catalogue cards (607-26), database
passport (607-27), transfer slip (607-28) and the UDC log (607-29)."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, Sum
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.periods import period_filter
from forms_registry.examples import document_example, period_example, year_with_rows
from forms_registry.registry import FormDataError, FormParam, document_params, period_params, registry, year_param
from forms_registry.renderer import form_context, html_to_pdf

from .gost import heading_form
from .marc import split_list
from .models import BibliographicRecord, CatalogueDatabase, DatabasePassport, TransferSlip, UdcRequest

MAX_CARDS = 3000
LAYOUT_SHEET = "sheet"
LAYOUT_SINGLE = "single"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _database_choices() -> list[tuple[str, str]]:
    return [(db.code, db.name) for db in CatalogueDatabase.objects.all()]


def _layout_choices() -> list[tuple[str, str]]:
    return [(LAYOUT_SHEET, str(_("four cards on an A4 sheet"))), (LAYOUT_SINGLE, str(_("one card per page")))]


# -- 607-26 catalogue cards --------------------------------------------------------------------------------

CARDS_PER_SHEET = 4  # the "sheet" layout's A4 page holds four cards


def _newest_records(count: int, *, name: str = "records") -> dict[str, str] | None:
    """The example of the card forms: the ids of the records catalogued last."""
    ids = list(BibliographicRecord.objects.order_by("-pk").values_list("pk", flat=True)[:count])
    return {name: " ".join(str(pk) for pk in reversed(ids))} if ids else None


def card_for(record: BibliographicRecord, inventory_numbers: list[str]) -> dict[str, Any]:
    """One main-entry card per GOST 7.51: call number, heading, description, tracing."""
    authors = split_list(record.authors)
    heading = heading_form(authors[0]) if authors and len(authors) <= 3 else ""
    description = record.gost_description
    if heading and description.startswith(heading):
        description = description[len(heading):].lstrip(". ").strip()
    tracing = [f"{n}. {subject}" for n, subject in enumerate(split_list(record.subjects), start=1)]
    added = [heading_form(a) for a in authors[1:]] + ([record.title] if heading else [])
    tracing += [f"{ROMAN[n] if n < len(ROMAN) else n + 1}. {entry}" for n, entry in enumerate(added)]
    # A long index is carried over at its auxiliaries, as on a hand-written card: "550.83" / "(075.8)".
    udc = record.udc if len(record.udc) <= 8 else re.sub(r"(?<=.)(?=[(:+\"])", "\n", record.udc)
    call = udc.split("\n") if udc else []
    sign = (record.first_author or record.title)[:1].upper()
    if sign:
        call.append(sign)
    return {"record": record, "call_number": call, "heading": heading, "description": description,
            "tracing": "  ".join(tracing), "inventory_numbers": inventory_numbers}


def _parse_ids(raw: str) -> tuple[list[int], list[str]]:
    ids, numbers = [], []
    for token in re.split(r"[\s,;]+", raw or ""):
        if not token:
            continue
        if token.isdigit():
            ids.append(int(token))
        numbers.append(token)
    return ids, numbers


def cards_context(params: dict[str, Any]) -> dict[str, Any]:
    records = BibliographicRecord.objects.all()
    filtered = False
    if params.get("records"):
        ids, numbers = _parse_ids(params["records"])
        records = records.filter(Q(pk__in=ids) | Q(control_number__in=numbers))
        filtered = True
    if params.get("database"):
        records = records.filter(database__code=params["database"])
        filtered = True
    date_from, date_to = params.get("date_from") or None, params.get("date_to") or None  # "" is no bound
    if date_from or date_to:
        records = records.filter(period_filter("created_at", date_from, date_to))
        filtered = True
    if not filtered:
        raise FormDataError(_("Choose the records: a database, a period or record numbers."))
    return _cards(records, params.get("layout") or LAYOUT_SHEET)


def _cards(records, layout: str) -> dict[str, Any]:
    records = list(records.order_by("first_author", "title", "pk")[: MAX_CARDS + 1])
    if not records:
        raise FormDataError(_("No bibliographic records match these parameters."))
    if len(records) > MAX_CARDS:
        raise FormDataError(ngettext("More than %(max)s card: narrow the selection.",
                                     "More than %(max)s cards: narrow the selection.", MAX_CARDS) % {"max": MAX_CARDS})
    inventory: dict[int, list[str]] = {}
    from .models import Item

    for record_id, number in (Item.objects.filter(record__in=records).order_by("inventory_number")
                              .values_list("record_id", "inventory_number")):
        inventory.setdefault(record_id, []).append(number)
    cards = [card_for(r, inventory.get(r.pk, [])) for r in records]
    return {"cards": cards, "layout": layout, "sheets": [cards[i:i + 4] for i in range(0, len(cards), 4)]}


def render_cards_pdf(*, record_ids: list[int], layout: str = LAYOUT_SHEET) -> bytes:
    """Cards for an admin selection (any size, no query-string limit), through the registry's template."""
    entry = registry.get("607-26")
    implementation = registry.implementation(entry.code)
    params = {"records": "", "layout": layout}
    with translation.override("kk"):
        context = form_context(entry, _CardsByIds(record_ids, layout), params)
        html = render_to_string(implementation.template, context)
    return html_to_pdf(html)


class _CardsByIds:
    """A stand-in implementation whose context builder takes the admin's ids directly."""

    orientation = "landscape"

    def __init__(self, record_ids: list[int], layout: str):
        self.record_ids, self.layout = record_ids, layout

    def build_context(self, params: dict[str, Any]) -> dict[str, Any]:
        return _cards(BibliographicRecord.objects.filter(pk__in=self.record_ids), self.layout)


registry.implement(
    "607-26",
    template="cataloguing/forms/cards.html",
    build_context=cards_context,
    params=(
        FormParam("database", _("catalogue database"), "choice", required=False, choices=_database_choices),
        FormParam("date_from", _("records created from"), "date", required=False),
        FormParam("date_to", _("records created to"), "date", required=False),
        FormParam("records", _("record ids or control numbers"), "text", required=False,
                  help_text=_("Separated by commas or spaces.")),
        FormParam("layout", _("layout"), "choice", choices=_layout_choices, initial=lambda: LAYOUT_SHEET),
    ),
    permission="cataloguing.view_bibliographicrecord",
    orientation="landscape",
    example=lambda: _newest_records(CARDS_PER_SHEET),
)


# -- 607-27 database passport ------------------------------------------------------------------------------

def passport_context(params: dict[str, Any]) -> dict[str, Any]:
    passports = DatabasePassport.objects.filter(year=params["year"]).select_related("database")
    if params.get("database"):
        passports = passports.filter(database__code=params["database"])
    passports = list(passports.order_by("database__ordering", "database__code"))
    if not passports:
        raise FormDataError(_("No database passport is made for %(year)s yet.") % {"year": params["year"]})
    return {"passports": passports}


registry.implement(
    "607-27",
    template="cataloguing/forms/passport.html",
    build_context=passport_context,
    params=(
        year_param(),
        FormParam("database", _("catalogue database"), "choice", required=False, choices=_database_choices),
    ),
    permission="cataloguing.view_databasepassport",
    example=lambda: {"year": year_with_rows(DatabasePassport.objects.all(), "year")},
)


# -- 607-28 transfer slip ----------------------------------------------------------------------------------

def transfer_context(params: dict[str, Any]) -> dict[str, Any]:
    try:
        slip = (TransferSlip.objects.select_related("from_department", "to_department", "created_by", "accepted_by")
                .get(year=params["year"], number=params["number"]))
    except TransferSlip.DoesNotExist:
        raise FormDataError(_("No transfer slip № %(number)s of %(year)s.") % params) from None
    lines = list(slip.lines.order_by("inventory_number"))
    signatures = [{"position": "Тапсырды: " + slip.from_department.name_in("kk"), "name": slip.created_by.short_name}]
    signatures.append({"position": "Қабылдады: " + slip.to_department.name_in("kk"),
                       "name": slip.accepted_by.short_name if slip.accepted_by else ""})
    return {"slip": slip, "lines": lines, "total": slip.lines.aggregate(s=Sum("price"))["s"],
            "signatures": signatures}


registry.implement(
    "607-28",
    template="cataloguing/forms/transfer.html",
    build_context=transfer_context,
    params=document_params(_("slip number")),
    permission="cataloguing.view_transferslip",
    example=lambda: document_example(TransferSlip.objects.all()),
)


# -- 607-29 UDC log ----------------------------------------------------------------------------------------

def udc_log_context(params: dict[str, Any]) -> dict[str, Any]:
    rows = list(UdcRequest.objects.in_period(params["date_from"], params["date_to"])
                .select_related("classifier").order_by("requested_at", "pk"))
    if not rows:
        raise FormDataError(_("No UDC requests in this period."))
    return {"rows": rows}


registry.implement(
    "607-29",
    template="cataloguing/forms/udc_log.html",
    build_context=udc_log_context,
    params=period_params(),
    permission="cataloguing.view_udcrequest",
    orientation="landscape",
    example=lambda: period_example(UdcRequest.objects.all(), "requested_at"),
)


# -- 607-25 bibliographic record ---------------------------------------------------------------------------

def record_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-25: one record of the electronic catalogue as printed: library fields, GOST description, the MARC 21
    record itself, its copies and its history."""
    from . import marc

    key = params["record"].strip()
    records = BibliographicRecord.objects.select_related("database", "created_by", "updated_by")
    record = records.filter(control_number=key).first() or (
        records.filter(pk=int(key)).first() if key.isdigit() else None
    )
    if record is None:
        raise FormDataError(_("No bibliographic record %(key)s in the catalogue.") % {"key": key})
    return {
        "record": record,
        "marc_rows": marc.marc_view(marc.record_from_json(record.marc, record.leader)),
        "items": list(record.items.select_related("department").order_by("inventory_number")[:200]),
        "changes": list(record.changes.select_related("user")[:30]),
    }


registry.implement(
    "607-25",
    template="cataloguing/forms/record.html",
    build_context=record_context,
    params=(FormParam("record", _("control number or record id"), "text"),),
    permission="cataloguing.view_bibliographicrecord",
    example=lambda: _newest_records(1, name="record"),
)

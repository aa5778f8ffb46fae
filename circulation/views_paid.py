"""Pages of the paid services: the public price list, the desk's page that records a paid service and prints its
receipt, the cancellation of a mistaken receipt, and the totals of a period with their chart."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import access_rule, permission_rule, signed_in_rule
from core.charts import comparison_bars_svg
from core.forms import PeriodForm
from core.numbers import amount_in_words_kk, format_amount
from forms_registry.renderer import LIBRARY_NAME_KK, UNIVERSITY_NAME_KK, html_to_pdf

from . import selectors, services
from .exceptions import CirculationError
from .models import PriceList, PriceListItem, RenderedService

RECORD_RULE = permission_rule("circulation.add_renderedservice")
CANCEL_RULE = permission_rule("circulation.change_renderedservice")
VIEW_RULE = permission_rule("circulation.view_renderedservice")


class PaidServiceForm(forms.Form):
    service = forms.ModelChoiceField(label=gettext_lazy("service"), queryset=PriceListItem.objects.none(),
                                     empty_label=None)
    quantity = forms.IntegerField(label=gettext_lazy("quantity"), min_value=1, max_value=10000, initial=1)

    def __init__(self, *args, price_list: PriceList | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = (price_list.items.all() if price_list is not None
                                           else PriceListItem.objects.none())
        self.fields["service"].label_from_instance = lambda item: (
            f"{item.name} — {format_amount(item.price)} ₸ / {item.get_unit_display()}")


class MonthPeriodForm(PeriodForm):
    """The totals' period: the current month up to today unless chosen."""

    def default_period(self, date_to):
        return date_to.replace(day=1)


def price_list(request: HttpRequest) -> HttpResponse:
    """The price list in force, public: readers see what a service costs before they come to the desk."""
    in_force = PriceList.objects.in_force(timezone.localdate())
    items = list(in_force.items.all()) if in_force else []
    return render(request, "circulation/paid/price_list.html", {"price_list": in_force, "items": items})


@access_rule(RECORD_RULE)
def paid_desk(request: HttpRequest) -> HttpResponse:
    """Scan the reader's card, choose the service and the quantity, take the money: the receipt is numbered."""
    card = (request.POST.get("card") or request.GET.get("card") or "").strip()
    reader = selectors.reader_by_card(card) if card else None
    if card and reader is None:
        messages.error(request, _("No reader with card %(card)s.") % {"card": card})
    in_force = PriceList.objects.in_force(timezone.localdate())
    form = PaidServiceForm(request.POST or None, price_list=in_force)
    if request.method == "POST" and reader is not None and form.is_valid():
        try:
            rendered = services.paid_service_record(reader=reader, service=form.cleaned_data["service"],
                                                    quantity=form.cleaned_data["quantity"], by=request.user)
        except CirculationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Receipt № %(number)s: %(amount)s ₸ received.") % {
                "number": rendered.receipt_number, "amount": format_amount(rendered.amount)})
            return redirect(f"{reverse('circulation:paid_desk')}?{urlencode({'card': card, 'receipt': rendered.pk})}")
    today = timezone.localdate()
    todays = (RenderedService.objects.filter(rendered_on=today)
              .select_related("reader__user", "service").order_by("-number"))
    just_recorded = None
    receipt_id = request.GET.get("receipt", "")
    if receipt_id.isdigit():
        just_recorded = RenderedService.objects.filter(pk=int(receipt_id)).first()
    return render(request, "circulation/paid/desk.html", {
        "card": card, "reader": reader, "price_list": in_force, "form": form, "todays": todays,
        "todays_total": todays.filter(cancelled_at__isnull=True).aggregate(total=Sum("amount"))["total"],
        "just_recorded": just_recorded, "can_cancel": CANCEL_RULE(request.user),
    })


@access_rule(signed_in_rule)
def paid_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The numbered receipt (PDF, in Kazakh like every printed form): for staff who see the register, and for the
    reader who paid."""
    rendered = get_object_or_404(RenderedService.objects.select_related("reader__user", "service__price_list",
                                                                        "received_by"), pk=pk)
    if not (VIEW_RULE(request.user) or rendered.reader.user_id == request.user.pk):
        raise PermissionDenied
    with translation.override("kk"):
        html = render_to_string("circulation/paid/receipt_pdf.html", {
            "rendered": rendered, "university_name": UNIVERSITY_NAME_KK, "library_name": LIBRARY_NAME_KK,
            "amount_in_words": amount_in_words_kk(rendered.amount),
        })
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{rendered.number}-{rendered.year}.pdf"'
    return response


@require_POST
@access_rule(CANCEL_RULE)
def paid_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    rendered = get_object_or_404(RenderedService, pk=pk)
    try:
        services.paid_service_cancel(rendered=rendered, by=request.user, reason=request.POST.get("reason", ""))
    except CirculationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Receipt № %(number)s is cancelled.") % {"number": rendered.receipt_number})
    return redirect("circulation:paid_desk")


@access_rule(VIEW_RULE)
def paid_totals(request: HttpRequest) -> HttpResponse:
    """The period's receipts and tenge per service, with their chart; as PDF for the director's reports."""
    form = MonthPeriodForm(request.GET or None)
    date_from, date_to = form.period()
    rows = selectors.paid_services_by_service(date_from, date_to)
    total = selectors.paid_services_total(date_from, date_to)
    as_pdf = request.GET.get("format") == "pdf"
    context = {"form": form, "date_from": date_from, "date_to": date_to, "rows": rows, "total": total,
               "receipts": sum(row["receipts"] for row in rows)}
    if as_pdf:
        with translation.override("kk"):
            context["chart"] = _totals_chart(rows)
            html = render_to_string("circulation/paid/totals_pdf.html", {
                **context, "university_name": UNIVERSITY_NAME_KK, "library_name": LIBRARY_NAME_KK})
        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="paid-services-{date_from}-{date_to}.pdf"'
        return response
    context["chart"] = _totals_chart(rows)
    return render(request, "circulation/paid/totals.html", context)


def _totals_chart(rows: list[dict]):
    return comparison_bars_svg([(row["name"], int(row["amount"]), None) for row in rows],
                               current_label=_("tenge received"), previous_label=None)

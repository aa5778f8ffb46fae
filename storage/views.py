from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.access import role_required
from accounts.roles import LIBRARIAN_STORAGE, REPORT_ROLES, SYSADMIN
from core.params import get_id
from core.periods import period_filter
from forms_registry.renderer import LIBRARY_NAME_KK, UNIVERSITY_NAME_KK, html_to_pdf

from .charts import line_chart_svg
from .forms import RecentPeriodForm
from .models import Location


def _charts(room: Location, readings) -> dict:
    points = sorted(readings, key=lambda r: r.measured_at)
    return {
        "temperature_chart": line_chart_svg(
            [(timezone.localtime(r.measured_at), r.temperature) for r in points], band=room.temperature_range,
            unit="°C", title=_("Temperature, °C"),
        ),
        "humidity_chart": line_chart_svg(
            [(timezone.localtime(r.measured_at), r.humidity) for r in points], band=room.humidity_range,
            unit="%", title=_("Relative humidity, %"),
        ),
    }


def _summary(readings) -> dict:
    if not readings:
        return {}
    temperatures = [r.temperature for r in readings]
    humidities = [r.humidity for r in readings]
    return {
        "count": len(readings),
        "out_of_norm": sum(1 for r in readings if r.is_out_of_norm),
        "temperature": (min(temperatures), max(temperatures), sum(temperatures) / len(temperatures)),
        "humidity": (min(humidities), max(humidities), sum(humidities) / len(humidities)),
    }


@role_required(*REPORT_ROLES)
def conditions(request: HttpRequest) -> HttpResponse:
    """Rooms whose climate is logged, with their readings and out-of-norm readings in the period."""
    period_form = RecentPeriodForm(request.GET or None)
    date_from, date_to = period_form.period()
    in_period = period_filter("readings__measured_at", date_from, date_to)
    rooms = (Location.objects.climate_rooms()
             .annotate(reading_count=Count("readings", filter=in_period),
                       out_of_norm_count=Count("readings", filter=in_period & Q(readings__is_out_of_norm=True)),
                       last_measured_at=Max("readings__measured_at"))
             .order_by("code"))
    return render(request, "storage/conditions.html", {
        "rooms": rooms, "period_form": period_form, "date_from": date_from, "date_to": date_to,
    })


@role_required(*REPORT_ROLES)
def room_conditions(request: HttpRequest, code: str) -> HttpResponse:
    """One room's temperature and humidity log for a period: charts, the log, and the log as a PDF."""
    room = get_object_or_404(Location.objects.climate_rooms(), code=code)
    period_form = RecentPeriodForm(request.GET or None)
    date_from, date_to = period_form.period()
    readings = list(room.readings.in_period(date_from, date_to).select_related("recorded_by")
                    .order_by("measured_at"))
    context = {
        "room": room, "readings": readings, "period_form": period_form, "date_from": date_from,
        "date_to": date_to, "summary": _summary(readings),
    }
    if request.GET.get("format") == "pdf":
        with translation.override("kk"):
            context.update(_charts(room, readings))
            html = render_to_string("storage/conditions_pdf.html", {
                **context,
                "form_title": "Температуралық-ылғалдылық режимін есепке алу журналы",
                "printed_code": "", "orientation": "portrait",
                "university_name": UNIVERSITY_NAME_KK, "library_name": LIBRARY_NAME_KK,
                "printed_at": timezone.localtime(),
            })
        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="conditions-{room.code}-{date_from:%Y%m%d}-{date_to:%Y%m%d}.pdf"'
        )
        return response
    context.update(_charts(room, readings))
    return render(request, "storage/room_conditions.html", context)


@role_required(LIBRARIAN_STORAGE, SYSADMIN)
def transfers(request: HttpRequest) -> HttpResponse:
    """607-28 slips from cataloguing waiting for this librarian's department: accept and shelve them."""
    from cataloguing.constants import TransferStatus
    from cataloguing.exceptions import CataloguingError
    from cataloguing.models import TransferSlip

    from .exceptions import StorageError
    from .services import transfer_slip_receive

    pending = TransferSlip.objects.filter(status=TransferStatus.SENT).select_related(
        "from_department", "to_department").prefetch_related("lines")
    if not request.user.is_superuser:
        pending = pending.filter(to_department_id=request.user.library_department_id)
    rooms = Location.objects.climate_rooms().order_by("code")
    if request.method == "POST":
        if not request.user.has_perm("storage.add_itemplacement"):
            raise PermissionDenied  # accepting shelves the copies: a placement is written for each
        slip = get_object_or_404(pending, pk=get_id(request.POST, "slip"))
        room = get_object_or_404(rooms, code=request.POST.get("room"))
        try:
            placements = transfer_slip_receive(slip=slip, room=room, user=request.user)
        except (CataloguingError, StorageError) as exc:
            messages.error(request, str(exc))
        else:
            shelved = len(placements)
            messages.success(request, ngettext("Slip № %(ref)s accepted: %(count)s copy shelved.",
                                               "Slip № %(ref)s accepted: %(count)s copies shelved.", shelved) % {
                "ref": slip.reference, "count": shelved})
        return redirect("storage:transfers")
    return render(request, "storage/transfers.html", {"slips": pending.order_by("sent_on", "number"),
                                                      "rooms": rooms})

"""Pages of the library's outreach (QP 607 §5.5): the public exhibitions; a department's exhibition requests
(607-47) and class bookings, followed like an acquisition request; information-service requests (607-49) from
readers and departments; the librarians' queues that decide them. Views parse input, call one service from
`services/information_outreach.py` and show the result."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.access import access_rule

from . import services
from .constants import ExhibitionStatus
from .exceptions import CirculationError
from .forms_outreach import (
    AnswerForm,
    AttendanceForm,
    ClassBookingForm,
    ConfirmBookingForm,
    ExhibitionRequestForm,
    InfoServiceRequestForm,
    RefusalForm,
)
from .models import (
    ClassBooking,
    Event,
    EventParticipant,
    Exhibition,
    ExhibitionRecord,
    ExhibitionRequest,
    InfoServiceRequest,
    LiteracyPlanItem,
)
from .outreach_access import departments, heads_department, info_requesters, processes, processes_outreach

PAST_SHOWN = 30


# --- Public exhibitions -----------------------------------------------------------------------------------------


def exhibition_list(request: HttpRequest) -> HttpResponse:
    """The exhibitions open now and coming, then the past ones (published only: drafts are the library's)."""
    today = timezone.localdate()
    published = Exhibition.objects.published()
    return render(request, "circulation/outreach/exhibition_list.html", {
        "current": list(published.open_on(today).order_by("-date_from", "-pk")),
        "coming": list(published.coming_on(today).order_by("date_from", "pk")),
        "past": list(published.past_on(today).order_by("-date_to", "-pk")[:PAST_SHOWN]),
    })


def exhibition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An exhibition's page; a virtual one lists its records with their captions and images. A draft is shown only
    to the librarians who prepare it (a preview), to everyone else it does not exist."""
    exhibitions = Exhibition.objects.prefetch_related(
        Prefetch("entries", queryset=ExhibitionRecord.objects.select_related("record").order_by("position", "pk")))
    exhibition = get_object_or_404(exhibitions, slug=slug)
    if exhibition.status != ExhibitionStatus.PUBLISHED and not processes_outreach(request.user):
        raise Http404
    return render(request, "circulation/outreach/exhibition_detail.html", {
        "exhibition": exhibition, "entries": exhibition.entries.all(), "today": timezone.localdate(),
    })


# --- Exhibition requests (607-47) -------------------------------------------------------------------------------


def _refused(request: HttpRequest, error: CirculationError) -> None:
    messages.error(request, error.message)


@access_rule(departments)
def exhibition_request_list(request: HttpRequest) -> HttpResponse:
    """A head's requests of their department with their status; for the librarians, the queue of all."""
    rows = ExhibitionRequest.objects.visible_to(request.user).select_related("department", "exhibition")
    return render(request, "circulation/outreach/exhibition_request_list.html", {
        "rows": rows[:200], "may_request": heads_department(request.user),
        "processes": processes_outreach(request.user),
    })


@access_rule(heads_department)
def exhibition_request_new(request: HttpRequest) -> HttpResponse:
    form = ExhibitionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.exhibition_request_submit(user=request.user, **form.cleaned_data)
        except CirculationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The exhibition request has been sent to the library."))
            return redirect("circulation:exhibition_request", pk=created.pk)
    return render(request, "circulation/outreach/request_form.html", {
        "form": form, "title": _("Request to prepare an exhibition"), "code": "607-47",
    })


@access_rule(departments)
def exhibition_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(ExhibitionRequest.objects.visible_to(request.user)
                            .select_related("department", "requested_by", "librarian", "exhibition"), pk=pk)
    exhibition = getattr(obj, "exhibition", None)
    return render(request, "circulation/outreach/exhibition_request_detail.html", {
        "obj": obj, "exhibition": exhibition, "processes": processes_outreach(request.user),
        "refusal_form": RefusalForm(),
        "exhibition_admin_url": reverse("admin:circulation_exhibition_change", args=[exhibition.pk])
        if exhibition else None,
    })


def _form_pdf(code: str, number: int) -> HttpResponse:
    from forms_registry.renderer import render_form_pdf

    response = HttpResponse(render_form_pdf(code, {"number": number}), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{code}-{number}.pdf"'
    return response


@access_rule(departments)
def exhibition_request_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The printed request (607-47) for whoever may see it: the department signs it, the library files it."""
    obj = get_object_or_404(ExhibitionRequest.objects.visible_to(request.user), pk=pk)
    return _form_pdf("607-47", obj.pk)


@require_POST
@access_rule(processes)
def exhibition_request_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    obj = get_object_or_404(ExhibitionRequest, pk=pk)
    try:
        if action == "accept":
            services.exhibition_request_accept(request=obj, user=request.user)
            messages.success(request, _("The request has been accepted."))
        elif action == "refuse":
            form = RefusalForm(request.POST)
            services.exhibition_request_refuse(request=obj, user=request.user,
                                               reason=form.data.get("reason", ""))
            messages.success(request, _("The request has been refused; the department sees the reason."))
        elif action == "held":
            services.exhibition_request_mark_held(request=obj, user=request.user)
            messages.success(request, _("The exhibition is marked as prepared and held."))
        elif action == "exhibition":
            exhibition = services.exhibition_from_request(request=obj, user=request.user)
            messages.success(request, _("A draft exhibition has been made: add its text and records, then publish "
                                        "it."))
            return redirect("admin:circulation_exhibition_change", exhibition.pk)
        else:
            raise Http404
    except CirculationError as error:
        _refused(request, error)
    return redirect("circulation:exhibition_request", pk=obj.pk)


# --- Classes and excursions -------------------------------------------------------------------------------------


@access_rule(info_requesters)
def literacy_plan(request: HttpRequest) -> HttpResponse:
    """The year's plan of information-literacy classes, excursions, trainings and events, by month."""
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    items = LiteracyPlanItem.objects.filter(year=year).select_related("responsible")
    return render(request, "circulation/outreach/literacy_plan.html", {
        "items": items, "year": year, "may_book": heads_department(request.user),
    })


@access_rule(departments)
def class_booking_list(request: HttpRequest) -> HttpResponse:
    rows = ClassBooking.objects.visible_to(request.user).select_related("department", "event")
    return render(request, "circulation/outreach/class_booking_list.html", {
        "rows": rows[:200], "may_book": heads_department(request.user),
        "processes": processes_outreach(request.user),
    })


@access_rule(heads_department)
def class_booking_new(request: HttpRequest) -> HttpResponse:
    initial = {}
    plan_id = request.GET.get("plan")
    if plan_id and plan_id.isdigit():
        initial["plan_item"] = plan_id
    form = ClassBookingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.class_booking_submit(user=request.user, **form.cleaned_data)
        except CirculationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The booking has been sent to the library."))
            return redirect("circulation:class_booking", pk=created.pk)
    return render(request, "circulation/outreach/request_form.html", {
        "form": form, "title": _("Book a class or an excursion for a group"), "code": "",
    })


@access_rule(departments)
def class_booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(ClassBooking.objects.visible_to(request.user)
                            .select_related("department", "requested_by", "handled_by", "event", "plan_item"), pk=pk)
    participants = obj.event.participants.select_related("reader") if obj.event_id else []
    return render(request, "circulation/outreach/class_booking_detail.html", {
        "obj": obj, "participants": participants, "processes": processes_outreach(request.user),
        "confirm_form": ConfirmBookingForm(initial={"held_on": obj.preferred_from}), "refusal_form": RefusalForm(),
    })


@require_POST
@access_rule(processes)
def class_booking_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    obj = get_object_or_404(ClassBooking, pk=pk)
    try:
        if action == "confirm":
            form = ConfirmBookingForm(request.POST)
            if not form.is_valid():
                raise CirculationError(_("Give the date of the event."))
            services.class_booking_confirm(booking=obj, user=request.user, **form.cleaned_data)
            messages.success(request, _("The booking is confirmed: the event and its registration sheet are made."))
        elif action == "refuse":
            services.class_booking_refuse(booking=obj, user=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("The booking has been refused; the department sees the reason."))
        else:
            raise Http404
    except CirculationError as error:
        _refused(request, error)
    return redirect("circulation:class_booking", pk=obj.pk)


@access_rule(processes)
def event_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """After the event: who came, who received a certificate (trainings), who came unannounced (607-50)."""
    event = get_object_or_404(Event, pk=pk)
    participants = list(EventParticipant.objects.filter(event=event).select_related("reader").order_by("full_name"))
    form = AttendanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ids = {participant.pk for participant in participants}
        attended = {int(value) for value in request.POST.getlist("attended") if value.isdigit()} & ids
        certified = {int(value) for value in request.POST.getlist("certified") if value.isdigit()} & ids
        try:
            count = services.event_attendance_record(
                event=event, user=request.user, attended=attended, certified=certified,
                extra_names=form.cleaned_data["extra_names"].splitlines())
        except CirculationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, ngettext("Attendance recorded: %(count)s person attended.",
                                               "Attendance recorded: %(count)s people attended.", count)
                             % {"count": count})
            return redirect("circulation:event_attendance", pk=event.pk)
    return render(request, "circulation/outreach/event_attendance.html", {
        "event": event, "participants": participants, "form": form,
        "booking": ClassBooking.objects.filter(event=event).first(),
    })


# --- Information-service requests (607-49) ----------------------------------------------------------------------


@access_rule(info_requesters)
def info_request_list(request: HttpRequest) -> HttpResponse:
    """The person's own requests with their answers; for the librarians, the queue of all."""
    rows = InfoServiceRequest.objects.visible_to(request.user).select_related("department", "reader__user",
                                                                              "requested_by")
    return render(request, "circulation/outreach/info_request_list.html", {
        "rows": rows[:200], "processes": processes_outreach(request.user),
    })


@access_rule(info_requesters)
def info_request_new(request: HttpRequest) -> HttpResponse:
    form = InfoServiceRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.info_request_submit(user=request.user, **form.cleaned_data)
        except CirculationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your request has been sent to the library."))
            return redirect("circulation:info_request", pk=created.pk)
    return render(request, "circulation/outreach/request_form.html", {
        "form": form, "title": _("Request for information and bibliographic services"), "code": "607-49",
    })


@access_rule(info_requesters)
def info_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(InfoServiceRequest.objects.visible_to(request.user)
                            .select_related("department", "reader__user", "requested_by", "librarian"), pk=pk)
    return render(request, "circulation/outreach/info_request_detail.html", {
        "obj": obj, "processes": processes_outreach(request.user), "answer_form": AnswerForm(),
        "refusal_form": RefusalForm(),
    })


@access_rule(info_requesters)
def info_request_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The printed request (607-49) with its answer, for the requester and the librarians."""
    obj = get_object_or_404(InfoServiceRequest.objects.visible_to(request.user), pk=pk)
    return _form_pdf("607-49", obj.pk)


@require_POST
@access_rule(processes)
def info_request_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    obj = get_object_or_404(InfoServiceRequest, pk=pk)
    try:
        if action == "answer":
            form = AnswerForm(request.POST)
            if not form.is_valid():
                raise CirculationError(_("Write the answer."))
            services.info_request_answer(request=obj, user=request.user, **form.cleaned_data)
            messages.success(request, _("The answer has been sent to the requester."))
        elif action == "refuse":
            services.info_request_refuse(request=obj, user=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("The request has been refused; the requester sees the reason."))
        else:
            raise Http404
    except CirculationError as error:
        _refused(request, error)
    return redirect("circulation:info_request", pk=obj.pk)

"""Pages of circulation: the reader's cabinet, ordering (the button is on the catalogue's record page and results,
see catalogue_panels.py), the circulation desk and the public verification of clearance certificates. Views parse
input, call one service and show the result."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import role_required
from accounts.roles import LIBRARIAN_SERVICE, READER, ROLE_LABELS
from cataloguing.exceptions import CataloguingError
from cataloguing.models import BibliographicRecord
from core.access import access_rule, signed_in_rule
from core.params import get_id

from . import selectors, services
from .barcodes import code128_svg, data_uri
from .calendar import academic_year_label, academic_year_of
from .constants import DeliveryKind
from .e_versions import e_version_url
from .exceptions import CirculationError, ReservationRefused, ReturnNeedsConfirmation
from .forms import FeedbackForm, IllRequestForm, ReplacementForm
from .models import ClearanceCertificate, Loan, LostItem, Reader, Refusal, Reservation

DESK_ROLES = (LIBRARIAN_SERVICE,)


def _reader_of(request: HttpRequest) -> Reader | None:
    return Reader.objects.select_related("user", "category", "department__institute").filter(
        user=request.user
    ).first()


def _require_reader(request: HttpRequest) -> Reader:
    reader = _reader_of(request)
    if reader is None:
        raise PermissionDenied
    return reader


def _is_desk(user) -> bool:
    return user.is_superuser or user.has_role(*DESK_ROLES)


def _pdf(html: str, filename: str) -> HttpResponse:
    from forms_registry.renderer import html_to_pdf

    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# ---------------------------------------------------------------------------------------------------------------
# The reader's cabinet


@role_required(READER)
def cabinet(request: HttpRequest) -> HttpResponse:
    """The personal cabinet: registration, orders (607-37), loans with renewal, ILL/EDD (607-40/41), clearance."""
    reader = _reader_of(request)
    context = {
        "person": request.user, "reader": reader,
        "role_labels": [ROLE_LABELS[code] for code in sorted(request.user.role_codes) if code in ROLE_LABELS],
    }
    if reader is not None:
        now = timezone.now()
        loans = list(selectors.reader_open_loans(reader))
        for loan in loans:
            loan.overdue = loan.is_overdue(now)
        context.update(
            registered=reader.is_registered(now),
            academic_year=academic_year_label(academic_year_of(timezone.localdate())),
            orders=selectors.reader_open_orders(reader),
            expired_orders=selectors.reader_recent_expired_orders(reader),
            loans=loans,
            debts=services.reader_debts(reader=reader, at=now),
            ill_requests=reader.ill_requests.all()[:20],
            certificates=reader.clearances.all(),
            paid_services=reader.paid_services.select_related("service").order_by("-received_at")[:20],
        )
    return render(request, "circulation/cabinet.html", context)


@role_required(READER)
def history(request: HttpRequest) -> HttpResponse:
    """Sheet of publications issued to the reader (607-38): every loan, newest first."""
    reader = _require_reader(request)
    page = Paginator(reader.loans.select_related("item__record").order_by("-issued_at"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "circulation/history.html", {"reader": reader, "page": page})


def record_moved(request: HttpRequest, pk: int) -> HttpResponse:
    """The record page moved to the public catalogue (issue 14.3): old bookmarks and browser history lead there."""
    return redirect("catalogue_search:record", pk=pk, permanent=True)


@require_POST
@role_required(READER)
def order(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(BibliographicRecord, pk=pk)
    reader = _require_reader(request)
    try:
        reservation = services.reservation_create(reader=reader, record=record)
    except ReservationRefused as refused:
        if refused.refusal is None:
            messages.error(request, str(refused))
            return redirect("catalogue_search:record", pk=record.pk)
        return render(request, "circulation/refusal.html", {
            "record": record, "refusal": refused.refusal, "message": str(refused),
            "e_version_url": e_version_url(record),
        })
    except CirculationError as error:
        messages.error(request, str(error))
        return redirect("catalogue_search:record", pk=record.pk)
    messages.success(request, _("The copy %(inv)s is held for you until %(until)s.") % {
        "inv": reservation.item.inventory_number,
        "until": timezone.localtime(reservation.expires_at).strftime("%d.%m.%Y %H:%M"),
    })
    return redirect("circulation:cabinet")


@require_POST
@role_required(READER)
def order_wait(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(BibliographicRecord, pk=pk)
    reader = _require_reader(request)
    refusal = Refusal.objects.filter(pk=get_id(request.POST, "refusal") or 0, reader=reader).first()
    try:
        services.reservation_wait(reader=reader, record=record, refusal=refusal)
    except CirculationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You are on the waiting list; we will e-mail you when a copy is held for you."))
    return redirect("circulation:cabinet")


def _own_reservation(request: HttpRequest, pk: int) -> Reservation:
    return get_object_or_404(Reservation, pk=pk, reader__user=request.user)


@require_POST
@role_required(READER)
def order_renew(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        reservation = services.reservation_renew(reservation=_own_reservation(request, pk))
    except CirculationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The order is held until %(until)s.") % {
            "until": timezone.localtime(reservation.expires_at).strftime("%d.%m.%Y %H:%M")})
    return redirect("circulation:cabinet")


@require_POST
@role_required(READER)
def order_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    services.reservation_cancel(reservation=_own_reservation(request, pk))
    messages.success(request, _("The order is cancelled."))
    return redirect("circulation:cabinet")


@require_POST
@role_required(READER, LIBRARIAN_SERVICE)
def loan_renew(request: HttpRequest, pk: int) -> HttpResponse:
    if _is_desk(request.user):
        loan = get_object_or_404(Loan, pk=pk)
    else:
        loan = get_object_or_404(Loan, pk=pk, reader__user=request.user)
    try:
        loan = services.loan_renew(loan=loan)
    except CirculationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Renewed: now due on %(due)s.") % {"due": loan.due_on.strftime("%d.%m.%Y")})
    return _back(request, "circulation:cabinet")


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


@role_required(READER)
def ill_new(request: HttpRequest) -> HttpResponse:
    """Request a document by ILL or EDD (607-40)."""
    reader = _require_reader(request)
    initial = {}
    record = BibliographicRecord.objects.filter(pk=get_id(request.GET, "record") or 0).first()
    if record is not None:
        initial = {"title": record.title, "author": record.first_author, "publication_year": record.year,
                   "isbn_issn": record.isbn or record.issn, "kind": request.GET.get("kind") or DeliveryKind.ILL}
    form = IllRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            ill = services.ill_request_create(reader=reader, record=record, **data)
        except CirculationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Request № %(number)s/%(year)s is registered.") % {
                "number": ill.number, "year": ill.year})
            return redirect("circulation:cabinet")
    return render(request, "circulation/ill_form.html", {"form": form, "record": record})


@role_required(READER)
def feedback(request: HttpRequest) -> HttpResponse:
    """Feedback card (607-45)."""
    reader = _reader_of(request)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.feedback_submit(reader=reader, **form.cleaned_data)
        messages.success(request, _("Thank you: your feedback card is registered."))
        return redirect("circulation:cabinet")
    return render(request, "circulation/feedback.html", {"form": form})


@require_POST
@role_required(READER)
def clearance_issue(request: HttpRequest) -> HttpResponse:
    reader = _require_reader(request)
    try:
        certificate = services.clearance_issue(reader=reader)
    except CirculationError as error:
        messages.error(request, str(error))
        return redirect("circulation:cabinet")
    return redirect("circulation:clearance_pdf", code=certificate.code)


@access_rule(signed_in_rule)  # the reader's own certificate, or the desk: decided by the certificate
def clearance_pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = get_object_or_404(ClearanceCertificate.objects.select_related("reader"), code=code)
    if certificate.reader.user_id != request.user.pk and not _is_desk(request.user):
        raise PermissionDenied
    verify_url = request.build_absolute_uri(reverse("circulation:verify", args=[certificate.code]))
    with translation.override("kk"):
        html = render_to_string("circulation/clearance_pdf.html", {
            "certificate": certificate, "verify_url": verify_url,
            "barcode": data_uri(code128_svg(certificate.code), "image/svg+xml"),
        })
    return _pdf(html, f"clearance-{certificate.number}-{certificate.year}.pdf")


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone holding a clearance certificate's code can check it was issued by the library."""
    certificate = ClearanceCertificate.objects.filter(code=code.strip().upper()).first()
    return render(request, "circulation/verify.html", {"certificate": certificate, "code": code},
                  status=200 if certificate else 404)


# ---------------------------------------------------------------------------------------------------------------
# Reader photo and card


def _may_see_reader(user, reader: Reader) -> bool:
    return reader.user_id == user.pk or _is_desk(user) or user.has_perm("circulation.view_reader")


@access_rule(signed_in_rule)  # the reader themself, the desk, or whoever may view readers: decided below
def reader_photo(request: HttpRequest, pk: int) -> FileResponse:
    reader = get_object_or_404(Reader, pk=pk)
    if not _may_see_reader(request.user, reader):
        raise PermissionDenied
    if not reader.photo:
        raise Http404
    return FileResponse(reader.photo.open("rb"), content_type="image/jpeg")


@role_required(*DESK_ROLES)
def reader_card_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable reader card: photo, name, category, unit, academic year and the card-number barcode."""
    reader = get_object_or_404(Reader.objects.select_related("user", "category", "department__institute"), pk=pk)
    photo = None
    if reader.photo:
        with reader.photo.open("rb") as handle:
            photo = data_uri(handle.read(), "image/jpeg")
    with translation.override("kk"):
        html = render_to_string("circulation/reader_card.html", {
            "reader": reader, "photo": photo, "barcode": data_uri(code128_svg(reader.card_number), "image/svg+xml"),
            "academic_year": academic_year_label(reader.registered_year) if reader.registered_year else "",
        })
    return _pdf(html, f"reader-card-{reader.card_number}.pdf")


# ---------------------------------------------------------------------------------------------------------------
# The circulation desk


@role_required(*DESK_ROLES)
def desk(request: HttpRequest) -> HttpResponse:
    """Scan a reader card, then scan copies: a copy on loan is taken back, any other is issued to the reader."""
    card = (request.GET.get("card") or "").strip()
    reader = selectors.reader_by_card(card) if card else None
    if card and reader is None:
        messages.error(request, _("No reader with card %(card)s.") % {"card": card})
    context = {"card": card, "reader": reader, "day": selectors.day_figures(timezone.localdate()),
               "confirm_return": _early_return_question(request.GET.get("confirm"))}
    if reader is not None:
        now = timezone.now()
        loans = list(selectors.reader_open_loans(reader))
        for loan in loans:
            loan.overdue = loan.is_overdue(now)
        context.update(
            registered=reader.is_registered(now),
            academic_year=academic_year_label(academic_year_of(timezone.localdate())),
            debts=services.reader_debts(reader=reader, at=now),
            orders=selectors.reader_open_orders(reader),
            loans=loans,
            losses=reader.losses.open().select_related("item__record"),
        )
    return render(request, "circulation/desk.html", context)


def _early_return_question(code: str | None) -> dict | None:
    """The desk's question after a scan of a copy issued moments ago: which copy, to whom, when."""
    item = selectors.item_by_barcode(code) if code else None
    loan = Loan.objects.open().filter(item=item).select_related("reader__user").first() if item else None
    if loan is None or not services.loan_returns_early(loan, timezone.now()):
        return None
    return {"item": item, "loan": loan, "code": item.barcode}


def _desk_url(card: str) -> str:
    return f"{reverse('circulation:desk')}?card={card}" if card else reverse("circulation:desk")


@require_POST
@role_required(*DESK_ROLES)
def desk_scan(request: HttpRequest) -> HttpResponse:
    card = (request.POST.get("card") or "").strip()
    code = (request.POST.get("item") or "").strip()
    item = selectors.item_by_barcode(code)
    if item is None:
        messages.error(request, _("No copy with barcode %(code)s.") % {"code": code})
        return redirect(_desk_url(card))
    reader = selectors.reader_by_card(card) if card else None
    confirmed = request.POST.get("confirm_return") == item.barcode
    try:
        if Loan.objects.open().filter(item=item).exists():
            result = services.loan_return(item=item, by=request.user, confirmed=confirmed)
            text = _("Returned: %(inv)s %(title)s.") % {"inv": item.inventory_number, "title": item.record.title[:80]}
            if result.held_for is not None:
                text += " " + _("Put it aside: held for %(name)s (card %(card)s).") % {
                    "name": result.held_for.reader.full_name, "card": result.held_for.reader.card_number}
            messages.success(request, text)
        elif reader is None:
            messages.error(request, _("Scan the reader's card first: the copy %(inv)s is not on loan.")
                           % {"inv": item.inventory_number})
        else:
            loan = services.loan_issue(reader=reader, item=item, by=request.user)
            messages.success(request, _("Issued: %(inv)s %(title)s, due %(due)s.") % {
                "inv": item.inventory_number, "title": item.record.title[:80],
                "due": loan.due_on.strftime("%d.%m.%Y")})
    except ReturnNeedsConfirmation:
        # Nothing changed: the desk asks the question and takes the copy back only when the librarian confirms.
        params = {"card": card, "confirm": item.barcode} if card else {"confirm": item.barcode}
        return redirect(f"{reverse('circulation:desk')}?{urlencode(params)}")
    except CirculationError as error:
        messages.error(request, str(error))
    return redirect(_desk_url(card))


@role_required(*DESK_ROLES)
def desk_why(request: HttpRequest) -> HttpResponse:
    """The "why": which rule of use applies to this reader and copy, and what blocks issuing it."""
    reader = selectors.reader_by_card(request.GET.get("card", ""))
    item = selectors.item_by_barcode(request.GET.get("item", ""))
    decision = services.loan_explain(reader=reader, item=item) if reader and item else None
    return render(request, "circulation/desk_why.html", {
        "reader": reader, "item": item, "decision": decision,
        "card": request.GET.get("card", ""), "code": request.GET.get("item", ""),
    })


@require_POST
@role_required(*DESK_ROLES)
def desk_register(request: HttpRequest, pk: int) -> HttpResponse:
    reader = get_object_or_404(Reader, pk=pk)
    services.reader_register(reader=reader, by=request.user)
    messages.success(request, _("Re-registered for %(year)s.") % {
        "year": academic_year_label(academic_year_of(timezone.localdate()))})
    return redirect(_desk_url(reader.card_number))


@require_POST
@role_required(*DESK_ROLES)
def desk_lost(request: HttpRequest, pk: int) -> HttpResponse:
    loan = get_object_or_404(Loan.objects.select_related("reader", "item"), pk=pk)
    try:
        services.loan_declare_lost(loan=loan, by=request.user)
    except CirculationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Recorded as lost: %(inv)s. The reader owes an equivalent copy.")
                         % {"inv": loan.item.inventory_number})
    return redirect(_desk_url(loan.reader.card_number))


@role_required(*DESK_ROLES)
def desk_replace(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept an equivalent copy in place of a lost one (act 607-43): the new copy enters the fund."""
    loss = get_object_or_404(LostItem.objects.select_related("reader", "item__record"), pk=pk)
    form = ReplacementForm(request.POST or None)
    if request.method == "POST" and not request.user.has_perm("circulation.change_lostitem"):
        raise PermissionDenied  # accepting the replacement closes the loss record
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            loss = services.loss_replace(loss=loss, inventory_number=data["inventory_number"],
                                         barcode=data["barcode"] or data["inventory_number"], price=data["price"],
                                         by=request.user)
        except (CirculationError, CataloguingError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Act № %(number)s/%(year)s: the replacement is accepted, the debt is cleared.")
                             % {"number": loss.act_number, "year": loss.act_year})
            return redirect(_desk_url(loss.reader.card_number))
    return render(request, "circulation/desk_replace.html", {"loss": loss, "form": form})


@role_required(*DESK_ROLES)
def desk_readers(request: HttpRequest) -> HttpResponse:
    """Find a reader by name when the card is not at hand; without a name, the desk's two lists of the day: the
    copies held for orders (to fetch from the shelves) and the readers with overdue loans, each leading to the desk
    with the reader's card."""
    query = (request.GET.get("q") or "").strip()
    readers = []
    context = {"query": query}
    if query:
        readers = Reader.objects.select_related("user", "category").filter(
            Q(user__last_name__icontains=query) | Q(user__first_name__icontains=query) | Q(card_number=query)
        )[:30]
    else:
        now = timezone.now()
        context.update(holds=selectors.holds_to_pick(now)[:100],
                       overdue_readers=selectors.readers_with_overdue_loans(now)[:100])
    return render(request, "circulation/desk_readers.html", {**context, "readers": readers})


@role_required(*DESK_ROLES)
def overdue_letters_pdf(request: HttpRequest) -> HttpResponse:
    """Printable overdue letters: one page per reader with overdue loans, listing every overdue item."""
    now = timezone.now()
    letters = selectors.overdue_letters(now)
    if not letters:
        messages.info(request, _("No reader has an overdue loan today."))
        return redirect("circulation:desk")
    with translation.override("kk"):
        html = render_to_string("circulation/overdue_letters.html", {"letters": letters, "today": timezone.localdate()})
    return _pdf(html, f"overdue-letters-{timezone.localdate():%Y-%m-%d}.pdf")

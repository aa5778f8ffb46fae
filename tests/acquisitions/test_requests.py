"""Department requests: drafts, submission, permissions, corrections, consolidation and statuses."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from acquisitions import services
from acquisitions.constants import CorrectionReason, LineStatus, OrderStatus, RequestKind, RequestStatus
from acquisitions.exceptions import AcquisitionsError
from acquisitions.models import AcquisitionRequest, RequestLine, StatusChange

from .factories import purchase_request

pytestmark = pytest.mark.django_db


def _formset_data(prefix="lines", rows=()):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "1", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def test_head_creates_and_submits_purchase_request_through_the_web_form(client_for, department_head):
    client = client_for(department_head)
    data = {"academic_year": "2026", "funding_source": "бюджет", "note": "", "submit": "1",
            **_formset_data(rows=[{"title": "Деректер қоры", "author": "Смағұлов Б.", "copies_requested": "15",
                                   "students": "30", "literature_kind": "main", "language": "kaz",
                                   "discipline": "Деректер қоры", "programme": "6B06102"}])}
    response = client.post(reverse("acquisitions:request_create", args=["purchase"]), data)
    request = AcquisitionRequest.objects.get()
    assert response.status_code == 302
    assert request.status == RequestStatus.SUBMITTED
    assert request.department == department_head.academic_department
    assert request.lines.get().status == LineStatus.SUBMITTED


def test_draft_is_saved_without_submission(client_for, department_head):
    data = {"academic_year": "2026", "save": "1",
            **_formset_data(rows=[{"title": "Физика", "copies_requested": "5"}])}
    client_for(department_head).post(reverse("acquisitions:request_create", args=["purchase"]), data)
    assert AcquisitionRequest.objects.get().status == RequestStatus.DRAFT


def test_head_sees_only_their_own_departments_requests(client_for, department_head, other_department_head):
    own = purchase_request(head=department_head)
    other = purchase_request(head=other_department_head, titles=(("Геофизика", "Ким В.", 3),))
    client = client_for(department_head)
    listing = client.get(reverse("acquisitions:request_list")).content.decode()
    assert "Python негіздері" not in listing  # the list shows requests, not lines
    assert reverse("acquisitions:request_detail", args=[own.pk]) in listing
    assert reverse("acquisitions:request_detail", args=[other.pk]) not in listing
    assert client.get(reverse("acquisitions:request_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("acquisitions:request_pdf", args=[other.pk])).status_code == 404


def test_reader_cannot_open_requests(client_for, reader):
    assert client_for(reader).get(reverse("acquisitions:request_list")).status_code == 403


def test_submitted_request_cannot_be_edited(client_for, department_head):
    request = purchase_request(head=department_head)
    response = client_for(department_head).get(reverse("acquisitions:request_edit", args=[request.pk]))
    assert response.status_code == 302


def test_empty_request_cannot_be_submitted(department_head):
    request = services.request_create(department=department_head.academic_department, kind=RequestKind.PURCHASE,
                                      academic_year=2026, created_by=department_head, lines=[])
    with pytest.raises(AcquisitionsError):
        services.request_submit(request=request, user=department_head)


def test_kazakh_periodical_is_subscribed_for_the_whole_year(department_head):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.request_create(
            department=department_head.academic_department, kind=RequestKind.SUBSCRIPTION, academic_year=2026,
            created_by=department_head,
            lines=[{"title": "Егемен Қазақстан", "language": "kaz", "period": "h1", "subscription_index": "65001"}],
        )


def test_russian_periodical_is_subscribed_for_a_half_year(department_head):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.request_create(
            department=department_head.academic_department, kind=RequestKind.SUBSCRIPTION, academic_year=2026,
            created_by=department_head,
            lines=[{"title": "Вопросы философии", "language": "rus", "period": "year", "subscription_index": "70150"}],
        )


def test_correction_keeps_reason_and_is_recorded(department_head, acquisitions_librarian):
    line = purchase_request(head=department_head).lines.get()
    services.request_line_correct(line=line, copies=6, reason=CorrectionReason.HOLDINGS, user=acquisitions_librarian,
                                  note="12 copies on the shelf")
    line.refresh_from_db()
    assert (line.copies_requested, line.copies_approved, line.copies) == (10, 6, 6)
    assert line.status == LineStatus.CORRECTED
    change = line.history.get(status=LineStatus.CORRECTED)
    assert change.actor == acquisitions_librarian
    assert "10 → 6" in change.note


def test_correction_needs_a_known_reason(department_head, acquisitions_librarian):
    line = purchase_request(head=department_head).lines.get()
    with pytest.raises(AcquisitionsError):
        services.request_line_correct(line=line, copies=3, reason="whim", user=acquisitions_librarian)


def test_correction_through_the_review_page(client_for, department_head, acquisitions_librarian):
    line = purchase_request(head=department_head).lines.get()
    client_for(acquisitions_librarian).post(reverse("acquisitions:line_correct", args=[line.pk]),
                                            {"copies": "4", "reason": "contingent", "note": ""})
    line.refresh_from_db()
    assert line.copies_approved == 4


def test_head_cannot_correct_quantities(client_for, department_head):
    line = purchase_request(head=department_head).lines.get()
    response = client_for(department_head).post(reverse("acquisitions:line_correct", args=[line.pk]),
                                                {"copies": "40", "reason": "demand"})
    assert response.status_code == 403


def test_identical_lines_of_departments_merge_in_the_consolidated_order(
    department_head, other_department_head, acquisitions_librarian
):
    purchase_request(head=department_head, titles=(("Жоғары математика", "Қасымов Қ.", 10),
                                                    ("Физика", "Иванов И.", 5)))
    purchase_request(head=other_department_head, titles=(("  жоғары  МАТЕМАТИКА", "Қасымов Қ.", 7),))
    order = services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)
    quantities = {line.title: line.quantity for line in order.lines.all()}
    assert quantities == {"Жоғары математика": 17, "Физика": 5}
    assert set(RequestLine.objects.values_list("status", flat=True)) == {LineStatus.IN_ORDER}


def test_lines_with_the_same_isbn_merge(department_head, other_department_head, acquisitions_librarian):
    purchase_request(head=department_head, titles=(("Алгоритмы", "Кормен Т.", 3),), isbn="978-5-8459-2016-4")
    purchase_request(head=other_department_head, titles=(("Алгоритмы: построение и анализ", "Кормен", 2),),
                     isbn="9785845920164")
    order = services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)
    assert [line.quantity for line in order.lines.all()] == [5]


def test_line_corrected_to_zero_is_refused_when_the_order_is_built(department_head, acquisitions_librarian):
    request = purchase_request(head=department_head, titles=(("A", "", 2), ("B", "", 3)))
    services.request_line_correct(line=request.lines.get(title="A"), copies=0, reason=CorrectionReason.TOPICALITY,
                                  user=acquisitions_librarian)
    order = services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)
    assert order.lines.count() == 1
    assert request.lines.get(title="A").status == LineStatus.REFUSED


def test_order_goes_through_agreement_procurement_and_receipt_with_history(
    client_for, department_head, acquisitions_librarian, vice_rector
):
    request = purchase_request(head=department_head)
    order = services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)
    client_for(vice_rector).post(reverse("acquisitions:order_agree", args=[order.pk]))
    order.refresh_from_db()
    assert order.status == OrderStatus.AGREED
    assert order.agreed_by == vice_rector
    services.order_send_to_procurement(order=order, user=acquisitions_librarian)
    order_line = order.lines.get()
    services.order_line_mark_ordered(order_line=order_line, user=acquisitions_librarian)
    services.order_lines_receive(received=[(order_line, 4)], user=acquisitions_librarian)
    line = request.lines.get()
    assert line.status == LineStatus.PARTLY_RECEIVED
    services.order_lines_receive(received=[(order_line, 6)], user=acquisitions_librarian)
    line.refresh_from_db()
    assert line.status == LineStatus.RECEIVED
    statuses = list(line.history.values_list("status", flat=True))
    assert statuses == ["submitted", "in_order", "agreed", "in_procurement", "ordered", "partly_received",
                        "received"]
    assert StatusChange.objects.filter(order=order, status=OrderStatus.AGREED, actor=vice_rector).exists()
    page = client_for(department_head).get(reverse("acquisitions:request_detail", args=[request.pk]))
    with translation.override("kk"):
        assert str(LineStatus.RECEIVED.label) in page.content.decode()


def test_only_vice_rector_agrees_the_order(client_for, department_head, acquisitions_librarian, director):
    purchase_request(head=department_head)
    order = services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)
    assert client_for(director).post(reverse("acquisitions:order_agree", args=[order.pk])).status_code == 403


def test_refused_line_shows_reason_to_the_department(department_head, acquisitions_librarian, vice_rector):
    request = purchase_request(head=department_head)
    order = services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)
    services.order_agree(order=order, user=vice_rector)
    services.order_send_to_procurement(order=order, user=acquisitions_librarian)
    services.order_line_refuse(order_line=order.lines.get(), reason="Out of print", user=acquisitions_librarian)
    line = request.lines.get()
    assert (line.status, line.refusal_reason) == (LineStatus.REFUSED, "Out of print")


def test_web_form_refuses_a_half_year_subscription_to_a_kazakh_edition(client_for, department_head):
    data = {"academic_year": "2026", "submit": "1",
            **_formset_data(rows=[{"title": "Егемен Қазақстан", "subscription_index": "65001", "language": "kaz",
                                   "period": "h1", "copies_requested": "1", "issues_per_year": "250"}])}
    response = client_for(department_head).post(reverse("acquisitions:request_create", args=["subscription"]), data)
    assert response.status_code == 200
    assert not AcquisitionRequest.objects.exists()


def test_review_and_order_pages_render_for_the_library_and_the_vice_rector(
    client_for, department_head, acquisitions_librarian, vice_rector
):
    purchase_request(head=department_head, titles=(("Материалтану", "Ким В.", 4),))
    review = client_for(acquisitions_librarian).get(reverse("acquisitions:review")).content.decode()
    assert "Материалтану" in review
    order = services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)
    page = client_for(vice_rector).get(reverse("acquisitions:order_detail", args=[order.pk])).content.decode()
    assert "Материалтану" in page
    assert reverse("acquisitions:order_agree", args=[order.pk]) in page


def test_new_request_form_offers_the_holdings_lookup(client_for, department_head):
    page = client_for(department_head).get(reverse("acquisitions:request_create", args=["purchase"])).content.decode()
    assert reverse("acquisitions:holdings") in page
    assert "data-holdings" in page

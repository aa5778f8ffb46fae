"""Issue 15.1: the approval chain of plans and reports (QP 607-2023 §5.1). A department's plan and report go to the
director; the library's plan is agreed with the vice-rector (404-05) and approved by the director; the library's
annual report is approved by the Academic Council (502-02). Each step checks its own permission, is kept in the
history, and a return sends the document back to its author with the remarks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from accounts import roles
from planning.constants import ApprovalDecision, ApprovalDocument, ApprovalStage, PlanPeriod, PlanStatus, ReportStatus
from planning.exceptions import PlanningError
from planning.models import ApprovalStep, PlanActivity
from planning.services import approval_decide, approval_submit, library_plan_consolidate, work_plan_create
from tests.factories import UserFactory, library_department

pytestmark = pytest.mark.django_db

PLAN, REPORT = ApprovalDocument.PLAN, ApprovalDocument.REPORT


def department_plan(code: str = "service", period: str = PlanPeriod.YEAR):
    plan = work_plan_create(department=library_department(code), year=2026, period=period)
    PlanActivity.objects.create(plan=plan, position=1, subprocess="5.5", description="Кітап көрмесі", target=2)
    return plan


def step(client, plan, document: str, action: str, **extra):
    return client.post(reverse("planning:plan_step", args=[plan.pk]),
                       {"document": document, "action": action, **extra})


def test_department_plan_goes_to_the_director_who_approves_it(client_for, librarian, director):
    plan = department_plan()
    step(client_for(librarian), plan, PLAN, "submit")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AT_DIRECTOR
    step(client_for(director), plan, PLAN, "approve", comment="Келісемін")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    history = list(plan.approval_steps.values_list("stage", "decision", "decided_by", "comment"))
    assert history == [(ApprovalStage.AUTHOR, ApprovalDecision.SUBMITTED, librarian.pk, ""),
                       (ApprovalStage.DIRECTOR, ApprovalDecision.APPROVED, director.pk, "Келісемін")]


@pytest.mark.parametrize("persona", ["vice_rector", "sysadmin", "cataloguer", "librarian", "department_head"])
def test_only_the_director_approves_a_department_plan(request, client_for, librarian, persona):
    plan = department_plan()
    approval_submit(plan=plan, document=PLAN, user=librarian)
    client = client_for(request.getfixturevalue(persona))
    step(client, plan, PLAN, "approve")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AT_DIRECTOR
    assert not plan.approval_steps.filter(stage=ApprovalStage.DIRECTOR).exists()


def test_a_reader_and_anonymous_cannot_take_a_step(client, client_for, librarian, reader):
    plan = department_plan()
    approval_submit(plan=plan, document=PLAN, user=librarian)
    assert step(client, plan, PLAN, "approve").status_code == 302  # to sign in
    assert step(client_for(reader), plan, PLAN, "approve").status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AT_DIRECTOR


def test_a_librarian_of_another_department_cannot_submit_or_see_the_plan(client_for, cataloguer):
    plan = department_plan("service")
    client = client_for(cataloguer)
    assert client.get(reverse("planning:plan", args=[plan.pk])).status_code == 404
    assert step(client, plan, PLAN, "submit").status_code == 404
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_returned_plan_goes_back_to_its_author_with_the_remarks_and_is_resubmitted(client_for, librarian, director):
    plan = department_plan()
    approval_submit(plan=plan, document=PLAN, user=librarian)
    response = step(client_for(director), plan, PLAN, "return", comment="")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AT_DIRECTOR  # a return needs its remarks
    step(client_for(director), plan, PLAN, "return", comment="Көрмелер санын нақтылаңыз.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    page = client_for(librarian).get(reverse("planning:plan", args=[plan.pk])).content.decode()
    assert "Көрмелер санын нақтылаңыз." in page
    assert plan.is_plan_editable
    # The author edits and sends it again; the director approves; the whole history is kept.
    PlanActivity.objects.filter(plan=plan).update(target=3)
    response = step(client_for(librarian), plan, PLAN, "submit", comment="Түзетілді")
    assert response.status_code == 302
    approval_decide(plan=plan, document=PLAN, user=director, approve=True)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert list(plan.approval_steps.values_list("decision", flat=True)) == [
        ApprovalDecision.SUBMITTED, ApprovalDecision.RETURNED, ApprovalDecision.SUBMITTED, ApprovalDecision.APPROVED]
    page = client_for(librarian).get(reverse("planning:plan", args=[plan.pk])).content.decode()
    assert "Көрмелер санын нақтылаңыз." in page  # in the history, no longer as standing remarks


def test_library_plan_is_agreed_by_the_vice_rector_then_approved_by_the_director(client_for, director, vice_rector):
    department_plan()
    library = library_plan_consolidate(year=2026, period=PlanPeriod.YEAR, created_by=director)
    approval_submit(plan=library, document=PLAN, user=director)
    library.refresh_from_db()
    assert library.status == PlanStatus.AT_VICE_RECTOR
    with pytest.raises(PlanningError):  # the director's step is not the one waiting
        approval_decide(plan=library, document=PLAN, user=director, approve=True)
    step(client_for(vice_rector), library, PLAN, "approve")
    library.refresh_from_db()
    assert library.status == PlanStatus.AT_DIRECTOR
    step(client_for(director), library, PLAN, "approve")
    library.refresh_from_db()
    assert library.status == PlanStatus.APPROVED
    assert list(library.approval_steps.values_list("stage", "decision")) == [
        (ApprovalStage.AUTHOR, ApprovalDecision.SUBMITTED), (ApprovalStage.VICE_RECTOR, ApprovalDecision.AGREED),
        (ApprovalStage.DIRECTOR, ApprovalDecision.APPROVED)]


def test_only_who_compiles_the_library_plan_submits_it(librarian, director):
    department_plan()
    library = library_plan_consolidate(year=2026, period=PlanPeriod.YEAR, created_by=director)
    with pytest.raises(PlanningError):
        approval_submit(plan=library, document=PLAN, user=librarian)


def _approved_library_plan(director, vice_rector, period=PlanPeriod.YEAR):
    department_plan(period=period)
    library = library_plan_consolidate(year=2026, period=period, created_by=director)
    approval_submit(plan=library, document=PLAN, user=director)
    approval_decide(plan=library, document=PLAN, user=vice_rector, approve=True)
    approval_decide(plan=library, document=PLAN, user=director, approve=True)
    return library


def test_annual_report_is_approved_by_the_academic_council_recorded_with_its_minutes(client_for, director,
                                                                                      vice_rector):
    library = _approved_library_plan(director, vice_rector)
    approval_submit(plan=library, document=REPORT, user=director)
    library.refresh_from_db()
    assert library.report_status == ReportStatus.AT_COUNCIL
    step(client_for(director), library, REPORT, "approve", decided_on="2027-02-20", reference="7")
    library.refresh_from_db()
    assert library.report_status == ReportStatus.APPROVED
    council = library.approval_steps.get(stage=ApprovalStage.COUNCIL)
    assert (council.decided_on, council.reference, council.decided_by) == (dt.date(2027, 2, 20), "7", director)


def test_the_councils_secretary_records_its_decision_with_the_permission_by_name(director, vice_rector):
    from django.contrib.auth.models import Permission

    library = _approved_library_plan(director, vice_rector)
    approval_submit(plan=library, document=REPORT, user=director)
    secretary = UserFactory(username="secretary", roles=[roles.LIBRARIAN_ANALYTICS])
    with pytest.raises(PlanningError):
        approval_decide(plan=library, document=REPORT, user=secretary, approve=True)
    secretary.user_permissions.add(Permission.objects.get(codename="record_council_approval"))
    secretary = type(secretary).objects.get(pk=secretary.pk)  # permissions are cached per instance
    approval_decide(plan=library, document=REPORT, user=secretary, approve=True, reference="3")
    library.refresh_from_db()
    assert library.report_status == ReportStatus.APPROVED


def test_half_year_library_report_is_approved_by_the_director(director, vice_rector):
    library = _approved_library_plan(director, vice_rector, period=PlanPeriod.FIRST_HALF)
    approval_submit(plan=library, document=REPORT, user=director)
    library.refresh_from_db()
    assert library.report_status == ReportStatus.AT_DIRECTOR
    with pytest.raises(PlanningError):
        approval_decide(plan=library, document=REPORT, user=vice_rector, approve=True)


def test_report_is_submitted_once_its_plan_is_approved(librarian):
    plan = department_plan()
    with pytest.raises(PlanningError):
        approval_submit(plan=plan, document=REPORT, user=librarian)


def test_report_at_the_director_is_locked_against_refilling(librarian, director):
    from planning.services import plan_activity_report, work_report_fill

    plan = department_plan()
    approval_submit(plan=plan, document=PLAN, user=librarian)
    approval_decide(plan=plan, document=PLAN, user=director, approve=True)
    approval_submit(plan=plan, document=REPORT, user=librarian)
    with pytest.raises(PlanningError):
        work_report_fill(plan=plan)
    with pytest.raises(PlanningError):
        plan_activity_report(activity=plan.activities.first(), actual=5)


def test_a_decision_taken_twice_is_refused(librarian, director):
    plan = department_plan()
    approval_submit(plan=plan, document=PLAN, user=librarian)
    approval_decide(plan=plan, document=PLAN, user=director, approve=True)
    with pytest.raises(PlanningError):
        approval_decide(plan=plan, document=PLAN, user=director, approve=True)
    assert ApprovalStep.objects.filter(plan=plan, stage=ApprovalStage.DIRECTOR).count() == 1


def test_approver_queue_lists_what_waits_for_them(client_for, librarian, director, vice_rector):
    plan = department_plan()
    approval_submit(plan=plan, document=PLAN, user=librarian)
    page = client_for(director).get(reverse("planning:approvals")).content.decode()
    assert reverse("planning:plan", args=[plan.pk]) in page
    page = client_for(vice_rector).get(reverse("planning:approvals")).content.decode()
    assert reverse("planning:plan", args=[plan.pk]) not in page
    assert client_for(librarian).get(reverse("planning:approvals")).status_code == 403


def test_director_queue_on_the_staff_home_counts_waiting_plans(client_for, librarian, director):
    from planning.selectors import work_plans_to_approve_count

    assert work_plans_to_approve_count(director) == 0
    plan = department_plan()
    assert work_plans_to_approve_count(director) == 0  # a draft is still with its author
    approval_submit(plan=plan, document=PLAN, user=librarian)
    assert work_plans_to_approve_count(director) == 1
    assert work_plans_to_approve_count(librarian) == 0


def test_printed_plan_carries_who_approved_it_and_when(librarian, director):
    from forms_registry.renderer import render_form_pdf
    from tests.planning.test_plans_and_reports import text_of

    plan = department_plan()
    approval_submit(plan=plan, document=PLAN, user=librarian)
    approval_decide(plan=plan, document=PLAN, user=director, approve=True, on=dt.date(2026, 1, 15))
    text = text_of(render_form_pdf("607-01", {"year": 2026, "period": PlanPeriod.YEAR, "department": "service"}))
    assert "БЕКІТЕМІН" in text
    assert "Омарова Г.С." in text
    assert "«15» 01 2026 ж." in text


def test_plan_pages_keep_their_query_count(client_for, librarian, director, django_assert_max_num_queries):
    plans = []
    for code in ("service", "storage", "cataloguing"):
        plan = department_plan(code)
        approval_submit(plan=plan, document=PLAN, user=director)
        plans.append(plan)
    client = client_for(director)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("planning:plans")).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("planning:approvals")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("planning:plan", args=[plans[0].pk])).status_code == 200

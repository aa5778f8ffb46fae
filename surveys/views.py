from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.roles import READER
from core.access import access_rule, permission_rule
from core.charts import comparison_bars_svg
from forms_registry.renderer import LIBRARY_NAME_KK, UNIVERSITY_NAME_KK, html_to_pdf

from .exceptions import AlreadyAnswered, InvalidAnswers, SurveyError
from .forms import InvitationsForm, SurveyAnswerForm
from .models import Survey
from .selectors import survey_results, surveys_for, surveys_with_counts
from .services import has_answered, invitation_survey, invitations_issue, response_submit


def respondent_rule(user) -> bool:
    """Readers answer readers' surveys, library staff answer staff surveys."""
    return user.is_authenticated and (user.is_staff or user.has_role(READER))


results_rule = permission_rule("surveys.view_survey")


@access_rule(respondent_rule)
def my_surveys(request: HttpRequest) -> HttpResponse:
    """The surveys open today to this person (readers' or staff's), each marked when already answered."""
    return render(request, "surveys/my_surveys.html", {"surveys": surveys_for(request.user, timezone.localdate())})


def _answer_page(request: HttpRequest, survey: Survey, *, respondent=None, token: str = "") -> HttpResponse:
    form = SurveyAnswerForm(request.POST if request.method == "POST" else None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            response_submit(survey=survey, answers=form.answers(), respondent=respondent, invitation_token=token)
        except InvalidAnswers as error:
            form.add_service_errors(error.errors)
        except AlreadyAnswered as error:
            return render(request, "surveys/done.html", {"survey": survey, "message": str(error)}, status=409)
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            return render(request, "surveys/done.html", {"survey": survey, "message": _("Thank you for your answers.")})
    return render(request, "surveys/answer.html", {"survey": survey, "form": form})


@access_rule(respondent_rule)
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """A signed-in reader or employee answers a survey of their audience, once."""
    survey = get_object_or_404(Survey, pk=pk)
    if not survey.admits(request.user):
        raise PermissionDenied
    if not survey.is_open(timezone.localdate()):
        raise Http404
    if has_answered(survey, request.user):
        messages.info(request, _("You have already answered this survey."))
        return redirect("surveys:my_surveys")
    return _answer_page(request, survey, respondent=request.user)


def answer_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """An anonymous survey answered through a one-time link, without signing in; the link works once."""
    survey = invitation_survey(token)
    if survey is None or not survey.is_open(timezone.localdate()):
        return render(request, "surveys/done.html", {
            "message": _("This link has already been used, has expired or is not valid.")}, status=410)
    return _answer_page(request, survey, token=token)


@access_rule(results_rule)
def results_list(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/results_list.html", {"surveys": surveys_with_counts(),
                                                         "today": timezone.localdate()})


def _charts(results) -> list:
    return [
        (row, comparison_bars_svg([(label, count, None) for label, count in row.rows],
                                  current_label=_("answers"), previous_label=None) if row.rows else None)
        for row in results.questions
    ]


@access_rule(results_rule)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """A survey's results: each question's counts with a chart, the means, the texts, the satisfaction %; as a
    page or a PDF (in Kazakh, like the other printed reports)."""
    survey = get_object_or_404(Survey, pk=pk)
    if request.GET.get("format") == "pdf":
        with translation.override("kk"):
            figures = survey_results(survey)
            html = render_to_string("surveys/results_pdf.html", {
                "form_title": f"Сауалнама қорытындысы: {survey.title}", "printed_code": "", "orientation": "portrait",
                "university_name": UNIVERSITY_NAME_KK, "library_name": LIBRARY_NAME_KK,
                "results": figures, "rows": _charts(figures), "printed_at": timezone.localtime(),
            })
        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.pdf"'
        return response
    figures = survey_results(survey)
    return render(request, "surveys/results.html", {"results": figures, "rows": _charts(figures)})


@access_rule(permission_rule("surveys.add_invitation"))
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue one-time links to an anonymous survey, given out as a CSV of addresses (shown this once only)."""
    survey = get_object_or_404(Survey, pk=pk)
    form = InvitationsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tokens = invitations_issue(survey=survey, count=form.cleaned_data["count"])
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-links.csv"'
            writer = csv.writer(response)
            writer.writerow(["link"])
            for token in tokens:
                writer.writerow([request.build_absolute_uri(reverse("surveys:answer_by_link", args=[token]))])
            return response
    return render(request, "surveys/invitations.html", {"survey": survey, "form": form})

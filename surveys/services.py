"""Use cases of the surveys that write: answering a survey once, and issuing one-time links."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import INVITATIONS_MAX, SCALE_VALUES, TEXT_ANSWER_MAX_LENGTH, QuestionKind
from .exceptions import AlreadyAnswered, InvalidAnswers, SurveyClosed, SurveyError
from .models import Answer, Invitation, Participation, Question, Response, Survey


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _answer_rows(question: Question, value) -> tuple[list[Answer], str | None]:
    """The answer rows of one question from the form's value, or the reason it is wrong."""
    if value in (None, "", [], ()):
        return [], (_("Answer this question.") if question.is_required else None)
    if question.kind == QuestionKind.SCALE:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number not in SCALE_VALUES:
            return [], _("Choose a value from 1 to 5.")
        return [Answer(question=question, scale_value=number)], None
    if question.kind == QuestionKind.TEXT:
        text = str(value).strip()
        if len(text) > TEXT_ANSWER_MAX_LENGTH:
            return [], _("Write at most %(limit)s characters.") % {"limit": TEXT_ANSWER_MAX_LENGTH}
        if not text:
            return [], (_("Answer this question.") if question.is_required else None)
        return [Answer(question=question, text=text)], None
    chosen = [value] if isinstance(value, str | int) else list(value)
    if question.kind == QuestionKind.SINGLE and len(chosen) > 1:
        return [], _("Choose one option.")
    options = {str(choice.pk): choice for choice in question.choices.all()}
    if any(str(each) not in options for each in chosen):
        return [], _("Choose among the options given.")
    return [Answer(question=question, choice=options[str(each)]) for each in dict.fromkeys(map(str, chosen))], None


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    answers: Mapping[int, object],
    respondent=None,
    invitation_token: str = "",
    on: dt.date | None = None,
) -> Response:
    """Answer a survey, once: a signed-in person of the survey's audience, or the holder of a one-time link of an
    anonymous survey. Every answer is checked before anything is written (InvalidAnswers lists the wrong ones).

    The once rule: a person answering a non-anonymous survey by the unique (survey, respondent) of the response;
    an anonymous survey by a `Participation` row unique per (survey, person) that does not point to the
    response, and for a one-time link by marking the link used in a conditional update."""
    on = on or timezone.localdate()
    if not survey.is_open(on):
        raise SurveyClosed(_("This survey is not open."))
    if respondent is not None:
        if not survey.admits(respondent):
            raise PermissionDenied
    elif not survey.is_anonymous or not invitation_token:
        raise SurveyError(_("Sign in to answer this survey."))

    rows, errors = [], {}
    for question in survey.questions.prefetch_related("choices"):
        question_rows, error = _answer_rows(question, answers.get(question.pk))
        if error:
            errors[question.pk] = error
        rows.extend(question_rows)
    if errors:
        raise InvalidAnswers(errors)
    if not rows:
        raise SurveyError(_("The questionnaire is empty: answer at least one question."))

    already = AlreadyAnswered(_("You have already answered this survey."))
    if respondent is None:
        used = Invitation.objects.filter(survey=survey, token_hash=token_hash(invitation_token), used=False).update(
            used=True)
        if not used:
            raise AlreadyAnswered(_("This link has already been used or is not valid."))
    elif survey.is_anonymous:
        try:
            with transaction.atomic():
                Participation.objects.create(survey=survey, person=respondent)
        except IntegrityError:
            raise already from None
    response = Response(survey=survey, submitted_on=on,
                        respondent=None if survey.is_anonymous else respondent)
    try:
        with transaction.atomic():
            response.save(force_insert=True)
    except IntegrityError:
        raise already from None
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response


def has_answered(survey: Survey, person) -> bool:
    if survey.is_anonymous:
        return Participation.objects.filter(survey=survey, person=person).exists()
    return Response.objects.filter(survey=survey, respondent=person).exists()


@transaction.atomic
def invitations_issue(*, survey: Survey, count: int) -> list[str]:
    """Issue `count` one-time links to an anonymous survey; returns their tokens, which are not kept (only their
    hashes are), so the caller hands them out now."""
    if not survey.is_anonymous:
        raise SurveyError(_("One-time links are issued only for anonymous surveys."))
    if not 1 <= count <= INVITATIONS_MAX:
        raise SurveyError(_("Issue from 1 to %(limit)s links at a time.") % {"limit": INVITATIONS_MAX})
    tokens = [secrets.token_urlsafe(24) for _i in range(count)]
    Invitation.objects.bulk_create([Invitation(survey=survey, token_hash=token_hash(t)) for t in tokens])
    return tokens


def invitation_survey(token: str) -> Survey | None:
    """The survey of an unused one-time link, or None."""
    invitation = Invitation.objects.filter(token_hash=token_hash(token), used=False).select_related("survey").first()
    return invitation.survey if invitation else None



@transaction.atomic
def survey_save(*, survey: Survey, by=None) -> Survey:
    """Add or change a questionnaire (the admin's form); its author is who first saved it."""
    if survey.created_by_id is None:
        survey.created_by = by
    survey.full_clean()
    survey.save()
    return survey

from __future__ import annotations


class SurveyError(Exception):
    """A rule of the surveys was broken; the message is translated."""


class SurveyClosed(SurveyError):
    """The survey is not open on this day."""


class AlreadyAnswered(SurveyError):
    """This person (or this one-time link) has already answered the survey."""


class InvalidAnswers(SurveyError):
    """Some answers are missing or wrong; `errors` maps a question's id to its translated message."""

    def __init__(self, errors: dict[int, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors

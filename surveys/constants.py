"""Vocabularies and policy values of the satisfaction surveys (QP 607 §7 "satisfaction %", §5.5 "results of the
service users' survey", §5.1 "staff surveys")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    READERS = "readers", _("readers")
    STAFF = "staff", _("library staff")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("scale 1–5")
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    TEXT = "text", _("free text")


SCALE_VALUES = (1, 2, 3, 4, 5)
# §7 "satisfaction %": an answer of 4 or 5 on a scale question counted for satisfaction is a satisfied answer.
SATISFIED_FROM = 4
TEXT_ANSWER_MAX_LENGTH = 4000
# One-time links issued at once for an anonymous survey (a printed batch for a reading room).
INVITATIONS_MAX = 500

"""Numbered forms of planning, registered with forms_registry."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from forms_registry.registry import FormDataError, FormParam, registry

from .models import OutgoingLetter


def letterhead_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-04: an outgoing letter printed on the library letterhead."""
    try:
        letter = OutgoingLetter.objects.get(year=params["year"], number=params["number"])
    except OutgoingLetter.DoesNotExist:
        raise FormDataError(
            _("No outgoing letter № %(number)s of %(year)s is registered.") % params
        ) from None
    return {
        "letter": letter,
        "signatures": [{"position": letter.signatory_position, "name": letter.signatory_name}],
    }


registry.implement(
    "607-04",
    template="planning/forms/letterhead.html",
    build_context=letterhead_context,
    params=(
        FormParam("year", _("year"), "year"),
        FormParam("number", _("letter number"), "int"),
    ),
    permission="planning.view_outgoingletter",
)

"""Numbered forms of the digital library (607-30 … 607-35), registered with forms_registry."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from accounts.roles import ROLE_LABELS
from forms_registry.examples import document_example, period_example
from forms_registry.registry import FormDataError, FormParam, document_params, period_params, registry

from .choices import DictionaryAction
from .models import (
    AccountRequest,
    DictionaryEdit,
    DigitalFile,
    FileUploadLog,
    ScanningRequest,
    SystemRequest,
)


def _period(params: dict[str, Any]) -> tuple:
    if params["date_from"] > params["date_to"]:
        raise FormDataError(_("The period starts after it ends."))
    return params["date_from"], params["date_to"]


def _rows_or_error(rows: list, message) -> list:
    if not rows:
        raise FormDataError(message)
    return rows


def account_requests_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-30: requests for user accounts and access rights in the period."""
    rows = list(
        AccountRequest.objects.in_period(*_period(params))
        .select_related("requested_by", "processed_by", "library_department", "academic_department")
        .order_by("requested_at")
    )
    _rows_or_error(rows, _("No account requests were registered in this period."))
    for row in rows:
        row.role_names = role_names(row.roles)
    return {"rows": rows}


def role_names(codes: str) -> str:
    """The roles of a request ("librarian_service, reader") by their names in the form's language."""
    return ", ".join(str(ROLE_LABELS.get(code, code)) for code in (part.strip() for part in codes.split(",")) if code)


def uploads_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-31: uploads of full-text files (and their removals) in the period."""
    rows = list(
        FileUploadLog.objects.in_period(*_period(params)).select_related("user", "record").order_by("logged_at")
    )
    _rows_or_error(rows, _("No files were uploaded in this period."))
    return {"rows": rows}


def resources_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-32: the register of electronic resources with their legal basis and access, as of today."""
    files = DigitalFile.objects.select_related("record", "record__database").order_by("record__title", "pk")
    if params.get("database"):
        files = files.filter(record__database__code=params["database"])
    rows = _rows_or_error(list(files), _("No full-text files are registered."))
    return {"rows": rows}


def dictionary_edits_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-33: creations and edits of the reference dictionaries in the period."""
    rows = list(DictionaryEdit.objects.in_period(*_period(params)).select_related("edited_by").order_by("edited_at"))
    _rows_or_error(rows, _("The dictionaries were not edited in this period."))
    for row in rows:
        row.change_lines = change_lines(row)
    return {"rows": rows}


def change_lines(edit: DictionaryEdit) -> list[str]:
    """An edit's changes as people read them: "атауы (қазақша): кітап → оқулық" with each field's verbose name
    (a created entry shows its values, a deleted one what it had)."""
    model = edit.dictionary_model
    lines = []
    for name, (old, new) in edit.changes.items():
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = str(field.verbose_name) if field is not None else name
        old, new = _field_value(field, old), _field_value(field, new)
        if edit.action == DictionaryAction.CREATED:
            lines.append(f"{label}: {new}")
        elif edit.action == DictionaryAction.DELETED:
            lines.append(f"{label}: {old}")
        else:
            lines.append(f"{label}: {old or '—'} → {new or '—'}")
    return lines


def _field_value(field, value: str) -> str:
    """A logged value as printed: a choice by its label, a yes/no in words."""
    if field is None or value in ("", None):
        return value or ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.get_internal_type() == "BooleanField":
        return "иә" if value == "True" else "жоқ"
    return value


def system_requests_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-34: the log of requests about the library system's operation in the period."""
    rows = list(
        SystemRequest.objects.in_period(*_period(params))
        .select_related("submitted_by", "assigned_to", "library_department")
        .order_by("submitted_at")
    )
    _rows_or_error(rows, _("No requests about the system were registered in this period."))
    return {"rows": rows}


def scanning_request_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-35: one scanning request, by its number and year."""
    try:
        scanning_request = ScanningRequest.objects.select_related(
            "department", "requested_by", "record", "handled_by"
        ).get(year=params["year"], number=params["number"])
    except ScanningRequest.DoesNotExist:
        raise FormDataError(_("No scanning request № %(number)s of %(year)s is registered.") % params) from None
    signatures = [{"position": "Кафедра меңгерушісі", "name": scanning_request.requested_by.short_name}]
    if scanning_request.handled_by:
        signatures.append({"position": "Кітапханашы", "name": scanning_request.handled_by.short_name})
    return {"request": scanning_request, "signatures": signatures}


def _database_choices() -> list[tuple[str, str]]:
    from cataloguing.models import CatalogueDatabase

    return [(db.code, db.name) for db in CatalogueDatabase.objects.order_by("ordering", "code")]


registry.implement(
    "607-30", template="digital_library/forms/account_requests.html", build_context=account_requests_context,
    params=period_params(), example=lambda: period_example(AccountRequest.objects.all(), "requested_at"),
    permission="digital_library.view_accountrequest", orientation="landscape",
)
registry.implement(
    "607-31", template="digital_library/forms/uploads.html", build_context=uploads_context,
    params=period_params(), example=lambda: period_example(FileUploadLog.objects.all(), "logged_at"),
    permission="digital_library.view_fileuploadlog", orientation="landscape",
)
registry.implement(
    "607-32", template="digital_library/forms/resources.html", build_context=resources_context,
    params=(FormParam("database", _("catalogue database"), "choice", required=False, choices=_database_choices),),
    example=dict,  # every database's files
    permission="digital_library.view_digitalfile", orientation="landscape",
)
registry.implement(
    "607-33", template="digital_library/forms/dictionary_edits.html", build_context=dictionary_edits_context,
    params=period_params(), example=lambda: period_example(DictionaryEdit.objects.all(), "edited_at"),
    permission="digital_library.view_dictionaryedit", orientation="landscape",
)
registry.implement(
    "607-34", template="digital_library/forms/system_requests.html", build_context=system_requests_context,
    params=period_params(), example=lambda: period_example(SystemRequest.objects.all(), "submitted_at"),
    permission="digital_library.view_systemrequest", orientation="landscape",
)
registry.implement(
    "607-35", template="digital_library/forms/scanning_request.html", build_context=scanning_request_context,
    params=document_params(_("request number")), example=lambda: document_example(ScanningRequest.objects.all()),
    permission="digital_library.view_scanningrequest",
)

"""Numbered forms of the digital library (607-30 … 607-35), registered with forms_registry."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from forms_registry.registry import FormDataError, FormParam, document_params, period_params, registry

from .models import AccountRequest, DictionaryEdit, DigitalFile, FileUploadLog, ScanningRequest, SystemRequest


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
    return {"rows": rows}


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
    return {"rows": rows}


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
    params=period_params("digital_library.AccountRequest.requested_at"),
    permission="digital_library.view_accountrequest", orientation="landscape",
)
registry.implement(
    "607-31", template="digital_library/forms/uploads.html", build_context=uploads_context,
    params=period_params("digital_library.FileUploadLog.logged_at"),
    permission="digital_library.view_fileuploadlog", orientation="landscape",
)
registry.implement(
    "607-32", template="digital_library/forms/resources.html", build_context=resources_context,
    params=(FormParam("database", _("catalogue database"), "choice", required=False, choices=_database_choices),),
    permission="digital_library.view_digitalfile", orientation="landscape",
)
registry.implement(
    "607-33", template="digital_library/forms/dictionary_edits.html", build_context=dictionary_edits_context,
    params=period_params("digital_library.DictionaryEdit.edited_at"),
    permission="digital_library.view_dictionaryedit", orientation="landscape",
)
registry.implement(
    "607-34", template="digital_library/forms/system_requests.html", build_context=system_requests_context,
    params=period_params("digital_library.SystemRequest.submitted_at"),
    permission="digital_library.view_systemrequest", orientation="landscape",
)
registry.implement(
    "607-35", template="digital_library/forms/scanning_request.html", build_context=scanning_request_context,
    params=document_params("digital_library.ScanningRequest", _("request number")),
    permission="digital_library.view_scanningrequest",
)

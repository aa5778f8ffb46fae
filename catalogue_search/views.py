"""The public catalogue page: readers, staff and anonymous visitors search the electronic catalogue."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .forms import SearchForm
from .selectors import search

FACET_TITLES = {
    "database": _("Catalogue database"),
    "year": _("Year"),
    "language": _("Language"),
    "document_type": _("Document type"),
    "available": _("Availability"),
}


def _availability(hit) -> tuple[str, str]:
    """The availability line of a result and its CSS state (computed here: 20 plural look-ups in the template
    cost more than the whole search on a busy page)."""
    if hit.is_available:
        shelf = ngettext("Available: %(counter)s copy on the shelf", "Available: %(counter)s copies on the shelf",
                         hit.available_count) % {"counter": hit.available_count}
        of = ngettext("of %(counter)s copy", "of %(counter)s copies", hit.items_count) % {"counter": hit.items_count}
        return f"{shelf} {of}", "state-ready"
    if hit.items_count:
        return ngettext("All %(counter)s copy is out", "All %(counter)s copies are out", hit.items_count) % {
            "counter": hit.items_count}, "state-pending"
    return str(_("No copies in the fund (electronic or reference record)")), "state-pending"


def _url_with(params: dict[str, str], **changes: str | None) -> str:
    query = {**params, **changes}
    return "?" + urlencode({key: value for key, value in query.items() if value is not None})


def catalogue_search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    result = None
    facets = []
    pages = {}
    if form.is_valid():
        data = form.cleaned_data
        params = {key: value for key, value in request.GET.items() if key != "page"}
        result = search(data["q"], filters=form.filters(), page=data.get("page") or 1)
        for name, values in result.facets.items():
            links = [
                (value, _url_with(params, **{name: None if value.selected else value.value}))
                for value in values
            ]
            facets.append((name, FACET_TITLES[name], links))
        if result.has_previous:
            pages["previous"] = _url_with(params, page=str(result.page - 1))
        if result.has_next:
            pages["next"] = _url_with(params, page=str(result.page + 1))
    rows = [(hit.record, hit.record.gost_description, *_availability(hit)) for hit in result.hits] if result else []
    return render(request, "catalogue_search/search.html", {
        "form": form, "result": result, "facets": facets, "pages": pages, "rows": rows,
    })

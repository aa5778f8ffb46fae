"""The public catalogue page: readers, staff and anonymous visitors search the electronic catalogue."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .forms import SearchForm
from .selectors import search

FACET_TITLES = {
    "database": _("Catalogue database"),
    "year": _("Year"),
    "language": _("Language"),
    "document_type": _("Document type"),
    "available": _("Availability"),
}


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
    return render(request, "catalogue_search/search.html", {
        "form": form, "result": result, "facets": facets, "pages": pages,
    })

"""The public catalogue: the home page (search box, new arrivals), the search page and the record page.
Readers, staff and anonymous visitors alike; what other apps add (copies, ordering, e-versions) comes through
`record_panels`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import selectors
from .forms import SearchForm
from .record_panels import render_panels, render_result_actions
from .selectors import search

FACET_TITLES = {
    "database": _("Catalogue database"),
    "year": _("Year"),
    "language": _("Language"),
    "document_type": _("Document type"),
    "available": _("Availability"),
}
NEW_ARRIVALS = 8


def _availability(items_count: int, available_count: int) -> tuple[str, str]:
    """The availability line of a result and its CSS state (computed here: 20 plural look-ups in the template
    cost more than the whole search on a busy page)."""
    if available_count:
        shelf = ngettext("Available: %(counter)s copy on the shelf", "Available: %(counter)s copies on the shelf",
                         available_count) % {"counter": available_count}
        of = ngettext("of %(counter)s copy", "of %(counter)s copies", items_count) % {"counter": items_count}
        return f"{shelf} {of}", "state-ready"
    if items_count:
        return ngettext("All %(counter)s copy is out", "All %(counter)s copies are out", items_count) % {
            "counter": items_count}, "state-pending"
    return str(_("No copies in the fund (electronic or reference record)")), "state-pending"


def _url_with(params: dict[str, str], **changes: str | None) -> str:
    query = {**params, **changes}
    return "?" + urlencode({key: value for key, value in query.items() if value is not None})


def result_rows(request: HttpRequest, entries: list[tuple]) -> list[dict]:
    """(record, copies, on the shelf) → what a result shows, with the actions other apps add under it: the rows of
    the catalogue's results and of the site's front page (new arrivals)."""
    actions = render_result_actions(request, [record for record, _items, _available in entries])
    rows = []
    for record, items_count, available_count in entries:
        availability, state = _availability(items_count, available_count)
        rows.append({"record": record, "availability": availability, "state": state,
                     "actions": actions.get(record.pk, [])})
    return rows


def catalogue_search(request: HttpRequest) -> HttpResponse:
    """Search, or browse the newest records when nothing is typed; every result links to its record page."""
    form = SearchForm(request.GET)
    result = None
    facets = []
    pages = {}
    rows = []
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
        rows = result_rows(request, [(hit.record, hit.items_count, hit.available_count) for hit in result.hits])
    hidden = [(name, value) for name, value in request.GET.items()
              if name not in ("q", "page", "year_from", "year_to")]
    return render(request, "catalogue_search/search.html", {
        "form": form, "result": result, "facets": facets, "pages": pages, "rows": rows, "hidden": hidden,
        "facet_hidden": [(name, value) for name, value in request.GET.items()
                         if name not in ("page", "year_from", "year_to")],
    })


def _admin_change_url(record) -> str | None:
    try:
        return reverse("admin:cataloguing_bibliographicrecord_change", args=[record.pk])
    except NoReverseMatch:
        return None


def record(request: HttpRequest, pk: int) -> HttpResponse:
    """The public page of one record: its description, what other apps know of it (copies, ordering, the
    e-version), and for cataloguing staff its MARC fields."""
    user = request.user
    record = get_object_or_404(
        selectors.record_for_page(staff=user.has_perm("cataloguing.view_bibliographicrecord")), pk=pk)
    context = {
        "record": record, "description": selectors.record_description(record),
        "panels": render_panels(request, record),
    }
    if user.has_perm("cataloguing.view_bibliographicrecord"):
        context["marc_rows"] = selectors.record_marc_rows(record)
        if user.has_perm("cataloguing.change_bibliographicrecord"):
            context["admin_url"] = _admin_change_url(record)
    return render(request, "catalogue_search/record.html", context)

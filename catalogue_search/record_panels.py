"""What other apps show on the public record page and next to each search result (issue 14.3).

The catalogue sits below storage, circulation and the digital library and imports none of them. Each of
those apps registers what it knows about a record from its `AppConfig.ready()`:

- a **panel** of the record page (circulation: copies by location and status and the order button; the
  digital library: the electronic version and its access terms), built per request and record;
- a **result action** shown under a search result (circulation: the order button), built once for the
  whole page of results so that twenty results cost a fixed number of queries.

A context function returns None when it has nothing to show for this person and record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from cataloguing.models import BibliographicRecord

PanelContext = Callable[[HttpRequest, BibliographicRecord], dict[str, Any] | None]
# For a page of results: the context of each record that gets the action, by record id.
ResultActionContext = Callable[[HttpRequest, Sequence[BibliographicRecord]], dict[int, dict[str, Any]]]


@dataclass(frozen=True)
class RecordPanel:
    key: str
    template_name: str
    context_function: PanelContext
    order: int


@dataclass(frozen=True)
class ResultAction:
    key: str
    template_name: str
    context_function: ResultActionContext
    order: int


_panels: dict[str, RecordPanel] = {}
_result_actions: dict[str, ResultAction] = {}


def register_panel(key: str, template_name: str, context_function: PanelContext, order: int = 100) -> None:
    """Add a panel to the record page; registering a key again replaces it (ready() may run twice in tests)."""
    _panels[key] = RecordPanel(key, template_name, context_function, order)


def register_result_action(key: str, template_name: str, context_function: ResultActionContext,
                           order: int = 100) -> None:
    """Add an action under each search result (and on the home page's new arrivals)."""
    _result_actions[key] = ResultAction(key, template_name, context_function, order)


def registered_panels() -> list[RecordPanel]:
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.key))


def registered_result_actions() -> list[ResultAction]:
    return sorted(_result_actions.values(), key=lambda action: (action.order, action.key))


@dataclass(frozen=True)
class RenderedPanel:
    key: str
    html: SafeString


def render_panels(request: HttpRequest, record: BibliographicRecord) -> list[RenderedPanel]:
    """The record page's panels for this person, in their order; panels with nothing to show are left out."""
    rendered = []
    for panel in registered_panels():
        context = panel.context_function(request, record)
        if context is not None:
            html = render_to_string(panel.template_name, {"record": record, **context}, request=request)
            rendered.append(RenderedPanel(panel.key, html))
    return rendered


def render_result_actions(request: HttpRequest,
                          records: Sequence[BibliographicRecord]) -> dict[int, list[RenderedPanel]]:
    """Each record's result actions (by record id), built once per registered action for the whole page."""
    by_record: dict[int, list[RenderedPanel]] = {record.pk: [] for record in records}
    if not records:
        return by_record
    by_id = {record.pk: record for record in records}
    for action in registered_result_actions():
        for record_id, context in action.context_function(request, records).items():
            if record_id in by_record:
                html = render_to_string(action.template_name, {"record": by_id[record_id], **context},
                                        request=request)
                by_record[record_id].append(RenderedPanel(action.key, html))
    return by_record

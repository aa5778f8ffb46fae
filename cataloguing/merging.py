"""Merging duplicate records: each app moves its own rows (QP 607 §5.3, duplicates of the electronic catalogue).

Cataloguing owns the records but not the rows other apps link to them (loans, orders, cards, full texts…), and
it does not write other apps' tables. Each app registers a handler from its AppConfig.ready():

    register_merge_handler(app="circulation", models=("circulation.Reservation", ...),
                           check=conflicts, move=move_rows)

`check(keep, duplicate) -> list[str]` returns translated reasons the merge would break one of the app's rules
(a unique constraint, one full text per record…) and changes nothing; `move(keep, duplicate) -> int` moves the
app's rows from the duplicate to the record kept and returns how many. `services.record_merge` runs every check
first, refuses the merge with all the reasons if any, and only then runs every move, all in one transaction.

`models` names every model of the app that links to a record: a link no handler declares is itself a
conflict when the duplicate has such rows, so that a model added later can never make a merge lose rows or
fail half-way (`uncovered_links`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import BibliographicRecord

Check = Callable[["BibliographicRecord", "BibliographicRecord"], list[str]]
Move = Callable[["BibliographicRecord", "BibliographicRecord"], int]


@dataclass(frozen=True)
class MergeHandler:
    app: str
    models: tuple[str, ...]
    check: Check
    move: Move


_handlers: dict[str, MergeHandler] = {}


def register_merge_handler(*, app: str, models: tuple[str, ...], check: Check, move: Move) -> None:
    """Register (or replace: ready() may run twice in tests) the handler of one app."""
    _handlers[app] = MergeHandler(app=app, models=tuple(models), check=check, move=move)


def merge_handlers() -> list[MergeHandler]:
    """Cataloguing's own handler first (items and history), then the others in registration order."""
    return sorted(_handlers.values(), key=lambda h: h.app != "cataloguing")


def uncovered_links(duplicate: BibliographicRecord) -> list[str]:
    """Reasons for rows that link to the duplicate through a model no handler declares (so nobody moves them)."""
    from .models import BibliographicRecord

    covered = {label.lower() for handler in _handlers.values() for label in handler.models}
    reasons = []
    # include_hidden: links declared with related_name="+" count too.
    for relation in BibliographicRecord._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and (relation.one_to_many or relation.one_to_one)):
            continue
        model = relation.related_model
        if model._meta.label_lower in covered:
            continue
        if model._base_manager.filter(**{relation.field.name: duplicate}).exists():
            reasons.append(_("No application moves the duplicate's %(what)s to the record kept.") % {
                "what": model._meta.verbose_name_plural})
    return reasons


def merge_conflicts(keep: BibliographicRecord, duplicate: BibliographicRecord) -> list[str]:
    """Every reason the two records cannot be merged, from every app; empty when the merge may go ahead."""
    reasons: list[str] = []
    for handler in merge_handlers():
        reasons += handler.check(keep, duplicate)
    return reasons + uncovered_links(duplicate)


def move_rows(keep: BibliographicRecord, duplicate: BibliographicRecord) -> dict[str, int]:
    """Run every handler's move (after `merge_conflicts` found nothing); rows moved per app."""
    return {handler.app: handler.move(keep, duplicate) for handler in merge_handlers()}

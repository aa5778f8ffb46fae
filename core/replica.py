"""Reads on a streaming replica, without ever showing a stale page after a save.

The router (core/db_router.py) sends a read to the replica only inside `read_from_replica()`, which
`ReplicaMiddleware` opens around the views named in REPLICA_READ_VIEWS (the public catalogue, SRU, OAI-PMH,
period reports) or marked with `@reads_from_replica`. Everything else reads the primary, and so does the
rest of a request once it wrote, everything inside a transaction, and every request of a session for
REPLICA_PIN_SECONDS after one of its requests wrote (a timestamp in the session itself: no extra cookie).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PINNED_UNTIL_KEY = "_kitaphana_primary_until"


@dataclass
class ReadState:
    """What the router may do in the current request (or `read_from_replica` block)."""

    replica_allowed: bool = False
    pinned: bool = False
    wrote: bool = False


_state: ContextVar[ReadState | None] = ContextVar("kitaphana_read_state", default=None)


def replica_configured() -> bool:
    return bool(getattr(settings, "REPLICA_READS", False)) and REPLICA in settings.DATABASES


def current_state() -> ReadState | None:
    return _state.get()


def note_write() -> None:
    """Called by the router on every write: the rest of the request (and the session, briefly) reads the primary."""
    state = _state.get()
    if state is not None:
        state.wrote = True


@contextmanager
def read_from_replica(*, pinned: bool = False) -> Iterator[ReadState]:
    """Reads of the block may go to the replica (for a report or a command that tolerates a second of lag)."""
    state = ReadState(replica_allowed=True, pinned=pinned)
    token = _state.set(state)
    try:
        yield state
    finally:
        _state.reset(token)


def reads_from_replica(view: Callable) -> Callable:
    """Mark a public, read-only view: ReplicaMiddleware lets its reads go to the replica."""
    view.reads_from_replica = True
    return view


def _session_pinned(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    if session is None or not session.session_key:
        return False
    until = session.get(PINNED_UNTIL_KEY)
    return isinstance(until, (int, float)) and until > time.time()


class ReplicaMiddleware:
    """Opens the replica for the listed views, and pins a session to the primary for a while after it wrote.

    Placed after SessionMiddleware and AuthenticationMiddleware; the router keeps sessions, users and the
    lockout tables on the primary whatever the view.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.views = frozenset(settings.REPLICA_READ_VIEWS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        state = ReadState(pinned=_session_pinned(request))
        token = _state.set(state)
        try:
            response = self.get_response(request)
        finally:
            _state.reset(token)
        session = getattr(request, "session", None)
        # Only a session that already exists carries the pin: an anonymous visitor is given no cookie for it.
        if state.wrote and session is not None and session.session_key:
            session[PINNED_UNTIL_KEY] = time.time() + settings.REPLICA_PIN_SECONDS
        return response

    def process_view(self, request: HttpRequest, view_func: Callable, view_args, view_kwargs) -> None:
        state = _state.get()
        if state is None:
            return
        match = request.resolver_match
        if getattr(view_func, "reads_from_replica", False) or (match is not None and match.view_name in self.views):
            state.replica_allowed = True


def read_connection(model):
    """The connection for a raw-SQL read of `model`'s table: wherever the router sends its ORM reads (the
    replica inside `read_from_replica`, the primary otherwise), so a page's SQL and ORM reads agree."""
    from django.db import connections, router

    return connections[router.db_for_read(model)]

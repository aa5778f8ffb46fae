"""Database router: the primary for everything, the replica only for reads core/replica.py allows."""

from __future__ import annotations

from django.db import connections

from .replica import REPLICA, current_state, note_write, replica_configured

# Sessions, users, lockouts and the audit trail are read where they were just written, whatever the view.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "accounts", "axes", "admin", "contenttypes", "auditlog"})


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        state = current_state()
        if (
            state is None
            or not state.replica_allowed
            or state.pinned
            or state.wrote
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or not replica_configured()
            # Inside a transaction the primary holds rows the replica cannot have yet.
            or connections["default"].in_atomic_block
        ):
            return None
        return REPLICA

    def db_for_write(self, model, **hints) -> str | None:
        note_write()
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # Both aliases hold the same database.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool | None:
        return False if db == REPLICA else None

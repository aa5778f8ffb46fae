"""A trivial task used to prove that the broker and a worker are alive (tests and operations)."""

from __future__ import annotations

import os

from celery import shared_task


@shared_task(bind=True, name="core.ping")
def ping(self, message: str = "ping") -> dict:
    return {"echo": message, "worker": self.request.hostname, "pid": os.getpid()}

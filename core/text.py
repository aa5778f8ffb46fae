"""Small rules of the library's written descriptions, shared by templates and models."""

from __future__ import annotations


def with_full_stop(value: str) -> str:
    """A description element ended by a full stop, once: "Сәтбаев Қ.И." stays, "Сәтбаев Қ" gets one (a template
    writing "{{ author }}. " doubled the stop after initials)."""
    value = str(value or "").rstrip()
    return value if not value or value.endswith((".", "!", "?", "…")) else f"{value}."

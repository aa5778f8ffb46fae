"""Template filters of the library's descriptions: `{{ author|full_stop }}`."""

from __future__ import annotations

from django import template

from ..text import with_full_stop

register = template.Library()
register.filter("full_stop", with_full_stop)

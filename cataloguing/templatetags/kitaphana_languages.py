"""Template filters naming languages written as MARC codes: `{{ record.language|language_name }}` → "Қазақ тілі",
`{{ database.languages|language_names }}` → "Қазақ тілі, Орыс тілі" (in the active language)."""

from __future__ import annotations

from django import template

from ..languages import language_name, language_names

register = template.Library()
register.filter("language_name", language_name)
register.filter("language_names", language_names)

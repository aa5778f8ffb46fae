"""The project's form renderer: every form drawn with `{{ form }}` / `as_div` / `as_field_group` shows its errors the
way Pico CSS styles them (issue 14.5), instead of Django's bare bulleted `errorlist`."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """The browser's date picker (`<input type="date">`). Its value is always ISO 8601 whatever the interface
    language: a localized date ("03.12.2026") is dropped by the browser and the field shows empty."""

    input_type = "date"

    def __init__(self, attrs=None, format=ISO_DATE):
        super().__init__(attrs=attrs, format=format)


class FormRenderer(DjangoTemplates):
    """Django's template renderer with the project's form and field templates.

    A field with errors already carries `aria-invalid="true"` and `aria-describedby="<id>_error"` (Django 5.2);
    the field template puts the errors right after the input in a `<small id="<id>_error">`, the helper Pico
    colours after an invalid input, and the form template shows non-field errors as an alert.
    """

    form_template_name = "core/forms/div.html"
    field_template_name = "core/forms/field.html"
    # `form.as_div` names Django's template itself rather than asking the renderer: draw it with ours too.
    replaced_templates = {"django/forms/div.html": form_template_name}

    def get_template(self, template_name: str):
        return super().get_template(self.replaced_templates.get(template_name, template_name))

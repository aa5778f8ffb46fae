"""The registry of numbered forms: what each form is (from the catalogue) and, once its app builds it, how
it is rendered (template, parameters, context builder, who may print it).

Apps implement their forms from `AppConfig.ready()`::

    registry.implement("607-04", template="planning/forms/letterhead.html", build_context=..., params=(...))

A form nobody has implemented is listed as "not built yet" and cannot be rendered: the registry never
produces an empty or made-up document.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .catalogue import FORMS, SUBPROCESSES
from .defaults import DataSource, default_period, default_year, latest_document, latest_number

# The only format an <input type="date"> keeps: a localized "01.09.2026" is dropped by the browser, which
# then submits the field empty.
ISO_DATE = "%Y-%m-%d"


class UnknownForm(LookupError):
    """No form with this code exists in QP 607-2023."""


class FormNotBuilt(LookupError):
    """The form exists but its app has not built it yet."""


class FormParameterError(ValueError):
    """The parameters given for a form are missing or invalid; `errors` maps parameter to messages."""

    def __init__(self, errors: Mapping[str, list[str]]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in self.errors.items()))


class FormDataError(ValueError):
    """The parameters are valid but name data that does not exist (e.g. no letter with that number)."""


ParamKind = Literal["date", "year", "int", "choice", "text"]


@dataclass(frozen=True)
class FormParam:
    """One parameter a form is printed for (a period, a department, a document number…)."""

    name: str
    label: Any
    kind: ParamKind = "text"
    required: bool = True
    choices: Callable[[], list[tuple[str, str]]] | None = None
    help_text: Any = ""
    initial: Callable[[], Any] | None = None

    def form_field(self) -> forms.Field:
        common = {"label": self.label, "required": self.required, "help_text": self.help_text}
        if self.initial is not None:
            common["initial"] = self.initial
        if self.kind == "date":
            # Parsing accepts ISO (what the browser sends) besides the localized formats typed on the command line.
            return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE), **common)
        if self.kind == "year":
            return forms.IntegerField(min_value=1900, max_value=2200, **common)
        if self.kind == "int":
            return forms.IntegerField(min_value=1, **common)
        if self.kind == "choice":
            return forms.TypedChoiceField(choices=self._choices, **common)
        return forms.CharField(max_length=200, **common)

    def _choices(self) -> list[tuple[str, str]]:
        options = list(self.choices()) if self.choices else []
        return options if self.required else [("", "—"), *options]


def period_params(source: str | DataSource | None = None) -> tuple[FormParam, FormParam]:
    """The usual "for a period" pair: from the first day to the last day, inclusive.

    `source` ("app_label.Model.field") names the rows the form lists: the period offered is then one that has
    them (this year to date, or the last calendar year with rows)."""
    return (
        FormParam("date_from", _("from"), "date", initial=lambda: default_period(source)[0]),
        FormParam("date_to", _("to"), "date", initial=lambda: default_period(source)[1]),
    )


def year_param(source: str | DataSource | None = None, *, name: str = "year", label: Any = None,
               required: bool = True) -> FormParam:
    """A year, offered as this year or, when this year has no rows of `source`, the last year that has."""
    return FormParam(name, label or _("year"), "year", required=required, initial=lambda: default_year(source))


def document_params(model: str, number_label: Any, *, year_field: str = "year", number_field: str = "number",
                    filters: tuple[tuple[str, Any], ...] = ()) -> tuple[FormParam, FormParam]:
    """A document numbered within its year ("year", "number"), offered as the last one registered."""

    def latest(index: int) -> int | None:
        document = latest_document(model, year_field=year_field, number_field=number_field, filters=filters)
        return document[index] if document else None

    return (
        FormParam("year", _("year"), "year", initial=lambda: latest(0) or timezone.localdate().year),
        FormParam("number", number_label, "int", initial=lambda: latest(1)),
    )


def number_param(model: str, label: Any, *, name: str = "number", number_field: str = "number",
                 filters: tuple[tuple[str, Any], ...] = ()) -> FormParam:
    """A document's number (or id), offered as the last one registered."""
    return FormParam(name, label, "int", initial=lambda: latest_number(model, number_field=number_field,
                                                                        filters=filters))


@dataclass(frozen=True)
class FormEntry:
    """A form of the procedure as listed in its list of forms."""

    code: str
    subprocess: str
    app_label: str
    kind: str
    title_kk: str
    title_ru: str
    title_en: str

    @property
    def printed_code(self) -> str:
        return f"ҚазҰТЗУ {self.code} Ү"

    @property
    def title(self) -> str:
        return self.title_in(get_language() or "kk")

    def title_in(self, language: str) -> str:
        return getattr(self, f"title_{(language or 'kk').split('-')[0]}", "") or self.title_kk

    @property
    def subprocess_title(self) -> str:
        return str(SUBPROCESSES[self.subprocess])


@dataclass(frozen=True)
class FormImplementation:
    """How an app renders one form."""

    template: str
    build_context: Callable[[dict[str, Any]], dict[str, Any]]
    params: tuple[FormParam, ...] = ()
    # Permission "app_label.codename" needed to print it; None means any staff role of the reports page.
    permission: str | None = None
    orientation: Literal["portrait", "landscape"] = "portrait"
    extra: dict[str, Any] = field(default_factory=dict)

    def parameter_form(self, data: Mapping[str, Any] | None = None,
                       initial: Mapping[str, Any] | None = None) -> forms.Form:
        form_class = type("FormParameters", (forms.Form,), {p.name: p.form_field() for p in self.params})
        return form_class(data=data, initial=initial)

    def parse(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Validate raw parameters (from a query string or the command line) into typed values."""
        form = self.parameter_form({p.name: raw.get(p.name, "") for p in self.params})
        if not form.is_valid():
            raise FormParameterError({name: [str(m) for m in msgs] for name, msgs in form.errors.items()})
        return dict(form.cleaned_data)


class FormRegistry:
    def __init__(self, rows: tuple[tuple[str, ...], ...]):
        self._entries = {row[0]: FormEntry(*row) for row in rows}
        self._implementations: dict[str, FormImplementation] = {}

    def implement(self, code: str, **kwargs: Any) -> FormImplementation:
        entry = self.get(code)
        if code in self._implementations:
            raise ValueError(f"Form {code} is implemented twice")
        implementation = FormImplementation(**kwargs)
        self._implementations[entry.code] = implementation
        return implementation

    def get(self, code: str) -> FormEntry:
        normalized = code.strip()
        if not normalized.startswith("607-"):
            normalized = f"607-{normalized.zfill(2)}"
        try:
            return self._entries[normalized]
        except KeyError:
            raise UnknownForm(code) from None

    def implementation(self, code: str) -> FormImplementation:
        entry = self.get(code)
        try:
            return self._implementations[entry.code]
        except KeyError:
            raise FormNotBuilt(entry.code) from None

    def find_implementation(self, code: str) -> FormImplementation | None:
        return self._implementations.get(self.get(code).code)

    def is_ready(self, code: str) -> bool:
        return self.get(code).code in self._implementations

    def entries(self) -> list[FormEntry]:
        return list(self._entries.values())

    def by_subprocess(self) -> list[tuple[str, str, list[FormEntry]]]:
        grouped: dict[str, list[FormEntry]] = {}
        for entry in self._entries.values():
            grouped.setdefault(entry.subprocess, []).append(entry)
        return [(key, str(SUBPROCESSES[key]), grouped[key]) for key in sorted(grouped)]


registry = FormRegistry(FORMS)

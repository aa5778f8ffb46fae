"""The registry of numbered forms: what each form is (from the catalogue) and, once its app builds it, how
it is rendered (template, parameters, context builder, who may print it).

Apps implement their forms from `AppConfig.ready()`::

    registry.implement("607-04", template="planning/forms/letterhead.html", build_context=..., params=(...),
                       example=...)

`example` returns the parameters taken from the app's data (the newest letter) that the form's page offers
and `forms render-all` prints with (helpers in `forms_registry.examples`).

A form nobody has implemented is listed as "not built yet" and cannot be rendered: the registry never
produces an empty or made-up document.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

from .catalogue import FORMS, SUBPROCESSES


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
            return forms.DateField(widget=DateInput(), **common)
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


def period_params() -> tuple[FormParam, FormParam]:
    """The usual "for a period" pair: from the first day to the last day, inclusive (offered by the form's
    example, see `forms_registry.examples.period_example`)."""
    return FormParam("date_from", _("from"), "date"), FormParam("date_to", _("to"), "date")


def year_param(*, name: str = "year", label: Any = None, required: bool = True) -> FormParam:
    """A year (offered by the form's example, see `forms_registry.examples.year_with_rows`)."""
    return FormParam(name, label or _("year"), "year", required=required)


def document_params(number_label: Any) -> tuple[FormParam, FormParam]:
    """A document numbered within its year: "year", "number" (offered by the form's example, see
    `forms_registry.examples.document_example`)."""
    return FormParam("year", _("year"), "year"), FormParam("number", number_label, "int")


def number_param(label: Any, *, name: str = "number") -> FormParam:
    """A document's number (or id), offered by the form's example (see `forms_registry.examples.number_example`)."""
    return FormParam(name, label, "int")


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


@dataclass(frozen=True)
class FormImplementation:
    """How an app renders one form."""

    template: str
    build_context: Callable[[dict[str, Any]], dict[str, Any]]
    params: tuple[FormParam, ...] = ()
    # Permission "app_label.codename" needed to print it; None means any staff role of the reports page.
    permission: str | None = None
    orientation: Literal["portrait", "landscape"] = "portrait"
    # The parameters taken from the data (the newest document of its kind, the year or period with rows) that the
    # form's page offers and `forms render-all` prints with; None from it: nothing of the kind to print yet.
    example: Callable[[], Mapping[str, Any] | None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def initial_params(self) -> dict[str, Any]:
        """The values the parameters offer by themselves (a layout, a choice), whatever the data."""
        return {p.name: p.initial() for p in self.params if p.initial is not None}

    def example_params(self) -> dict[str, Any] | None:
        """The parameters to offer and to print with: each parameter's own initial value, then the example the
        app takes from its data; None when the example finds nothing of its kind."""
        values = self.initial_params()
        if self.example is not None:
            found = self.example()
            if found is None:
                return None
            values.update(found)
        return values

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

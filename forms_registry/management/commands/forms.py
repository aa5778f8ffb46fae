"""`python manage.py forms list`, `python manage.py forms render 607-xx --out FILE.pdf --param name=value` and
`python manage.py forms render-all --out DIR` (every form with its example parameters taken from the data)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from forms_registry.registry import FormDataError, FormNotBuilt, FormParameterError, UnknownForm, registry
from forms_registry.renderer import pdf_filename, render_form_html, render_form_pdf


class Command(BaseCommand):
    help = "List the numbered forms of QP 607-2023 with their state, or render one to PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="one line per form: code, state, title")
        render = sub.add_parser("render", help="render one form to a PDF (or HTML) file")
        render.add_argument("code", help="form code, e.g. 607-04")
        render.add_argument("--out", required=True, help="output file (.pdf, or .html for the HTML)")
        render.add_argument(
            "--param", action="append", default=[], metavar="NAME=VALUE", help="a form parameter; repeat as needed"
        )
        render_all = sub.add_parser(
            "render-all", help="render every form with the example parameters taken from the data (the newest "
            "document of its kind, the year or period with rows): one line per form with its file or its reason")
        render_all.add_argument("--out", required=True, help="directory for the PDF files (created if missing)")

    def handle(self, *args, **options) -> None:
        if options["action"] == "list":
            self._list()
        elif options["action"] == "render-all":
            self._render_all(Path(options["out"]))
        else:
            self._render(options["code"], options["out"], options["param"])

    def _list(self) -> None:
        for entry in registry.entries():
            implementation = registry.find_implementation(entry.code)
            state = "ready" if implementation else "not built yet"
            params = ",".join(p.name for p in implementation.params) if implementation else ""
            self.stdout.write(f"{entry.code}\t{state:<13}\t{entry.title_kk}\t{entry.title_en}"
                              + (f"\t[{params}]" if params else ""))

    def _render(self, code: str, out: str, raw_params: list[str]) -> None:
        params: dict[str, str] = {}
        for item in raw_params:
            name, sep, value = item.partition("=")
            if not sep or not name:
                raise CommandError(f"--param takes NAME=VALUE, got {item!r}")
            params[name.strip()] = value.strip()
        try:
            entry = registry.get(code)
            implementation = registry.implementation(entry.code)
            unknown = set(params) - {p.name for p in implementation.params}
            if unknown:
                expected = ", ".join(p.name for p in implementation.params) or "none"
                raise CommandError(f"Form {entry.code} has no parameter {', '.join(sorted(unknown))} "
                                   f"(it takes: {expected})")
            path = Path(out)
            if path.suffix.lower() == ".html":
                path.write_text(render_form_html(entry.code, params), encoding="utf-8")
            else:
                path.write_bytes(render_form_pdf(entry.code, params))
        except UnknownForm:
            raise CommandError(f"Unknown form code {code!r}: QP 607-2023 has no such form "
                               "(see `manage.py forms list`)") from None
        except FormNotBuilt:
            raise CommandError(f"Form {code} is not built yet") from None
        except FormParameterError as exc:
            details = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in exc.errors.items())
            raise CommandError(f"Form {code}: bad or missing parameters: {details}") from None
        except FormDataError as exc:
            raise CommandError(f"Form {code}: {exc}") from None
        self.stdout.write(f"{entry.code} written to {path} ({path.stat().st_size} bytes)")

    def _render_all(self, out: Path) -> None:
        """Each form's line says where its PDF is or why there is none; a form that does not render fails the
        command (after every form is tried), so that CI and `make` see it."""
        out.mkdir(parents=True, exist_ok=True)
        failed = []
        for entry in registry.entries():
            reason, path = self._render_example(entry.code, out)
            if path is None:
                failed.append(entry.code)
                self.stdout.write(f"{entry.code}\t{reason}")
            else:
                self.stdout.write(f"{entry.code}\t{path} ({path.stat().st_size} bytes)")
        total = len(registry.entries())
        if failed:
            raise CommandError(f"{total - len(failed)} of {total} forms rendered; not rendered: {', '.join(failed)}")
        self.stdout.write(f"{total} of {total} forms rendered to {out}")

    def _render_example(self, code: str, out: Path) -> tuple[str, Path | None]:
        implementation = registry.find_implementation(code)
        if implementation is None:
            return "not built yet", None
        params = implementation.example_params()
        if params is None:
            return "no example: nothing of its kind in the data yet", None
        try:
            parsed = implementation.parse(params)
            pdf = render_form_pdf(code, params)
        except FormParameterError as exc:
            details = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in exc.errors.items())
            return f"bad or missing example parameters: {details}", None
        except FormDataError as exc:
            return f"no data: {exc}", None
        path = out / pdf_filename(code, parsed)
        path.write_bytes(pdf)
        return "", path

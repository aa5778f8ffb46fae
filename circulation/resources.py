"""Bulk registration of readers from the Registrar's student list and HR's staff list (CSV or XLSX, through
django-import-export in the admin, with a preview). Each row creates or updates the reader and their account
(with the reader role) and re-registers them for the current academic year. Every bad row is reported with its
reason and nothing is imported until the file is clean: no row is ever silently dropped."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from accounts import roles
from accounts.models import AcademicDepartment, Institute, ReaderCategory, User
from accounts.rights import is_reader_account
from accounts.services import user_add_roles

from .models import Publication, Reader, ReaderSource
from .services import reader_register

NAME_COLUMNS = ("last_name", "first_name")


class CodeWidget(ForeignKeyWidget):
    """A foreign key given by its code; an unknown code is a row error that names the code. The codes
    (categories, institutes, departments) are a few dozen rows, read once per import instead of once per row."""

    def clean(self, value, row=None, **kwargs):
        value = (str(value).strip() if value is not None else "")
        if not value:
            return None
        if getattr(self, "_by_code", None) is None:
            self._by_code = {str(getattr(obj, self.field)): obj for obj in self.model.objects.all()}
        try:
            return self._by_code[value]
        except KeyError:
            raise ValueError(_("Unknown code \"%(code)s\".") % {"code": value}) from None


def _cell(row, name: str) -> str:
    value = row.get(name)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():  # XLSX numbers (student ids, courses) come as floats
        value = int(value)
    return str(value).strip()


class ReaderListResource(resources.ModelResource):
    """Columns: card_number, last_name, first_name, patronymic, category, institute, department, programme,
    study_group, course, position, iin, email, phone, external_id (codes for category/institute/department)."""

    source = ReaderSource.DESK
    default_category = "bachelor"

    category = fields.Field(attribute="category", column_name="category",
                            widget=CodeWidget(ReaderCategory, field="code"))
    institute = fields.Field(attribute="institute", column_name="institute",
                             widget=CodeWidget(Institute, field="code"))
    department = fields.Field(attribute="department", column_name="department",
                              widget=CodeWidget(AcademicDepartment, field="code"))
    last_name = fields.Field(column_name="last_name", readonly=True)
    first_name = fields.Field(column_name="first_name", readonly=True)
    patronymic = fields.Field(column_name="patronymic", readonly=True)

    class Meta:
        model = Reader
        import_id_fields = ("card_number",)
        fields = ("card_number", "last_name", "first_name", "patronymic", "category", "institute", "department",
                  "programme", "study_group", "course", "position", "iin", "email", "phone", "external_id")
        export_order = fields
        skip_unchanged = False
        clean_model_instances = True

    def dehydrate_last_name(self, reader: Reader) -> str:
        return reader.user.last_name

    def dehydrate_first_name(self, reader: Reader) -> str:
        return reader.user.first_name

    def dehydrate_patronymic(self, reader: Reader) -> str:
        return reader.user.patronymic

    def before_import_row(self, row, **kwargs):
        if not _cell(row, "category"):
            row["category"] = self.default_category
        for name in ("card_number", "course", "iin", "external_id", "phone"):
            if name in row:
                row[name] = _cell(row, name)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name in NAME_COLUMNS:
            if not _cell(row, name):
                errors.setdefault(name, []).append(ValidationError(_("This column is required.")))
        owner = self._account_for(instance, row)
        if owner is not None and not is_reader_account(owner):
            # A list of readers must never rewrite a librarian's, the director's or an administrator's account
            # (their login name typed as a card number): the row is refused and nothing of it is saved.
            errors.setdefault("card_number", []).append(ValidationError(_(
                "Row %(row)s: the card number %(card)s names an account that is not a reader's; a reader list "
                "never changes it.") % {"row": kwargs.get("row_number", "?"), "card": _cell(row, "card_number")}))
        email = _cell(row, "email")
        if email:
            clash = User.objects.filter(User.email_q(email))
            if owner is not None:
                clash = clash.exclude(pk=owner.pk)
            if clash.exists():
                errors.setdefault("email", []).append(
                    ValidationError(_("The e-mail %(email)s belongs to another account.") % {"email": email}))
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            # The account is made from the row just before saving, so it is not checked here.
            instance.full_clean(exclude=[*errors.keys(), "user", "registered_on"], validate_unique=validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _account_for(self, instance: Reader, row) -> User | None:
        if instance.pk and instance.user_id:
            return instance.user
        card = _cell(row, "card_number")
        # Asked twice per row (the e-mail check, then saving): looked up once.
        cached = getattr(instance, "_import_account", None)
        if cached is None or cached[0] != card:
            cached = (card, User.objects.filter(Q(reader_card_number=card) | Q(username=card)).first())
            instance._import_account = cached
        return cached[1]

    def before_save_instance(self, instance: Reader, row, **kwargs):
        user = self._account_for(instance, row) or User(username=instance.card_number)
        user.last_name = _cell(row, "last_name")
        user.first_name = _cell(row, "first_name")
        user.patronymic = _cell(row, "patronymic")
        if instance.email:
            user.email = instance.email
        if instance.phone:
            user.phone = instance.phone
        user.reader_card_number = instance.card_number
        user.reader_category = instance.category
        user.academic_department = instance.department
        if instance.position:
            user.position = instance.position
        if user.pk is None:
            user.set_unusable_password()  # the reader sets a password through "forgot password" or at the desk
        user.save()
        instance.user = user
        instance.source = self.source

    def after_save_instance(self, instance: Reader, row, **kwargs):
        user_add_roles(user=instance.user, roles=[roles.READER])
        reader_register(reader=instance)


class StudentListResource(ReaderListResource):
    """The Registrar's list of students (bachelor, master's, PhD)."""

    source = ReaderSource.REGISTRAR
    default_category = "bachelor"

    class Meta(ReaderListResource.Meta):
        name = gettext_lazy("Registrar's student list")


class StaffListResource(ReaderListResource):
    """HR's list of faculty and staff."""

    source = ReaderSource.HR
    default_category = "staff"

    class Meta(ReaderListResource.Meta):
        name = gettext_lazy("HR staff list")


class PublicationResource(resources.ModelResource):
    """An export of a bibliometric database (Scopus, Web of Science…) for the publication activity analysis
    (607-51). Columns: source, external_id, year, title, authors, university_authors, department (code),
    journal, document_type, doi, citations, quartile. A second import of the same file updates, never doubles."""

    department = fields.Field(attribute="department", column_name="department",
                              widget=CodeWidget(AcademicDepartment, field="code"))

    class Meta:
        model = Publication
        import_id_fields = ("source", "external_id")
        fields = ("source", "external_id", "year", "title", "authors", "university_authors", "department",
                  "journal", "document_type", "doi", "citations", "quartile")
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True

    def before_import_row(self, row, **kwargs):
        for name in ("year", "citations"):
            if name in row:
                row[name] = _cell(row, name) or ("0" if name == "citations" else "")
        if "source" in row:
            row["source"] = _cell(row, "source").lower()

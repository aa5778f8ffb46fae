from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import AcademicDepartment

from .constants import ACCEPTED_EXTENSIONS, MAX_UPLOAD_BYTES
from .models import Check


class AccessCodeForm(forms.Form):
    code = forms.CharField(label=_("Access code"), max_length=32)


class CheckSubmitForm(forms.Form):
    title = forms.CharField(label=_("Title of the work"), max_length=500)
    author = forms.CharField(label=_("Author"), max_length=300, help_text=_("Surname, name, patronymic."))
    department = forms.ModelChoiceField(label=_("Academic department"), queryset=AcademicDepartment.objects.all())
    work_type = forms.ChoiceField(label=_("Type of work"), choices=Check.WorkType.choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, ODT, RTF or TXT."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ACCEPTED_EXTENSIONS:
            raise forms.ValidationError(_("Accepted formats: PDF, DOCX, ODT, RTF, TXT."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AntiplagiarismConfig(AppConfig):
    """Sub-process 5.4: the university's originality checks."""

    name = "antiplagiarism"
    verbose_name = _("Anti-plagiarism")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """QP 607 §5.5: the library's public site (news, sections, e-resources, exhibitions) and its visit statistics."""

    name = "website"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (this app's menu entries and admin section)

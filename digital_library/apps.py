from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitalLibraryConfig(AppConfig):
    """Sub-process 5.4: automation and the digital resources fund."""

    name = "digital_library"
    verbose_name = _("Digital library")

    def ready(self) -> None:
        from cataloguing.merging import register_merge_handler

        # printforms: this app's numbered forms; navigation: its menu entries, queues and admin section.
        from . import merging, navigation, printforms  # noqa: F401

        # Its rows follow the record kept when duplicates are merged (cataloguing.merging).
        register_merge_handler(app="digital_library", models=merging.MODELS, check=merging.merge_check,
                               move=merging.merge_move)

        from . import catalogue_panels  # noqa: F401  (the e-version and its access terms on the record page)

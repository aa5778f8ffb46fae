from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcquisitionsConfig(AppConfig):
    """Sub-process 5.2: book provision, acquisition and accounting of the fund."""

    name = "acquisitions"
    verbose_name = _("Acquisitions and fund accounting")

    def ready(self) -> None:
        from cataloguing.merging import register_merge_handler

        # printforms registers 607-05 … 607-23 with forms_registry; navigation: menu entries, queues, admin section.
        from . import merging, navigation, printforms  # noqa: F401

        # Its rows follow the record kept when duplicates are merged (cataloguing.merging).
        register_merge_handler(app="acquisitions", models=merging.MODELS, check=merging.merge_check,
                               move=merging.merge_move)

        from core.queueing import register_queued_jobs

        from .models import BookExportStatus

        # An export a broker outage left waiting is queued again by the sweep (core.queueing).
        register_queued_jobs(model="acquisitions.BookExport", task="acquisitions.book_export_run",
                             waiting=(BookExportStatus.QUEUED,))

        from storage.signals import weeding_list_confirmed

        from .receivers import draft_write_off_of_weeding_list

        # A weeding list confirmed in storage (a lower app) becomes a draft write-off act here (issue 17.5).
        weeding_list_confirmed.connect(draft_write_off_of_weeding_list, dispatch_uid="acquisitions.weeding_handoff")

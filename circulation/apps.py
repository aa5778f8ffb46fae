from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirculationConfig(AppConfig):
    """Sub-process 5.5: library and information services for readers."""

    name = "circulation"
    verbose_name = _("Circulation and reader services")

    def ready(self) -> None:
        from cataloguing.merging import register_merge_handler

        # navigation: this app's menu entries, queues and landing; printforms: its numbered forms.
        from . import merging, navigation, printforms  # noqa: F401

        # Its rows follow the record kept when duplicates are merged (cataloguing.merging).
        register_merge_handler(app="circulation", models=merging.MODELS, check=merging.merge_check,
                               move=merging.merge_move)

        from core.queueing import register_queued_jobs

        from .constants import NoticeStatus

        # A notice a broker outage left waiting is queued again by the sweep (core.queueing).
        register_queued_jobs(model="circulation.OverdueNotice", task="circulation.notice_send",
                             waiting=(NoticeStatus.QUEUED,))

        from . import catalogue_panels  # noqa: F401  (copies and the order button on the catalogue's pages)

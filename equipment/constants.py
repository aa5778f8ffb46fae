"""Vocabularies and policy values of the equipment register (QP 607 §5.1, §5.4; risks 4.1 and 4.3)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EquipmentKind(models.TextChoices):
    COMPUTER = "computer", _("computer")
    LAPTOP = "laptop", _("laptop")
    SCANNER = "scanner", _("scanner")
    PRINTER = "printer", _("printer")
    MFP = "mfp", _("multifunction printer")
    SELF_SERVICE = "self_service", _("self-service station")
    CLIMATE_SENSOR = "climate_sensor", _("climate sensor")
    PROJECTOR = "projector", _("projector")
    NETWORK = "network", _("network equipment")
    OTHER = "other", _("other")


class EquipmentState(models.TextChoices):
    IN_SERVICE = "in_service", _("in service")
    UNDER_REPAIR = "under_repair", _("under repair")
    WRITTEN_OFF = "written_off", _("written off")


class WorkstationFor(models.TextChoices):
    """An automated workstation (АЖО) and whom it serves; a unit that is none is left blank."""

    STAFF = "staff", _("staff")
    READERS = "readers", _("readers")


class MaintenanceOutcome(models.TextChoices):
    WORKING = "working", _("working")
    NEEDS_REPAIR = "needs_repair", _("needs repair")
    SENT_FOR_REPAIR = "sent_for_repair", _("sent for repair")
    TO_WRITE_OFF = "to_write_off", _("to be written off")


class ServiceRequestKind(models.TextChoices):
    """The university's forms the director uses to ask its services for equipment, services and repairs
    (QP 607 §5.1: 604-01, 606-04, 606-05, 606-06, 606-07, 606-10)."""

    PURCHASE = "604-01", _("604-01 purchase of products")
    REPAIR_HANDOVER = "606-04", _("606-04 handover of a fixed asset for repair")
    REPAIR_RETURN = "606-05", _("606-05 acceptance from repair")
    IT_PURCHASE = "606-06", _("606-06 purchase of IT equipment and software")
    IT_SERVICE = "606-07", _("606-07 order of IT services")
    EXPERTISE = "606-10", _("606-10 expert assessment of the technical state")


class ServiceRequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted")
    DONE = "done", _("done")
    REFUSED = "refused", _("refused")


# A unit of these kinds is a workstation whatever the field says: readers serve themselves at it.
SELF_SERVICE_KINDS = (EquipmentKind.SELF_SERVICE,)

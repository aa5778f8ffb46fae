"""Use cases of staff qualification (§5.1): a certificate recorded (by hand, from a staff development event, or
imported) closes the lines of the qualification plan it fulfils; local regulations are kept in their register."""

from __future__ import annotations

from django.db import transaction

from ..constants import QualificationPlanStatus
from ..models import LocalRegulation, QualificationPlanItem, StaffCertificate


@transaction.atomic
def staff_certificate_save(*, certificate: StaffCertificate) -> StaffCertificate:
    """Save a certificate (the admin's save and the import both come here). The planned trainings of the same
    person and programme in that year are marked done with it."""
    if certificate.event_id and not certificate.provider:
        certificate.provider = certificate.event.organiser
    certificate.full_clean()
    certificate.save()
    if certificate.programme_id:
        QualificationPlanItem.objects.filter(
            person_id=certificate.person_id, programme_id=certificate.programme_id,
            year=certificate.completed_on.year, status=QualificationPlanStatus.PLANNED,
        ).update(status=QualificationPlanStatus.DONE, certificate=certificate)
    return certificate


@transaction.atomic
def local_regulation_save(*, regulation: LocalRegulation) -> LocalRegulation:
    """Save a regulation of the register (the admin's save and the import both come here)."""
    regulation.full_clean()
    regulation.save()
    return regulation

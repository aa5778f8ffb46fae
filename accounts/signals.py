"""Keep `is_staff` in step with roles: staff roles reach the admin, readers and department heads do not."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import User
from .roles import is_staff_role_set


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts.sync_is_staff")
def sync_is_staff_with_roles(sender, instance, action, reverse, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    users = [instance] if not reverse else list(User.objects.filter(pk__in=kwargs.get("pk_set") or []))
    for user in users:
        user.__dict__.pop("role_codes", None)
        should_be_staff = user.is_superuser or is_staff_role_set(user.groups.values_list("name", flat=True))
        if user.is_staff != should_be_staff:
            user.is_staff = should_be_staff
            User.objects.filter(pk=user.pk).update(is_staff=should_be_staff)

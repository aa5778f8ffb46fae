from django.core.management.base import BaseCommand

from accounts.roles import sync_role_groups


class Command(BaseCommand):
    help = "Create the role groups and set their permissions (idempotent; also runs after every migrate)."

    def handle(self, *args, **options):
        for code, count in sync_role_groups().items():
            self.stdout.write(f"{code}: {count} permissions")

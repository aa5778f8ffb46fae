"""Factories of the foundation: organisation and users. Each app keeps its own in tests/<app>/factories.py."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group

from accounts.models import AcademicDepartment, Institute, LibraryDepartment, ReaderCategory, User

PASSWORD = "correct-horse-battery"


class InstituteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institute
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"inst-{n}")
    name_kk = factory.Sequence(lambda n: f"Институт №{n}")
    name_ru = factory.Sequence(lambda n: f"Институт №{n} (ru)")
    name_en = factory.Sequence(lambda n: f"Institute No. {n}")


class AcademicDepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcademicDepartment
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept-{n}")
    institute = factory.SubFactory(InstituteFactory)
    name_kk = factory.Sequence(lambda n: f"Кафедра №{n}")
    name_ru = factory.Sequence(lambda n: f"Кафедра №{n} (ru)")
    name_en = factory.Sequence(lambda n: f"Department No. {n}")


def library_department(code: str = "service") -> LibraryDepartment:
    return LibraryDepartment.objects.get(code=code)  # seeded by a migration


def reader_category(code: str = "bachelor") -> ReaderCategory:
    return ReaderCategory.objects.get(code=code)  # seeded by a migration


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.kz")
    first_name = "Әлия"
    last_name = factory.Sequence(lambda n: f"Қасымова{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            from accounts.services import user_set_roles

            for code in extracted:
                Group.objects.get_or_create(name=code)
            user_set_roles(user=self, roles=extracted)
        if create:
            self.save()

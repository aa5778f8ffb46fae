"""Import/export of the reference dictionaries: imported rows are saved through the service, so every
imported entry is logged in 607-33 like an edit by hand."""

from __future__ import annotations

from import_export import resources

from .models import DocumentTypeEntry, LanguageEntry, PublicationPlace, Publisher, SubjectHeading
from .services import dictionary_entry_save


class DictionaryResource(resources.ModelResource):
    def save_instance(self, instance, is_create, row, **kwargs):
        self.before_save_instance(instance, row, **kwargs)
        if self._is_using_transactions(kwargs) or not self._is_dry_run(kwargs):
            user = kwargs.get("user")
            if user is None:
                raise ValueError("dictionary imports need the importing user for the 607-33 log")
            dictionary_entry_save(entry=instance, user=user)
        self.after_save_instance(instance, row, **kwargs)


class DocumentTypeEntryResource(DictionaryResource):
    class Meta:
        model = DocumentTypeEntry
        import_id_fields = ("code",)
        fields = ("code", "name_kk", "name_ru", "name_en")


class LanguageEntryResource(DictionaryResource):
    class Meta:
        model = LanguageEntry
        import_id_fields = ("code",)
        fields = ("code", "name_kk", "name_ru", "name_en")


class PublicationPlaceResource(DictionaryResource):
    class Meta:
        model = PublicationPlace
        fields = ("id", "name_kk", "name_ru", "name_en", "country")


class PublisherResource(DictionaryResource):
    class Meta:
        model = Publisher
        fields = ("id", "name", "place", "note")


class SubjectHeadingResource(DictionaryResource):
    class Meta:
        model = SubjectHeading
        fields = ("id", "heading", "broader", "scope_note")

from django.contrib import admin

from core.admin import RegisterAdmin

from .models import BibliographicRecord, CatalogueDatabase, Item


@admin.register(CatalogueDatabase)
class CatalogueDatabaseAdmin(RegisterAdmin):
    """The electronic catalogue's databases (configurable; 8 seeded)."""

    list_display = ("code", "name_kk", "name_ru", "name_en", "creator_department")
    search_fields = ("code", "name_kk", "name_ru", "name_en")


@admin.register(BibliographicRecord)
class BibliographicRecordAdmin(RegisterAdmin):
    """607-25: bibliographic records of the electronic catalogue."""

    list_display = ("control_number", "title", "first_author", "year", "database", "document_type")
    list_filter = ("database", "document_type", "language")
    search_fields = ("=control_number", "=isbn", "title", "first_author")
    raw_id_fields = ("created_by", "updated_by")


@admin.register(Item)
class ItemAdmin(RegisterAdmin):
    """Copies of the fund (never deleted: an inventory number is never reused)."""

    list_display = ("inventory_number", "barcode", "record", "status", "database", "department")
    list_filter = ("status", "database", "department", "loan_category")
    search_fields = ("=inventory_number", "=barcode")
    raw_id_fields = ("record",)
    list_select_related = ("record", "database", "department")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


from __future__ import annotations

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from import_export import resources
from js_asset import Media

from core.admin import ReadOnlyRegisterAdmin, RegisterAdmin

from .constants import RICH_TEXT_EXTENSIONS, SITE_LANGUAGES
from .models import Page, PageVisitDay, Post, Publication, SiteVisitDay
from .services import publication_save

TEXT_FIELDS = ("title_kk", "title_ru", "title_en", "body_kk", "body_ru", "body_en")


class PublicationForm(forms.ModelForm):
    """The bodies in django-prose-editor's editor, offering what `RICH_TEXT_EXTENSIONS` allows and sanitising the
    posted HTML with the same allow-list."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for language in SITE_LANGUAGES:
            name = f"body_{language}"
            field = self.fields.get(name)
            if field is None:  # a person who may only view the page gets no form fields
                continue
            self.fields[name] = ProseEditorFormField(
                label=field.label, required=False, extensions=RICH_TEXT_EXTENSIONS, sanitize=True,
                widget=AdminProseEditorWidget)


class PublicationAdmin(RegisterAdmin):
    """Pages and news are written in the editor of django-prose-editor; the save goes through
    `publication_save` (sanitised body, publication date, image size)."""

    form = PublicationForm

    list_filter = ("status",)
    search_fields = ("slug", "title_kk", "title_ru", "title_en")
    prepopulated_fields: dict = {}
    date_hierarchy = "published_at"

    @admin.display(description=_("translated into"))
    def languages(self, publication: Publication) -> str:
        return ", ".join(code.upper() for code in publication.translated_languages())

    @admin.display(description=_("on the site"))
    def site_link(self, publication: Publication) -> str:
        if publication.pk is None:
            return "—"
        return format_html('<a href="{}">{}</a>', publication.get_absolute_url(), _("open"))

    def save_model(self, request: HttpRequest, obj: Publication, form, change: bool) -> None:
        publication_save(publication=obj)

    def render_change_form(self, request: HttpRequest, context: dict, *args, **kwargs):
        # The editor's modules are found through an import map, an inline <script>: under the site's
        # Content-Security-Policy it needs the request's nonce.
        context["media"] = Media.from_media(context["media"], nonce=getattr(request, "csp_nonce", ""))
        return super().render_change_form(request, context, *args, **kwargs)


class PageResource(resources.ModelResource):
    class Meta:
        model = Page
        fields = ("slug", "section", "order", "status", "published_at", *TEXT_FIELDS)
        export_order = fields
        import_id_fields = ("slug",)


@admin.register(Page)
class PageAdmin(PublicationAdmin):
    """QP 607 §5.5: the site's static sections ("For researchers", about, rules, opening hours)."""

    resource_classes = [PageResource]
    list_display = ("title_kk", "slug", "section", "order", "status", "published_at", "languages", "site_link")
    list_filter = ("section", "status")
    fields = ("slug", "section", "order", "status", "published_at", *TEXT_FIELDS, "site_link")
    readonly_fields = ("site_link",)
    prepopulated_fields = {"slug": ("title_en",)}


class PostResource(resources.ModelResource):
    class Meta:
        model = Post
        fields = ("slug", "kind", "status", "published_at", *TEXT_FIELDS)
        export_order = fields
        import_id_fields = ("slug",)


@admin.register(Post)
class PostAdmin(PublicationAdmin):
    """QP 607 §5.5: news and announcements of the library (counted in §7)."""

    resource_classes = [PostResource]
    list_display = ("title_kk", "kind", "status", "published_at", "languages", "author", "site_link")
    list_filter = ("kind", "status")
    list_select_related = ("author",)
    fields = ("slug", "kind", "status", "published_at", "image", *TEXT_FIELDS, "author", "site_link")
    readonly_fields = ("author", "site_link")
    prepopulated_fields = {"slug": ("title_en",)}

    def save_model(self, request: HttpRequest, obj: Post, form, change: bool) -> None:
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


class VisitsAdmin(ReadOnlyRegisterAdmin):
    """Written by the visit counter only: read and exported here, never edited (and so not in the audit trail)."""

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False


class SiteVisitDayResource(resources.ModelResource):
    class Meta:
        model = SiteVisitDay
        fields = ("day", "views", "visitors", "searches")
        export_order = fields


@admin.register(SiteVisitDay)
class SiteVisitDayAdmin(VisitsAdmin):
    resource_classes = [SiteVisitDayResource]
    list_display = ("day", "views", "visitors", "searches")
    date_hierarchy = "day"
    search_fields = ("day",)
    list_filter = ("day",)


class PageVisitDayResource(resources.ModelResource):
    class Meta:
        model = PageVisitDay
        fields = ("day", "path", "views", "visitors")
        export_order = fields


@admin.register(PageVisitDay)
class PageVisitDayAdmin(VisitsAdmin):
    resource_classes = [PageVisitDayResource]
    list_display = ("day", "path", "views", "visitors")
    date_hierarchy = "day"
    search_fields = ("path",)
    list_filter = ("day",)

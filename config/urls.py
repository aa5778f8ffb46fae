from django.conf import settings
from django.contrib import admin
from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from catalogue_search import views as catalogue_views
from catalogue_search.sru_views import sru_endpoint

admin.site.site_header = _("Kitaphana — Scientific Library of Satbayev University")
admin.site.site_title = _("Kitaphana")
admin.site.index_title = _("Library registers")
# "View site" leads staff to their home of queues and work pages, not to the public catalogue.
admin.site.site_url = reverse_lazy("core:workbench")

urlpatterns = [
    path("", catalogue_views.home, name="home"),
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("reports/", include("forms_registry.urls")),
    path("catalogue/", include("catalogue_search.urls")),
    path("sru", sru_endpoint, name="sru"),
    path("cataloguing/", include("cataloguing.urls")),
    path("circulation/", include("circulation.urls")),
    path("exhibitions/", include("circulation.urls_exhibitions")),
    path("acquisitions/", include("acquisitions.urls")),
    path("e-resources/", include("acquisitions.urls_eresources")),
    path("digital/", include("digital_library.urls")),
    path("antiplagiarism/", include("antiplagiarism.urls")),
    path("storage/", include("storage.urls")),
    path("risks/", include("risks.urls")),
    path("planning/", include("planning.urls")),
    path("surveys/", include("surveys.urls")),
    path("equipment/", include("equipment.urls")),
    path("site/", include("website.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

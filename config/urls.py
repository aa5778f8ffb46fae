from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from catalogue_search.sru_views import sru_endpoint
from website import views as website_views
from website.sitemaps import SITEMAPS

admin.site.site_header = _("Kitaphana — Scientific Library of Satbayev University")
admin.site.site_title = _("Kitaphana")
admin.site.index_title = _("Library registers")
# "View site" leads staff to their home of queues and work pages, not to the public catalogue.
admin.site.site_url = reverse_lazy("core:workbench")

urlpatterns = [
    # The library's front page: catalogue search, news, new arrivals, exhibitions (website; in the language the
    # visitor chose).
    path("", website_views.home, name="home"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
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
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# The public site carries its language in the address (/kk/site/…, /ru/site/…, /en/site/…): each language version
# has its own URL for search engines (hreflang) and feeds; the language switcher moves between them.
urlpatterns += i18n_patterns(path("site/", include("website.urls")))

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

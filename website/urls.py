from django.urls import path

from . import views
from .constants import PageSection

app_name = "website"

# Mounted under the language prefix (config/urls.py, i18n_patterns): /kk/site/…, /ru/site/…, /en/site/….
urlpatterns = [
    path("news/", views.post_list, name="posts"),
    path("news/feed/rss/", views.NewsRssFeed(), name="feed_rss"),
    path("news/feed/atom/", views.NewsAtomFeed(), name="feed_atom"),
    path("news/<slug:slug>/", views.post_detail, name="post"),
    path("news/<slug:slug>/image/", views.post_image, name="post_image"),
    path("researchers/", views.section, {"section": PageSection.RESEARCHERS}, name="researchers"),
    path("about/", views.section, {"section": PageSection.ABOUT}, name="about"),
    path("readers/", views.section, {"section": PageSection.READERS}, name="readers"),
    path("statistics/", views.visit_statistics, name="statistics"),
    path("pages/<slug:slug>/", views.page_detail, name="page"),
]

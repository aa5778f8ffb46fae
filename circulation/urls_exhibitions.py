"""The public exhibitions at /exhibitions/: the list and each exhibition's page at an address made of its title."""

from django.urls import path

from . import views_outreach as views

app_name = "exhibitions"

urlpatterns = [
    path("", views.exhibition_list, name="list"),
    path("<slug:slug>/", views.exhibition_detail, name="detail"),
]

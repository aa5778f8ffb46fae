from django.urls import path

from . import views

app_name = "catalogue_search"

urlpatterns = [
    path("", views.catalogue_search, name="search"),
    path("records/<int:pk>/", views.record, name="record"),
]

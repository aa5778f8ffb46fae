from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("start/", views.landing, name="landing"),
    path("workbench/", views.workbench, name="workbench"),
    path("health/", views.health, name="health"),
    path("no-access/", views.no_place, name="no_place"),
]

from django.urls import path

from . import views

app_name = "forms_registry"

urlpatterns = [
    path("", views.reports, name="reports"),
    path("forms/<str:code>/", views.form_detail, name="form"),
]

from django.urls import path

from . import views

app_name = "digital_library"

urlpatterns = [
    path("oai/", views.oai, name="oai"),
    path("records/<int:pk>/", views.record_files, name="record"),
    path("files/<int:pk>/view/", views.file_deliver, {"mode": "view"}, name="file_view"),
    path("files/<int:pk>/download/", views.file_deliver, {"mode": "download"}, name="file_download"),
    path("scanning/", views.scanning_requests, name="scanning_requests"),
    path("scanning/<int:pk>/", views.scanning_request_detail, name="scanning_request"),
    path("scanning/rare-editions/", views.rare_editions, name="rare_editions"),
]

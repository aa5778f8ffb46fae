from django.urls import path  # noqa: F401  (this app's pages are added here)

app_name = "catalogue_search"

urlpatterns: list = []

from django.urls import path

from . import eresource_views

app_name = "eresources"

urlpatterns = [
    path("", eresource_views.eresource_list, name="list"),
    path("<int:pk>/open/", eresource_views.eresource_open, name="open"),
]

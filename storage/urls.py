from django.urls import path

from . import views

app_name = "storage"

urlpatterns = [
    path("conditions/", views.conditions, name="conditions"),
    path("transfers/", views.transfers, name="transfers"),
    path("conditions/<slug:code>/", views.room_conditions, name="room_conditions"),
]

from django.urls import path

from . import views

app_name = "cataloguing"

urlpatterns = [
    path("udc/", views.udc_requests, name="udc"),
    path("transfers/", views.transfers, name="transfers"),
    path("transfers/<int:pk>/accept/", views.transfer_accept, name="transfer_accept"),
]

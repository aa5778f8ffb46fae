from django.urls import path

from . import quality_views, views

app_name = "cataloguing"

urlpatterns = [
    path("udc/", views.udc_requests, name="udc"),
    path("quality/", quality_views.quality_queue, name="quality_queue"),
    path("transfers/", views.transfers, name="transfers"),
    path("transfers/<int:pk>/accept/", views.transfer_accept, name="transfer_accept"),
]

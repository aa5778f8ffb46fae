from django.urls import path

from . import views

app_name = "risks"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("register.pdf", views.register_pdf, name="register_pdf"),
]

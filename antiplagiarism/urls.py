from django.urls import path

from . import views

app_name = "antiplagiarism"

urlpatterns = [
    path("", views.checks, name="checks"),
    path("code/", views.code_entry, name="code"),
    path("new/", views.check_new, name="check_new"),
    path("checks/<int:pk>/", views.check_detail, name="check"),
    path("checks/<int:pk>/status/", views.check_status, name="check_status"),
    path("checks/<int:pk>/report.pdf", views.check_pdf, name="check_pdf"),
    path("checks/<int:pk>/accept/", views.check_accept, name="check_accept"),
]

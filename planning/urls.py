from django.urls import path

from . import approval_views, qualification_views, views

app_name = "planning"

urlpatterns = [
    path("kpi/", views.kpi, name="kpi"),
    path("plans/", approval_views.plans, name="plans"),
    path("plans/<int:pk>/", approval_views.plan, name="plan"),
    path("plans/<int:pk>/step/", approval_views.plan_step, name="plan_step"),
    path("approvals/", approval_views.approvals, name="approvals"),
    path("qualification/gaps/", qualification_views.qualification_gaps, name="qualification_gaps"),
]

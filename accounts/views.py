from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.navigation import registry

from .access import role_required
from .forms import LoginForm
from .models import User
from .roles import DEPARTMENT_HEAD, PLAGIARISM_OPERATOR, ROLE_LABELS


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@role_required(PLAGIARISM_OPERATOR)
def cabinet(request: HttpRequest) -> HttpResponse:
    """An operator's account page: who they are and their roles (a reader's cabinet is circulation's, with the
    card, orders and loans)."""
    user = request.user
    return render(
        request,
        "accounts/cabinet.html",
        {"person": user, "role_labels": [ROLE_LABELS[code] for code in sorted(user.role_codes) if code in ROLE_LABELS]},
    )


@role_required(DEPARTMENT_HEAD)
def department(request: HttpRequest) -> HttpResponse:
    """A department head's page: only their own department, never another's."""
    dept = request.user.academic_department
    members = (
        User.objects.filter(academic_department=dept, is_active=True).select_related("reader_category").order_by(
            "last_name", "first_name"
        )
        if dept
        else User.objects.none()
    )
    # What a head does through the web (requests, provision, scanning…): the pages the apps offer that they may open.
    places = [(link.label, link.url) for link in registry.links_for(request.user)]
    return render(request, "accounts/department.html", {"department": dept, "members": members, "places": places})


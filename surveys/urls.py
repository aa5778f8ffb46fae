from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.my_surveys, name="my_surveys"),
    path("<int:pk>/", views.answer, name="answer"),
    path("link/<str:token>/", views.answer_by_link, name="answer_by_link"),
    path("results/", views.results_list, name="results_list"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/links/", views.invitations, name="invitations"),
]

from django.urls import path

from . import views

app_name = "acquisitions"

urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("requests/new/<str:kind>/", views.request_edit, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", views.request_edit, name="request_edit"),
    path("requests/<int:pk>/submit/", views.request_submit, name="request_submit"),
    path("requests/<int:pk>/pdf/", views.request_pdf, name="request_pdf"),
    path("holdings/", views.holdings, name="holdings"),
    path("review/", views.review, name="review"),
    path("review/lines/<int:pk>/correct/", views.line_correct, name="line_correct"),
    path("review/build/<str:kind>/", views.order_build, name="order_build"),
    path("orders/", views.order_list, name="order_list"),
    path("orders/<int:pk>/", views.order_detail, name="order_detail"),
    path("orders/<int:pk>/agree/", views.order_agree, name="order_agree"),
    path("orders/<int:pk>/send/", views.order_send, name="order_send"),
    path("order-lines/<int:pk>/<str:action>/", views.order_line_action, name="order_line_action"),
]

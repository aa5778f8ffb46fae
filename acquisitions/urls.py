from django.urls import path

from . import fund_views, views

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
    path("orders/<int:pk>/subscriptions/", views.order_subscriptions, name="order_subscriptions"),
    path("order-lines/<int:pk>/<str:action>/", views.order_line_action, name="order_line_action"),
    path("receipts/", fund_views.receipt_list, name="receipt_list"),
    path("receipts/new/", fund_views.receipt_create, name="receipt_create"),
    path("write-offs/", fund_views.write_off_list, name="write_off_list"),
    path("write-offs/new/", fund_views.write_off_create, name="write_off_create"),
    path("write-offs/<int:pk>/approve/", fund_views.write_off_approve, name="write_off_approve"),
    path("stocktaking/", fund_views.stocktaking_list, name="stocktaking_list"),
    path("stocktaking/<int:pk>/", fund_views.stocktaking_detail, name="stocktaking_detail"),
    path("books/", fund_views.book_export_list, name="book_exports"),
    path("books/new/", fund_views.book_export_create, name="book_export_create"),
    path("books/<int:pk>/status/", fund_views.book_export_status, name="book_export_status"),
    path("books/<int:pk>/download/", fund_views.book_export_download, name="book_export_download"),
    path("provision/", fund_views.provision, name="provision"),
    path("provision/request/", fund_views.provision_request, name="provision_request"),
    path("provision/disciplines/<int:pk>/", fund_views.discipline_detail, name="discipline_detail"),
]

from django.urls import path

from . import views, views_paid
from .urls_outreach import urlpatterns as outreach_urlpatterns

app_name = "circulation"

urlpatterns = [
    path("cabinet/", views.cabinet, name="cabinet"),
    path("cabinet/history/", views.history, name="history"),
    path("cabinet/ill/new/", views.ill_new, name="ill_new"),
    path("cabinet/feedback/", views.feedback, name="feedback"),
    path("cabinet/clearance/", views.clearance_issue, name="clearance_issue"),
    path("clearance/<str:code>/pdf/", views.clearance_pdf, name="clearance_pdf"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("records/<int:pk>/", views.record_moved, name="record_moved"),
    path("records/<int:pk>/order/", views.order, name="order"),
    path("records/<int:pk>/wait/", views.order_wait, name="order_wait"),
    path("orders/<int:pk>/renew/", views.order_renew, name="order_renew"),
    path("orders/<int:pk>/cancel/", views.order_cancel, name="order_cancel"),
    path("loans/<int:pk>/renew/", views.loan_renew, name="loan_renew"),
    path("readers/<int:pk>/photo/", views.reader_photo, name="reader_photo"),
    path("readers/<int:pk>/card.pdf", views.reader_card_pdf, name="reader_card"),
    path("desk/", views.desk, name="desk"),
    path("desk/scan/", views.desk_scan, name="desk_scan"),
    path("desk/overdue-letters.pdf", views.overdue_letters_pdf, name="overdue_letters"),
    path("desk/why/", views.desk_why, name="desk_why"),
    path("desk/readers/", views.desk_readers, name="desk_readers"),
    path("desk/readers/<int:pk>/register/", views.desk_register, name="desk_register"),
    path("desk/loans/<int:pk>/lost/", views.desk_lost, name="desk_lost"),
    path("desk/losses/<int:pk>/replace/", views.desk_replace, name="desk_replace"),
    path("paid-services/", views_paid.price_list, name="price_list"),
    path("desk/paid-services/", views_paid.paid_desk, name="paid_desk"),
    path("desk/paid-services/totals/", views_paid.paid_totals, name="paid_totals"),
    path("desk/paid-services/<int:pk>/receipt.pdf", views_paid.paid_receipt, name="paid_receipt"),
    path("desk/paid-services/<int:pk>/cancel/", views_paid.paid_cancel, name="paid_cancel"),
    *outreach_urlpatterns,
]

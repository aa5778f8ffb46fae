"""The outreach pages under /circulation/ (names in the `circulation` namespace): exhibition requests, the
information-literacy plan and class bookings, events' attendance, information-service requests."""

from django.urls import path

from . import views_outreach as views

urlpatterns = [
    path("exhibition-requests/", views.exhibition_request_list, name="exhibition_requests"),
    path("exhibition-requests/new/", views.exhibition_request_new, name="exhibition_request_new"),
    path("exhibition-requests/<int:pk>/", views.exhibition_request_detail, name="exhibition_request"),
    path("exhibition-requests/<int:pk>/607-47.pdf", views.exhibition_request_pdf, name="exhibition_request_pdf"),
    path("exhibition-requests/<int:pk>/<slug:action>/", views.exhibition_request_decide,
         name="exhibition_request_decide"),
    path("literacy-plan/", views.literacy_plan, name="literacy_plan"),
    path("class-bookings/", views.class_booking_list, name="class_bookings"),
    path("class-bookings/new/", views.class_booking_new, name="class_booking_new"),
    path("class-bookings/<int:pk>/", views.class_booking_detail, name="class_booking"),
    path("class-bookings/<int:pk>/<slug:action>/", views.class_booking_decide, name="class_booking_decide"),
    path("events/<int:pk>/attendance/", views.event_attendance, name="event_attendance"),
    path("info-requests/", views.info_request_list, name="info_requests"),
    path("info-requests/new/", views.info_request_new, name="info_request_new"),
    path("info-requests/<int:pk>/", views.info_request_detail, name="info_request"),
    path("info-requests/<int:pk>/607-49.pdf", views.info_request_pdf, name="info_request_pdf"),
    path("info-requests/<int:pk>/<slug:action>/", views.info_request_decide, name="info_request_decide"),
]

"""Exhibitions, class bookings and information requests (issue 16, items 3-5; QP 607 §5.5, forms 607-47/49/50):
the rules of the services and who may do what on the web."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from circulation import services
from circulation.constants import (
    ClassBookingStatus,
    EventKind,
    ExhibitionKind,
    ExhibitionRequestStatus,
    ExhibitionStatus,
    InfoRequestStatus,
    InfoServiceKind,
    NoticeKind,
)
from circulation.exceptions import CirculationError
from circulation.models import (
    ClassBooking,
    Event,
    Exhibition,
    ExhibitionRecord,
    ExhibitionRequest,
    InfoServiceRequest,
    LiteracyPlanItem,
    OverdueNotice,
)
from tests.circulation.factories import make_reader, make_record

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 5)


def exhibition_request(head, **fields) -> ExhibitionRequest:
    values = {"topic": "Қ.И. Сәтбаев — 127 жыл", "kind": ExhibitionKind.PHYSICAL,
              "date_from": TODAY + dt.timedelta(days=5), "date_to": TODAY + dt.timedelta(days=20)} | fields
    return services.exhibition_request_submit(user=head, **values)


def booking(head, **fields) -> ClassBooking:
    values = {"kind": EventKind.CLASS, "topic": "Электрондық каталог", "group_name": "ПИ-23-1", "students_count": 20,
              "preferred_from": TODAY + dt.timedelta(days=3), "preferred_to": TODAY + dt.timedelta(days=10)} | fields
    return services.class_booking_submit(user=head, **values)


# --- Exhibition requests (607-47) -------------------------------------------------------------------------------


@freeze_time("2026-10-05 09:00")
def test_head_requests_an_exhibition_for_their_own_department(department_head):
    request = exhibition_request(department_head)
    assert request.department_id == department_head.academic_department_id
    assert request.status == ExhibitionRequestStatus.SUBMITTED


@freeze_time("2026-10-05 09:00")
def test_exhibition_request_cannot_start_in_the_past(department_head):
    with pytest.raises(CirculationError):
        exhibition_request(department_head, date_from=TODAY - dt.timedelta(days=1))
    assert not ExhibitionRequest.objects.exists()


@freeze_time("2026-10-05 09:00")
def test_reader_and_librarian_cannot_request_an_exhibition(reader, librarian):
    for user in (reader, librarian):
        with pytest.raises(CirculationError):
            exhibition_request(user)


@freeze_time("2026-10-05 09:00")
def test_accepted_request_becomes_a_draft_exhibition_then_held(department_head, analytics_librarian):
    request = exhibition_request(department_head, kind=ExhibitionKind.VIRTUAL)
    services.exhibition_request_accept(request=request, user=analytics_librarian)
    exhibition = services.exhibition_from_request(request=request, user=analytics_librarian)

    assert exhibition.status == ExhibitionStatus.DRAFT
    assert exhibition.kind == ExhibitionKind.VIRTUAL
    assert exhibition.slug == "qi-satbaev-127-zhyl"
    assert services.exhibition_from_request(request=request, user=analytics_librarian) == exhibition
    services.exhibition_request_mark_held(request=request, user=analytics_librarian)
    request.refresh_from_db()
    assert request.status == ExhibitionRequestStatus.HELD


@freeze_time("2026-10-05 09:00")
def test_refusal_needs_a_reason_and_a_decided_request_stays_decided(department_head, librarian):
    request = exhibition_request(department_head)
    with pytest.raises(CirculationError):
        services.exhibition_request_refuse(request=request, user=librarian, reason="  ")
    services.exhibition_request_refuse(request=request, user=librarian, reason="Зал жөндеуде")
    request.refresh_from_db()
    assert (request.status, request.refusal_reason) == (ExhibitionRequestStatus.REFUSED, "Зал жөндеуде")
    with pytest.raises(CirculationError):
        services.exhibition_request_accept(request=request, user=librarian)


@freeze_time("2026-10-05 09:00")
def test_head_cannot_decide_requests(department_head):
    request = exhibition_request(department_head)
    with pytest.raises(CirculationError):
        services.exhibition_request_accept(request=request, user=department_head)


def test_publishing_sets_the_moment_and_unpublishing_clears_it(analytics_librarian):
    exhibition = services.exhibition_save(exhibition=Exhibition(
        title_kk="Жер туралы ғылымдар", date_from=TODAY, date_to=TODAY), user=analytics_librarian)
    assert exhibition.slug == "zher-turaly-gylymdar"
    assert exhibition.published_at is None
    exhibition.status = ExhibitionStatus.PUBLISHED
    services.exhibition_save(exhibition=exhibition)
    assert exhibition.published_at is not None
    other = services.exhibition_save(exhibition=Exhibition(title_kk="Жер туралы ғылымдар", date_from=TODAY,
                                                           date_to=TODAY))
    assert other.slug == "zher-turaly-gylymdar-2"


# --- Classes and excursions (607-50) ----------------------------------------------------------------------------


@freeze_time("2026-10-05 09:00")
def test_confirmed_booking_becomes_an_event_with_the_groups_readers(department_head, department, librarian):
    in_group = make_reader(department=department, study_group="ПИ-23-1", email="a@example.com")
    make_reader(department=department, study_group="ПИ-23-2")
    make_reader(department=department, study_group="ПИ-23-1", left_on=dt.date(2026, 6, 30))
    plan = LiteracyPlanItem.objects.create(year=2026, month=10, kind=EventKind.CLASS, topic="Каталогпен жұмыс")
    booked = booking(department_head, plan_item=plan, topic="")
    assert booked.topic == "Каталогпен жұмыс"

    event = services.class_booking_confirm(booking=booked, user=librarian, held_on=TODAY + dt.timedelta(days=4),
                                           place="Оқу залы")

    booked.refresh_from_db()
    assert booked.status == ClassBookingStatus.CONFIRMED
    assert booked.event == event
    assert (event.kind, event.plan_item) == (EventKind.CLASS, plan)
    assert [p.reader for p in event.participants.all()] == [in_group]
    assert event.participants.get().contact == "a@example.com"
    with pytest.raises(CirculationError):
        services.class_booking_confirm(booking=booked, user=librarian, held_on=TODAY)


@freeze_time("2026-10-05 09:00")
def test_booking_needs_a_topic_and_a_bookable_kind(department_head):
    with pytest.raises(CirculationError):
        booking(department_head, topic="")
    with pytest.raises(CirculationError):
        booking(department_head, kind=EventKind.EVENT)
    assert not ClassBooking.objects.exists()


@freeze_time("2026-10-05 09:00")
def test_booking_refused_with_reason(department_head, librarian):
    booked = booking(department_head)
    services.class_booking_refuse(booking=booked, user=librarian, reason="Бұл аптада зал бос емес")
    booked.refresh_from_db()
    assert booked.status == ClassBookingStatus.REFUSED
    assert booked.event is None


@freeze_time("2026-10-05 09:00")
def test_attendance_after_the_event_with_certificates_for_trainings_only(department_head, department, librarian):
    make_reader(department=department, study_group="ПИ-23-1")
    make_reader(department=department, study_group="ПИ-23-1")
    event = services.class_booking_confirm(booking=booking(department_head, kind=EventKind.TRAINING),
                                           user=librarian, held_on=TODAY + dt.timedelta(days=1))
    first, second = event.participants.all()
    with pytest.raises(CirculationError):  # not yet held
        services.event_attendance_record(event=event, user=librarian, attended={first.pk}, certified=set())
    with pytest.raises(CirculationError):  # a certificate without attending
        services.event_attendance_record(event=event, user=librarian, attended={first.pk}, certified={second.pk},
                                         at=TODAY + dt.timedelta(days=1))

    came = services.event_attendance_record(event=event, user=librarian, attended={first.pk},
                                            certified={first.pk}, extra_names=["Оспанов Д.", " "],
                                            at=TODAY + dt.timedelta(days=1))

    assert came == 2
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.attended, first.certified, second.attended) == (True, True, False)
    assert event.participants.filter(full_name="Оспанов Д.", attended=True, unit="ПИ-23-1").exists()
    plain = Event.objects.create(title="Кітап күні", kind=EventKind.EVENT, held_on=TODAY)
    extra = plain.participants.create(full_name="Ким О.")
    with pytest.raises(CirculationError):
        services.event_attendance_record(event=plain, user=librarian, attended={extra.pk}, certified={extra.pk})


# --- Information-service requests (607-49) ----------------------------------------------------------------------


@freeze_time("2026-10-05 09:00")
def test_reader_asks_for_themselves_and_is_told_the_answer(reader_profile, librarian,
                                                           django_capture_on_commit_callbacks):
    asked = services.info_request_submit(user=reader_profile.user, kind=InfoServiceKind.CONSULTATION,
                                         topic="ORCID профилі")
    assert (asked.reader, asked.department) == (reader_profile, None)

    with django_capture_on_commit_callbacks() as callbacks:
        services.info_request_answer(request=asked, user=librarian, answer="ORCID нұсқаулығы жіберілді")

    asked.refresh_from_db()
    assert asked.status == InfoRequestStatus.ANSWERED
    assert asked.held_on == TODAY
    notice = OverdueNotice.objects.get(reader=reader_profile, kind=NoticeKind.INFO_ANSWER)
    assert "ORCID нұсқаулығы жіберілді" in notice.body
    assert len(callbacks) == 1  # the e-mail is sent by a task once the answer is committed
    with pytest.raises(CirculationError):
        services.info_request_refuse(request=asked, user=librarian, reason="кеш")


@freeze_time("2026-10-05 09:00")
def test_head_asks_for_the_department(department_head):
    asked = services.info_request_submit(user=department_head, kind=InfoServiceKind.TRAINING, topic="Scopus",
                                         audience="ПИ-23-1", participants_expected=20)
    assert asked.department_id == department_head.academic_department_id
    assert asked.reader is None


@freeze_time("2026-10-05 09:00")
def test_librarian_without_reader_profile_cannot_ask_and_reader_cannot_answer(librarian, reader_profile):
    with pytest.raises(CirculationError):
        services.info_request_submit(user=librarian, kind=InfoServiceKind.CONSULTATION, topic="?")
    asked = services.info_request_submit(user=reader_profile.user, kind=InfoServiceKind.CONSULTATION, topic="?")
    with pytest.raises(CirculationError):
        services.info_request_answer(request=asked, user=reader_profile.user, answer="өзім")


# --- Pages and who may open them --------------------------------------------------------------------------------


def test_anonymous_sees_published_exhibitions_only(client):
    shown = Exhibition.objects.create(slug="shown", title_kk="Көрсетілген", date_from=timezone.localdate(),
                                      date_to=timezone.localdate(), status=ExhibitionStatus.PUBLISHED,
                                      kind=ExhibitionKind.VIRTUAL)
    record = make_record(title="Жер қойнауы")
    ExhibitionRecord.objects.create(exhibition=shown, record=record, position=1, caption="Бірінші кітап")
    Exhibition.objects.create(slug="draft", title_kk="Жоба", date_from=timezone.localdate(),
                              date_to=timezone.localdate())

    listing = client.get(reverse("exhibitions:list")).content.decode()
    assert "Көрсетілген" in listing
    assert "Жоба" not in listing
    page = client.get("/exhibitions/shown/").content.decode()
    assert "Жер қойнауы" in page
    assert "Бірінші кітап" in page
    assert client.get("/exhibitions/draft/").status_code == 404


def test_librarian_previews_a_draft_exhibition(client_for, librarian):
    Exhibition.objects.create(slug="draft", title_kk="Жоба", date_from=timezone.localdate(),
                              date_to=timezone.localdate())
    assert client_for(librarian).get("/exhibitions/draft/").status_code == 200


@pytest.mark.parametrize(("persona", "new_request", "lists", "plan"), [
    ("department_head", 200, 200, 200),
    ("librarian", 403, 200, 200),
    ("analytics_librarian", 403, 200, 200),
    ("reader", 403, 403, 200),
    ("director", 403, 403, 403),
    ("cataloguer", 403, 403, 403),
])
def test_outreach_pages_per_role(request, client_for, persona, new_request, lists, plan):
    client = client_for(request.getfixturevalue(persona))
    for name in ("circulation:exhibition_request_new", "circulation:class_booking_new"):
        assert client.get(reverse(name)).status_code == new_request, name
    for name in ("circulation:exhibition_requests", "circulation:class_bookings"):
        assert client.get(reverse(name)).status_code == lists, name
    assert client.get(reverse("circulation:literacy_plan")).status_code == plan


def test_anonymous_is_sent_to_sign_in_from_request_pages(client):
    for name in ("circulation:exhibition_request_new", "circulation:info_request_new",
                 "circulation:class_bookings"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@freeze_time("2026-10-05 09:00")
def test_head_sees_only_their_departments_requests(client_for, department_head, other_department_head):
    mine = exhibition_request(department_head)
    theirs = exhibition_request(other_department_head, topic="Геофизика")
    client = client_for(department_head)
    assert client.get(reverse("circulation:exhibition_request", args=[mine.pk])).status_code == 200
    assert client.get(reverse("circulation:exhibition_request", args=[theirs.pk])).status_code == 404
    listing = client.get(reverse("circulation:exhibition_requests")).content.decode()
    assert "Сәтбаев" in listing
    assert "Геофизика" not in listing


@freeze_time("2026-10-05 09:00")
def test_head_submits_the_exhibition_form_and_follows_its_status(client_for, department_head, librarian):
    client = client_for(department_head)
    response = client.post(reverse("circulation:exhibition_request_new"), {
        "topic": "Ашық ғылым", "kind": ExhibitionKind.VIRTUAL, "date_from": "2026-10-10", "date_to": "2026-10-01"})
    assert response.status_code == 200
    assert not ExhibitionRequest.objects.exists()
    response = client.post(reverse("circulation:exhibition_request_new"), {
        "topic": "Ашық ғылым", "kind": ExhibitionKind.VIRTUAL, "date_from": "2026-10-10", "date_to": "2026-10-31"})
    created = ExhibitionRequest.objects.get()
    assert response["Location"] == reverse("circulation:exhibition_request", args=[created.pk])
    assert client.post(reverse("circulation:exhibition_request_decide", args=[created.pk, "accept"])).status_code \
        == 403

    librarians = client_for(librarian)
    librarians.post(reverse("circulation:exhibition_request_decide", args=[created.pk, "refuse"]),
                    {"reason": "Тақырып жоспарда жоқ"})
    page = client_for(department_head).get(reverse("circulation:exhibition_request", args=[created.pk]))
    assert "Тақырып жоспарда жоқ" in page.content.decode()


@freeze_time("2026-10-05 09:00")
def test_reader_sees_only_their_own_info_requests(client_for, reader_profile, department_head):
    other = make_reader()
    theirs = services.info_request_submit(user=other.user, kind=InfoServiceKind.CONSULTATION, topic="Бөтен")
    client = client_for(reader_profile.user)
    client.post(reverse("circulation:info_request_new"), {"kind": InfoServiceKind.CONSULTATION, "topic": "Менікі"})
    mine = InfoServiceRequest.objects.get(topic="Менікі")
    assert client.get(reverse("circulation:info_request", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("circulation:info_request", args=[mine.pk])).status_code == 200
    assert client.post(reverse("circulation:info_request_decide", args=[mine.pk, "answer"]),
                       {"answer": "өзім"}).status_code == 403


@freeze_time("2026-10-05 09:00")
def test_librarian_answers_from_the_queue_and_the_reader_reads_it(client_for, reader_profile, analytics_librarian):
    asked = services.info_request_submit(user=reader_profile.user, kind=InfoServiceKind.BIBLIOGRAPHY,
                                         topic="Машиналық оқыту")
    client = client_for(analytics_librarian)
    assert "Машиналық оқыту" in client.get(reverse("circulation:info_requests")).content.decode()
    client.post(reverse("circulation:info_request_decide", args=[asked.pk, "answer"]), {"answer": "18 кітап"})
    page = client_for(reader_profile.user).get(reverse("circulation:info_request", args=[asked.pk]))
    assert "18 кітап" in page.content.decode()


@freeze_time("2026-10-05 09:00")
def test_librarian_confirms_a_booking_and_records_attendance_on_the_pages(client_for, department_head, department,
                                                                          librarian):
    make_reader(department=department, study_group="ПИ-23-1")
    booked = booking(department_head)
    client = client_for(librarian)
    client.post(reverse("circulation:class_booking_decide", args=[booked.pk, "confirm"]),
                {"held_on": "2026-10-05", "place": "Оқу залы"})
    booked.refresh_from_db()
    participant = booked.event.participants.get()
    response = client.post(reverse("circulation:event_attendance", args=[booked.event.pk]),
                           {"attended": [str(participant.pk)], "extra_names": "Ким О."})
    assert response.status_code == 302
    assert booked.event.participants.filter(attended=True).count() == 2
    assert client_for(department_head).get(reverse("circulation:event_attendance", args=[booked.event.pk])) \
        .status_code == 403


def test_merging_records_moves_exhibition_entries_keeping_one_per_exhibition(analytics_librarian):
    from cataloguing.merging import uncovered_links
    from cataloguing.services import record_merge

    keep, duplicate = make_record(title="Геология"), make_record(title="Геология ")
    both = Exhibition.objects.create(slug="both", title_kk="Екеуі", date_from=TODAY, date_to=TODAY)
    only = Exhibition.objects.create(slug="only", title_kk="Біреуі", date_from=TODAY, date_to=TODAY)
    kept_entry = ExhibitionRecord.objects.create(exhibition=both, record=keep, caption="сақталады")
    ExhibitionRecord.objects.create(exhibition=both, record=duplicate, caption="кетеді")
    moved = ExhibitionRecord.objects.create(exhibition=only, record=duplicate)
    assert uncovered_links(duplicate) == []

    record_merge(keep=keep, duplicate=duplicate, user=analytics_librarian)

    assert list(both.entries.all()) == [kept_entry]
    moved.refresh_from_db()
    assert moved.record == keep


@freeze_time("2026-10-05 09:00")
def test_requester_prints_their_request_and_no_one_elses(client_for, department_head, other_department_head,
                                                         reader_profile, librarian):
    mine = exhibition_request(department_head)
    response = client_for(department_head).get(reverse("circulation:exhibition_request_pdf", args=[mine.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client_for(other_department_head).get(
        reverse("circulation:exhibition_request_pdf", args=[mine.pk])).status_code == 404
    asked = services.info_request_submit(user=reader_profile.user, kind=InfoServiceKind.CONSULTATION, topic="ORCID")
    services.info_request_answer(request=asked, user=librarian, answer="Нұсқаулық")
    assert client_for(reader_profile.user).get(
        reverse("circulation:info_request_pdf", args=[asked.pk])).content.startswith(b"%PDF")
    assert client_for(make_reader().user).get(
        reverse("circulation:info_request_pdf", args=[asked.pk])).status_code == 404


def test_exhibition_page_in_russian_falls_back_to_kazakh_with_a_notice(client):
    today = timezone.localdate()
    Exhibition.objects.create(slug="both", title_kk="Жаңа кітаптар", title_ru="Новые книги", date_from=today,
                              date_to=today, status=ExhibitionStatus.PUBLISHED)
    Exhibition.objects.create(slug="kk-only", title_kk="Тек қазақша", date_from=today, date_to=today,
                              status=ExhibitionStatus.PUBLISHED)
    translated = client.get("/exhibitions/both/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Новые книги" in translated
    assert 'class="translation-missing"' not in translated
    fallback = client.get("/exhibitions/kk-only/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Тек қазақша" in fallback
    assert 'class="translation-missing"' in fallback


def test_publishing_in_the_admin_goes_through_the_service(client_for, analytics_librarian):
    client = client_for(analytics_librarian)
    today = timezone.localdate().isoformat()
    response = client.post(reverse("admin:circulation_exhibition_add"), {
        "title_kk": "Жер туралы", "slug": "jer-turaly", "kind": ExhibitionKind.VIRTUAL,
        "status": ExhibitionStatus.PUBLISHED, "date_from": today, "date_to": today, "place": "",
        "description_kk": "Мәтін", "entries-TOTAL_FORMS": "1", "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0", "entries-MAX_NUM_FORMS": "1000", "entries-0-position": "1",
        "entries-0-record": str(make_record(title="Жер").pk), "entries-0-caption": "Бірінші"})
    assert response.status_code == 302, response.content.decode()[:2000]
    exhibition = Exhibition.objects.get()
    assert exhibition.published_at is not None
    assert exhibition.created_by == analytics_librarian
    assert exhibition.entries.get().caption == "Бірінші"

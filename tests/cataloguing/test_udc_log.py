"""UDC log 607-29: authors ask for an index on the site and see the answer; classifiers answer in the admin."""

from __future__ import annotations

import pytest

from cataloguing import services
from cataloguing.constants import UdcRequestStatus, WorkType
from cataloguing.exceptions import UdcRequestError
from cataloguing.models import UdcRequest

pytestmark = pytest.mark.django_db


def test_reader_submits_a_request_from_the_page(client, reader):
    client.force_login(reader)
    assert client.get("/cataloguing/udc/").status_code == 200
    response = client.post("/cataloguing/udc/", {
        "authors": "Қасымова Ә.Н., Сәтбаев Қ.И.", "department": "Геофизика кафедрасы, доцент",
        "work_type": WorkType.ARTICLE, "title": "Сейсмикалық қауіпті бағалау", "annotation": "сейсмология",
    })
    assert response.status_code == 302
    request = UdcRequest.objects.get()
    assert request.requester == reader
    assert request.number == 1
    assert request.status == UdcRequestStatus.NEW


def test_author_sees_the_assigned_index_and_others_do_not(client, reader, cataloguer, department_head):
    request = services.udc_request_submit(requester=reader, authors="Қасымова Ә.Н.", work_type=WorkType.MONOGRAPH,
                                          title="Жер сілкінісі")
    services.udc_request_answer(request=request, classifier=cataloguer, udc_index="550.34(574)")
    client.force_login(reader)
    page = client.get("/cataloguing/udc/").content.decode()
    assert "550.34(574)" in page
    other = services.udc_request_submit(requester=department_head, authors="Басқа автор",
                                        work_type=WorkType.ARTICLE, title="Бөгде жұмыс")
    assert other.title not in client.get("/cataloguing/udc/").content.decode()


def test_people_without_the_reader_role_cannot_submit(client, director):
    client.force_login(director)
    assert client.get("/cataloguing/udc/").status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/cataloguing/udc/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_answer_needs_a_valid_udc_index(reader, cataloguer):
    request = services.udc_request_submit(requester=reader, authors="Автор", work_type=WorkType.ARTICLE, title="Т")
    with pytest.raises(UdcRequestError):
        services.udc_request_answer(request=request, classifier=cataloguer, udc_index="abc")


def test_classifier_answers_in_the_admin(client, reader, cataloguer):
    request = services.udc_request_submit(requester=reader, authors="Автор", work_type=WorkType.DISSERTATION,
                                          title="Т")
    client.force_login(cataloguer)
    response = client.post(f"/admin/cataloguing/udcrequest/{request.pk}/change/", {
        "status": UdcRequestStatus.ANSWERED, "udc_index": "004.85", "bbk_index": "", "author_sign": "",
        "delivery_method": "online", "answer_note": "",
    })
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.udc_index == "004.85"
    assert request.classifier == cataloguer
    assert request.answered_at is not None


def test_rejection_needs_a_reason_that_the_author_sees(client, reader, cataloguer):
    request = services.udc_request_submit(requester=reader, authors="Автор", work_type=WorkType.OTHER,
                                          title="Жарнамалық парақша")
    with pytest.raises(UdcRequestError):
        services.udc_request_reject(request=request, classifier=cataloguer, note=" ")
    services.udc_request_reject(request=request, classifier=cataloguer, note="Бұл ғылыми жарияланым емес.")
    client.force_login(reader)
    assert "Бұл ғылыми жарияланым емес." in client.get("/cataloguing/udc/").content.decode()

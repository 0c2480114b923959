from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from genk.accounts.models import User
from volunteers.buddies import workflow
from volunteers.buddies.models import Buddy, Learner, Meeting, Pair

from .factories import BuddyFactory, LearnerFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("buddies:index")


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def many_learners(programme, count, start=0):
    users = User.objects.bulk_create(
        [User(email=f"leerder{start + i}@example.be", display_name=f"Leerder {start + i}") for i in range(count)]
    )
    Learner.objects.bulk_create(
        [
            Learner(opportunity=programme, user=u, level="A1", availability=["tue_pm", "wed_am"], languages=["ar"])
            for u in users
        ]
    )
    buddies = User.objects.bulk_create(
        [User(email=f"maatje{start + i}@example.be", display_name=f"Maatje {start + i}") for i in range(count)]
    )
    Buddy.objects.bulk_create(
        [Buddy(opportunity=programme, user=u, availability=["tue_pm"], languages=["nl", "ar"]) for u in buddies]
    )


def test_index_lists_programmes_and_register_needs_login(client, programme, learner_user):
    page = client.get(INDEX)
    assert programme.title in page.text
    url = reverse("buddies:register_learner", args=[programme.pk])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response.url


def test_register_as_learner_with_bad_and_good_input(client, programme, learner_user):
    client.force_login(learner_user)
    url = reverse("buddies:register_learner", args=[programme.pk])
    response = client.post(url, {"interests": "koken", "contact_preference": "email"})
    assert response.status_code == 200
    assert "Er is iets niet in orde" in response.text
    assert "koken" in response.text  # nothing typed is lost
    assert not Learner.objects.exists()
    response = client.post(
        url,
        {"level": "A1", "availability": ["tue_pm", "sat_am"], "languages": ["ar"], "contact_preference": "email"},
    )
    assert response.status_code == 302
    learner = Learner.objects.get(user=learner_user)
    assert learner.level == "A1" and learner.availability == ["tue_pm", "sat_am"]
    assert "ingeschreven om Nederlands te oefenen" in client.get(INDEX).text


def test_register_as_buddy(client, programme, buddy_user):
    client.force_login(buddy_user)
    url = reverse("buddies:register_buddy", args=[programme.pk])
    assert "Niveau" not in client.get(url).text
    response = client.post(url, {"availability": ["tue_pm"], "languages": ["nl"], "contact_preference": "email"})
    assert response.status_code == 302
    assert Buddy.objects.filter(user=buddy_user, opportunity=programme).exists()


def test_matching_page_proposes_and_is_closed_to_others(
    client, programme, learner, buddy, coordinator, other_coordinator, buddy_user
):
    url = reverse("buddies_staff:matching", args=[programme.pk])
    client.force_login(other_coordinator)
    response = client.get(url)
    assert response.status_code == 403
    assert "coördinatoren van dit taalmaatjesprogramma" in response.text
    client.force_login(coordinator)
    page = client.get(url).text
    assert "Amina Leerder" in page and "Jan Maatje" in page
    assert "1 moment samen" in page  # tue_pm is shared
    response = client.post(
        reverse("buddies_staff:propose", args=[programme.pk]), {"learner": learner.pk, "buddy": buddy.pk}
    )
    pair = Pair.objects.get()
    assert response.status_code == 302 and response.url == pair.get_absolute_url()
    page = client.get(url).text
    assert "Alle leerders hebben een koppel." in page
    # A second proposal for the same people is refused with a message, nothing saved.
    response = client.post(
        reverse("buddies_staff:propose", args=[programme.pk]), {"learner": learner.pk, "buddy": buddy.pk}, follow=True
    )
    assert "al een koppel" in response.text
    assert Pair.objects.count() == 1


def test_the_proposed_buddy_sees_the_level_a_stranger_sees_nothing(
    client, programme, learner, buddy, coordinator, buddy_user, resident
):
    pair = workflow.propose(learner, buddy, coordinator)
    client.force_login(resident)
    assert client.get(pair.get_absolute_url()).status_code == 404
    client.force_login(buddy_user)
    page = client.get(pair.get_absolute_url()).text
    assert "A2 – basis" in page and "dinsdag namiddag" in page
    assert "Ik aanvaard dit taalmaatje" in page


def test_accept_decline_log_and_approve_through_the_pages(
    client, programme, learner, buddy, coordinator, learner_user, buddy_user
):
    pair = workflow.propose(learner, buddy, coordinator)
    for user in (learner_user, buddy_user):
        client.force_login(user)
        response = client.post(reverse("buddies:pair_action", args=[pair.pk, "accept"]))
        assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE
    log = reverse("buddies:log_meeting", args=[pair.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(log, {"date": tomorrow.isoformat(), "minutes": "60", "note": "bus"})
    assert response.status_code == 400 and "na afloop" in response.text and "bus" in response.text
    response = client.post(log, {"date": timezone.localdate().isoformat(), "minutes": "999"})
    assert response.status_code == 400
    assert not Meeting.objects.exists()
    response = client.post(log, {"date": timezone.localdate().isoformat(), "minutes": "75", "note": "markt"})
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    client.force_login(coordinator)
    page = client.get(reverse("buddies_staff:matching", args=[programme.pk])).text
    assert "markt" in page
    client.post(reverse("buddies_staff:decide_meeting", args=[meeting.pk, "goedkeuren"]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPROVED
    client.force_login(buddy_user)
    response = client.post(reverse("buddies:pair_action", args=[pair.pk, "end"]), {"reason": ""}, follow=True)
    assert "Geef een reden" in response.text
    client.post(reverse("buddies:pair_action", args=[pair.pk, "end"]), {"reason": "Ik verhuis"})
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ENDED


def test_a_stranger_cannot_accept(client, programme, learner, buddy, coordinator, resident):
    pair = workflow.propose(learner, buddy, coordinator)
    client.force_login(resident)
    assert client.post(reverse("buddies:pair_action", args=[pair.pk, "accept"])).status_code == 404
    pair.refresh_from_db()
    assert pair.status == Pair.Status.PROPOSED


def test_matching_query_count_is_constant_10_and_2000_learners(client, programme, coordinator):
    client.force_login(coordinator)
    url = reverse("buddies_staff:matching", args=[programme.pk])
    many_learners(programme, 10)
    few = queries(client, url)
    many_learners(programme, 1990, start=10)
    assert Learner.objects.count() == 2000
    assert queries(client, url) == few
    assert queries(client, url + "?leerders=50&maatjes=3") == few


def test_pair_page_query_count_is_constant_with_meetings(client, programme, learner, buddy, coordinator, buddy_user):
    pair = workflow.propose(learner, buddy, coordinator)
    Pair.objects.filter(pk=pair.pk).update(status=Pair.Status.ACTIVE)
    client.force_login(buddy_user)
    few = queries(client, pair.get_absolute_url())
    Meeting.objects.bulk_create(
        [Meeting(pair=pair, date=timezone.localdate(), minutes=60, logged_by=buddy_user) for _ in range(50)]
    )
    assert queries(client, pair.get_absolute_url()) == few
    BuddyFactory.create_batch(3, opportunity=programme)
    LearnerFactory.create_batch(3, opportunity=programme)
    assert queries(client, INDEX) == queries(client, INDEX)


def test_withdraw_own_registration_but_not_with_an_open_pair(
    client, programme, learner, buddy, coordinator, learner_user
):
    client.force_login(learner_user)
    url = reverse("buddies:withdraw", args=[programme.pk])
    pair = workflow.propose(learner, buddy, coordinator)
    response = client.post(url, follow=True)
    assert "Je hebt nog een koppel" in response.text
    learner.refresh_from_db()
    assert learner.withdrawn_at is None
    workflow.decline(pair, learner_user, "Past niet")
    response = client.post(url, follow=True)
    assert "Je bent uitgeschreven" in response.text
    learner.refresh_from_db()
    assert learner.withdrawn_at and learner.availability == []
    client.force_login(coordinator)
    assert "Amina Leerder" not in client.get(reverse("buddies_staff:matching", args=[programme.pk])).text
    assert client.post(url).status_code == 404  # a coordinator has no registration of their own here


def test_the_programmes_page_lists_what_the_person_coordinates(
    client, programme, coordinator, other_coordinator, resident
):
    url = reverse("buddies_staff:programmes")
    client.force_login(coordinator)
    assert programme.title in client.get(url).text
    client.force_login(other_coordinator)
    page = client.get(url)
    assert page.status_code == 200 and programme.title not in page.text
    client.force_login(resident)
    response = client.get(url)
    assert response.status_code == 403 and "coördinatoren van dit taalmaatjesprogramma" in response.text


def test_propose_by_numbers_and_accepted_volunteers_are_listed(client, programme, learner, coordinator, buddy_user):
    from tests.volunteers.factories import ShiftFactory
    from volunteers.models import SignUp

    # A buddy with no moment in common: no hint, but the coordinator proposes by number.
    other = BuddyFactory(opportunity=programme, availability=["sun_ev"], user=buddy_user)
    shift = ShiftFactory(opportunity=programme)
    volunteer = BuddyFactory.build().user
    volunteer.save()
    SignUp.objects.create(shift=shift, volunteer=volunteer, status=SignUp.Status.ACCEPTED)
    SignUp.objects.create(shift=shift, volunteer=buddy_user, status=SignUp.Status.ACCEPTED)  # registered already
    client.force_login(coordinator)
    url = reverse("buddies_staff:matching", args=[programme.pk])
    page = client.get(url).text
    assert "Geen taalmaatje met een gemeenschappelijk moment." in page
    assert "Aanvaard voor deze vacature, nog geen taalmaatje" in page and volunteer.public_name in page
    propose = reverse("buddies_staff:propose", args=[programme.pk])
    response = client.post(propose, {"learner": learner.pk, "buddy": 999999}, follow=True)
    assert "Geen leerder of taalmaatje met dat nummer" in response.text
    assert not Pair.objects.exists()
    client.post(propose, {"learner": learner.pk, "buddy": other.pk})
    assert Pair.objects.get().buddy == other

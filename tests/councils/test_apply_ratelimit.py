"""Issue 16, item 5: sign-ups to councils are rate limited per person (each one emails the
council's chair and secretary)."""

from django.urls import reverse

from participation.councils.models import MembershipApplication


def test_applying_and_withdrawing_over_and_over_is_refused_after_a_few(client, council, resident, secretary):
    client.force_login(resident)
    url = reverse("councils:apply", kwargs={"slug": council.slug})
    # A new account (residence not verified by anyone): three a day.
    for n in range(3):
        response = client.post(url, {"motivation": f"Poging {n}", "represents": ""}, follow=True)
        assert "Je kandidatuur is ingediend." in response.content.decode()
        application = MembershipApplication.objects.get(user=resident, status=MembershipApplication.Status.SUBMITTED)
        client.post(reverse("councils:withdraw_application", kwargs={"pk": application.pk}))
    response = client.post(url, {"motivation": "Nog eens", "represents": ""}, follow=True)
    html = response.content.decode()
    assert "Je hebt dit al vaak gedaan" in html
    assert not MembershipApplication.objects.filter(
        user=resident, status=MembershipApplication.Status.SUBMITTED
    ).exists()
    assert MembershipApplication.objects.filter(user=resident).count() == 3  # three emails to the council, no more

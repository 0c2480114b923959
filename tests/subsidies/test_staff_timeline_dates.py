"""The staff timeline shows the dates of audit changes in Dutch, never as raw ISO values
(issue 16: "2026-12-06T01:07:49.584Z" in the timeline)."""

from django.urls import reverse

from genk.core import audit

from .factories import make_file


def test_audit_dates_and_moments_read_as_dutch(client, scheme, civil_servant, applicant):
    file = make_file("submitted", scheme=scheme, applicant=applicant, handler=civil_servant)
    audit.record(
        civil_servant,
        "subsidies.file.request_info",
        file,
        before={"info_due": None, "info_requested_at": None},
        after={"info_due": "2026-12-16", "info_requested_at": "2026-12-06T01:07:49.584Z"},
    )
    client.force_login(civil_servant)
    html = client.get(reverse("subsidies_staff:file", kwargs={"reference": file.reference})).content.decode()
    assert "2026-12-06T01:07:49.584Z" not in html
    assert "2026-12-16" not in html
    assert "6 december 2026 om 02:07" in html  # Brussels time
    assert "16 december 2026" in html

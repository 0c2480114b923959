"""The submit button says what is missing before the click (issue 16, "a new user's first hour"):
the same checks as the submit transition, beside the button, which stays off until then."""

import re

from .applicant_pages import url
from .factories import SubsidyFileFactory, make_group


def _button(html) -> str:
    return re.search(r"<button[^>]*>\s*Dien je aanvraag in\s*</button>", html).group(0)


def test_an_incomplete_group_sees_what_is_missing_beside_the_button(client, scheme, applicant):
    scheme.min_group_size = 3
    scheme.save()
    file = SubsidyFileFactory(scheme=scheme, applicant=applicant)
    client.force_login(applicant)
    html = client.get(url("file", file)).content.decode()
    action = url("submit", file)
    form = re.search(rf'<form method="post" action="{action}">.*?</form>', html, re.S).group(0)
    assert "Dit ontbreekt nog voor je kunt indienen:" in form
    assert "Dit reglement vraagt minstens 3 aanvragers; jullie zijn met 1." in form
    assert "disabled" in _button(form)
    # The group page says it too, beside "Verder: nakijken en indienen".
    html = client.get(url("co_applicants", file)).content.decode()
    assert "Dit reglement vraagt minstens 3 aanvragers; jullie zijn met 1." in html

    make_group(file, size=3)
    html = client.get(url("file", file)).content.decode()
    assert "Dit ontbreekt nog" not in html
    assert "disabled" not in _button(html)

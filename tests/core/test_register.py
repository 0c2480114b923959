"""One register of address in Dutch: "je", never "u", "uw" or "alstublieft" — in our own strings and
in what Django and django-allauth show in Dutch (overridden in locale/nl)."""

import glob
import re
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.utils import translation

FORMAL = re.compile(r"\b(u|uw|uzelf|alstublieft|gelieve)\b|\ba\.u\.b\.", re.IGNORECASE)
SITE = Path(django.__file__).resolve().parent.parent  # site-packages
# The Django admin is for administrators (English-speaking tools): not checked.
THIRD_PARTY = [
    "django/conf/locale/nl/LC_MESSAGES/django.po",
    *[
        p
        for p in glob.glob("django/contrib/*/locale/nl/LC_MESSAGES/django.po", root_dir=SITE)
        if "/admin" not in p and "/gis/" not in p
    ],
    "allauth/locale/nl/LC_MESSAGES/django.po",
]


def _formal(text: str) -> bool:
    return bool(FORMAL.search(text or ""))


def test_the_check_catches_the_formal_register():
    assert _formal("Voer alstublieft een code in") and _formal("Uw wachtwoord") and _formal("Kies a.u.b. een andere")
    assert not _formal("Je wachtwoord") and not _formal("Bouwen aan uitbreiding")


@pytest.mark.parametrize("path", THIRD_PARTY)
def test_what_django_and_allauth_show_in_dutch_says_je(path):
    catalogue = polib.pofile(str(SITE / path))
    formal = []
    with translation.override("nl"):
        for entry in catalogue:
            if entry.msgid_plural:
                shown = [translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            elif entry.msgctxt:
                shown = [translation.pgettext(entry.msgctxt, entry.msgid)]
            else:
                shown = [translation.gettext(entry.msgid)]
            if any(_formal(text) for text in shown):
                formal.append(shown[0])
    assert formal == [], f"{len(formal)} formal Dutch texts: {formal[:5]}"


def test_our_own_dutch_strings_say_je():
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    formal = [e.msgid for e in catalogue if _formal(e.msgid) or _formal(e.msgid_plural)]
    assert formal == [], f"{len(formal)} of our Dutch strings say u/uw: {formal[:5]}"

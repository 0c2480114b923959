"""The English and French catalogues are complete for every Dutch source string."""

from pathlib import Path

import polib
import pytest
from django.conf import settings


@pytest.mark.parametrize("language", ["en", "fr"])
def test_catalogue_is_complete(language):
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert len(catalogue.translated_entries()) > 200
    assert untranslated == [], f"{len(untranslated)} untranslated in {language}: {untranslated[:10]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:10]}"


def test_catalogues_cover_every_source_string(tmp_path):
    """Extract the strings again (in a copy of the tree, so the committed catalogues are
    untouched) and check that merging them adds no untranslated entry."""
    import os
    import shutil
    import subprocess
    import sys

    if not shutil.which("xgettext"):
        pytest.fail("gettext (xgettext) is needed: apt-get install gettext")
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    shutil.copytree(
        base,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "__pycache__", "*.mo", "tests", "bench"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "en", "--locale", "fr", "--no-obsolete"],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "genk.settings"},
        check=True,
        capture_output=True,
    )
    for language in ("en", "fr"):
        merged = polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        missing = [e.msgid for e in merged.untranslated_entries()] + [e.msgid for e in merged.fuzzy_entries()]
        assert missing == [], f"{len(missing)} strings without a {language} translation: {missing[:10]}"

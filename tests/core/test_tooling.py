"""The developer tooling says what it does: every make target is listed by `make help`."""

import re
import subprocess
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_make_help_lists_every_target():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    assert {"demo", "test", "fmt", "help", "bench", "lint"} <= targets
    shown = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    listed = set(re.findall(r"^make (\S+)", shown, flags=re.MULTILINE))
    assert listed == targets


def test_fast_tests_run_before_the_browser_tests(pytestconfig):
    from tests.conftest import pytest_collection_modifyitems

    class Item:
        def __init__(self, name, marker=None):
            self.name, self.marker = name, marker

        def get_closest_marker(self, name):
            return self.marker if self.marker == name else None

    items = [Item("a", "browser"), Item("b"), Item("c", "celery_worker"), Item("d")]
    pytest_collection_modifyitems(pytestconfig, items)
    assert [i.name for i in items] == ["b", "d", "a", "c"]

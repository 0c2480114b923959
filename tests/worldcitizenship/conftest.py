import pytest

from worldcitizenship.services import load_sdgs


@pytest.fixture
def sdgs(db):
    """The 17 goals and 169 targets, loaded from the project's data files."""
    load_sdgs()

import pytest

from neighbourhoods.services import load_example_districts, load_neighbourhoods


@pytest.fixture
def wijken(db):
    """Genk's 31 wijken from the project's data file, grouped in the 8 example districts."""
    load_neighbourhoods()
    load_example_districts()

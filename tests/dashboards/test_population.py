from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from neighbourhoods.dashboards.models import PopulationFigure
from neighbourhoods.models import Neighbourhood

pytestmark = pytest.mark.django_db

# Statbel's layout (pipe-separated), with a sector of another municipality that is skipped.
STATBEL = """CD_REFNIS|TX_DESCR_NL|CD_SECTOR|TX_SECTOR_DESCR_NL|MS_POPULATION
71016|Genk|71016A001|Genk-Centrum|1200
71016|Genk|71016A010|Molenblook|800
71016|Genk|71016A02K|D' Ierd-Zonneweelde|300
71016|Genk|71016A02L|Vlakveld Tuinwijk|450
71016|Genk|71016ZZZZ|Niet te lokaliseren|12
71004|As|71004A00-|As-Centrum|5000
"""


def _write(tmp_path, text, name="statbel.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_sums_sectors_per_wijk_and_updates_the_wijk(wijken, tmp_path):
    call_command("import_population", _write(tmp_path, STATBEL), "--reference-date", "2025-01-01")
    vlakveld = Neighbourhood.objects.get(code="71016W25")
    assert (vlakveld.population, vlakveld.population_year) == (750, 2025)
    assert Neighbourhood.objects.get(code="71016W06").population == 1200
    figure = PopulationFigure.objects.get(neighbourhood=vlakveld)
    assert figure.source.startswith("Statbel") and not figure.estimated


def test_unknown_sectors_import_nothing_and_are_named(wijken, tmp_path):
    text = STATBEL + "71016|Genk|71016X999|Verzonnen sector|10\n"
    with pytest.raises(CommandError) as error:
        call_command("import_population", _write(tmp_path, text), "--reference-date", "2025-01-01")
    assert "71016X999" in str(error.value) and "rij 8" in str(error.value)
    assert not PopulationFigure.objects.exists()
    assert Neighbourhood.objects.filter(population__isnull=False).count() == 0


def test_unknown_columns_import_nothing(wijken, tmp_path):
    text = STATBEL.replace("MS_POPULATION", "POPULATION")
    with pytest.raises(CommandError) as error:
        call_command("import_population", _write(tmp_path, text), "--reference-date", "2025-01-01")
    assert "MS_POPULATION" in str(error.value)
    assert not PopulationFigure.objects.exists()


def test_columns_are_configurable(wijken, tmp_path):
    text = STATBEL.replace("MS_POPULATION", "POP").replace("CD_SECTOR", "SECTOR").replace("|", ";")
    call_command(
        "import_population",
        _write(tmp_path, text, "renamed.csv"),
        "--reference-date",
        "2024-01-01",
        "--population-column",
        "POP",
        "--sector-column",
        "SECTOR",
        "--estimated",
    )
    figure = PopulationFigure.objects.get(neighbourhood__code="71016W15")
    assert figure.population == 800 and figure.estimated


def test_an_older_figure_does_not_replace_the_newest(wijken, tmp_path):
    call_command("import_population", _write(tmp_path, STATBEL), "--reference-date", "2025-01-01")
    older = STATBEL.replace("|1200", "|1100")
    call_command("import_population", _write(tmp_path, older), "--reference-date", "2024-01-01")
    assert Neighbourhood.objects.get(code="71016W06").population == 1200


@pytest.mark.parametrize(
    "persona, allowed",
    [("resident", False), ("team_member", False), ("team_member_elsewhere", False), ("director", True),
     ("department_head", True), ("other_department_head", False), ("admin_user", True)],
)  # fmt: skip
def test_manual_entry(client, request, persona, allowed, wijk):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("dashboards_staff:population_edit", args=[wijk.slug])
    response = client.post(url, {"population": "3100", "reference_date": "2025-01-01", "source": "Eigen telling"})
    if not allowed:
        assert response.status_code == 403
        assert not PopulationFigure.objects.exists()
        return
    assert response.status_code == 302
    wijk.refresh_from_db()
    assert wijk.population == 3100 and wijk.population_year == 2025


def test_manual_entry_in_the_future_is_refused_with_the_input_kept(client, director, wijk):
    client.force_login(director)
    url = reverse("dashboards_staff:population_edit", args=[wijk.slug])
    response = client.post(url, {"population": "3100", "reference_date": "2999-01-01", "source": "Eigen telling"})
    page = response.content.decode()
    assert response.status_code == 200 and "De peildatum ligt in de toekomst" in page and 'value="3100"' in page
    assert date.today().year < 2999 and not PopulationFigure.objects.exists()

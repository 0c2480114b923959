"""Import Statbel's open data "population per statistical sector" and sum it per wijk.

Statbel publishes one file for Belgium (a text file, `|`-separated, or CSV), one row per
statistical sector, with the columns CD_REFNIS (the municipality's NIS code, Genk 71016),
CD_SECTOR (the sector code, e.g. 71016A001), TX_SECTOR_DESCR_NL (its Dutch name) and
MS_POPULATION (residents on 1 January). The column names can be changed (`Columns`) when a
later edition renames them. Rows of other municipalities are skipped; Genk's rows are summed
per wijk with the sector→wijk table in `neighbourhoods/data/genk_statistical_sectors_2025.csv`
(`neighbourhoods.services.read_sectors`). The sector "71016ZZZZ" (not localisable) belongs to
no wijk: counted, reported, not imported.

All or nothing: a missing column, an unknown Genk sector or a population that is not a whole
number stops the import before anything is written, and the error names the rows.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from neighbourhoods.models import Neighbourhood
from neighbourhoods.services import read_sectors

from . import services

GENK = "71016"
NOT_LOCALISABLE = "ZZZZ"
SOURCE = "Statbel, bevolking per statistische sector"


@dataclass(frozen=True)
class Columns:
    sector: str = "CD_SECTOR"
    name: str = "TX_SECTOR_DESCR_NL"
    population: str = "MS_POPULATION"
    municipality: str = "CD_REFNIS"


class ImportRefused(Exception):
    def __init__(self, message, rows=()):
        super().__init__(message)
        self.rows = list(rows)


@dataclass
class Result:
    per_wijk: dict[str, int] = field(default_factory=dict)  # wijk code -> residents
    sectors: int = 0
    not_localisable: int = 0


def _reader(text: str):
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters="|;,\t")
    except csv.Error:
        dialect = csv.excel
    return csv.DictReader(io.StringIO(text), dialect=dialect)


def parse(text: str, columns: Columns = Columns(), municipality: str = GENK) -> Result:
    """Sum the file's Genk rows per wijk code. Raises ImportRefused naming what is wrong."""
    reader = _reader(text.lstrip("\ufeff"))
    present = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in (columns.sector, columns.population, columns.municipality) if c not in present]
    if missing:
        raise ImportRefused(
            _("Kolommen niet gevonden: %(missing)s. Het bestand heeft: %(present)s.")
            % {"missing": ", ".join(missing), "present": ", ".join(present) or "—"}
        )
    wijk_of = {sector["code"]: code for code, sectors in read_sectors().items() for sector in sectors}
    result, unknown, bad = Result(), [], []
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        if row.get(columns.municipality) != municipality:
            continue
        sector = row.get(columns.sector, "")
        try:
            population = int(row.get(columns.population, "").replace(".", "").replace(" ", ""))
        except ValueError:
            bad.append(_("rij %(line)s (%(sector)s): geen aantal inwoners") % {"line": line, "sector": sector})
            continue
        if sector.endswith(NOT_LOCALISABLE):
            result.not_localisable += population
            continue
        wijk = wijk_of.get(sector)
        if wijk is None:
            name = row.get(columns.name, "")
            unknown.append(
                _("rij %(line)s: sector %(sector)s %(name)s") % {"line": line, "sector": sector, "name": name}
            )
            continue
        result.per_wijk[wijk] = result.per_wijk.get(wijk, 0) + population
        result.sectors += 1
    if unknown:
        raise ImportRefused(_("Onbekende statistische sectoren; er is niets ingelezen."), unknown)
    if bad:
        raise ImportRefused(_("Rijen zonder geldig aantal inwoners; er is niets ingelezen."), bad)
    if not result.per_wijk:
        raise ImportRefused(_("Het bestand heeft geen rijen voor gemeente %(code)s.") % {"code": municipality})
    return result


def import_population(text: str, reference_date: date, *, columns=Columns(), source=SOURCE, estimated=False, user=None):
    """Parse and store: one PopulationFigure per wijk, in one transaction."""
    result = parse(text, columns)
    wijken = {w.code: w for w in Neighbourhood.objects.filter(code__in=result.per_wijk)}
    missing = sorted(set(result.per_wijk) - set(wijken))
    if missing:
        raise ImportRefused(_("Wijken niet geladen: %(codes)s. Laad eerst de wijken.") % {"codes": ", ".join(missing)})
    with transaction.atomic():
        for code, population in result.per_wijk.items():
            services.record_population(
                wijken[code], population, reference_date, source=source, estimated=estimated, user=user
            )
    return result

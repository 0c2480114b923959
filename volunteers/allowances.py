"""Allowances to volunteers within Belgian volunteer law (wet van 3 juli 2005, art. 10).

An organisation records what it paid a volunteer per day, in one of two systems, the same for
that volunteer for the whole calendar year: flat-rate (no proof, within the legal caps) or the
actual costs (with proof, no cap). The caps on flat-rate allowances hold **across all
organisations on the portal**, per day and per calendar year; they are dated data
(`AllowanceCap`, one row per year and category).

Concurrency: every recording first takes the row of the volunteer's year (`lock_volunteer_year`:
inserted if missing with ON CONFLICT DO NOTHING, then `select_for_update`), sums the flat-rate
allowances of that day and year and writes, all in one transaction. Two organisations recording
for the same volunteer at the same moment queue on that lock, so together they cannot pass a
cap. The coordinator who is refused is told which cap would be exceeded, never what other
organisations paid.
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext

from genk.core import audit, formats
from genk.core.permissions import require
from genk.core.refusals import NotAllowed

from .models import Allowance, AllowanceCap, SignUp, VolunteerYear

A = Allowance.System
C = AllowanceCap.Category
ZERO = Decimal("0")


@dataclass(frozen=True)
class Caps:
    """The caps that hold for a year: the daily cap, the general yearly cap and the higher yearly
    cap (None when no higher row exists for that year)."""

    year: int
    per_day: Decimal
    per_year: Decimal
    per_year_higher: Decimal | None
    per_day_higher: Decimal | None = None


def caps_for(year: int) -> Caps | None:
    rows = {cap.category: cap for cap in AllowanceCap.objects.filter(year=year)}
    general = rows.get(C.GENERAL)
    if general is None:
        return None
    higher = rows.get(C.HIGHER)
    return Caps(
        year=year,
        per_day=general.per_day,
        per_year=general.per_year,
        per_year_higher=higher.per_year if higher else None,
        per_day_higher=(higher.per_day or general.per_day) if higher else None,
    )


def lock_volunteer_year(volunteer_id: int, year: int) -> VolunteerYear:
    """The volunteer's year row, created if missing (race-free) and locked until the transaction ends."""
    VolunteerYear.objects.bulk_create([VolunteerYear(volunteer_id=volunteer_id, year=year)], ignore_conflicts=True)
    return VolunteerYear.objects.select_for_update().get(volunteer_id=volunteer_id, year=year)


def flat_rate_totals(volunteer_id: int, day) -> dict:
    """The volunteer's flat-rate allowances across all organisations: on `day`, in its year, and
    the part of the year in the general category (one query)."""
    totals = Allowance.objects.filter(volunteer_id=volunteer_id, system=A.FLAT_RATE, day__year=day.year).aggregate(
        day=Sum("amount", filter=Q(day=day)),
        year=Sum("amount"),
        general=Sum("amount", filter=Q(category=C.GENERAL)),
        higher=Sum("amount", filter=Q(category=C.HIGHER)),
    )
    return {key: value or ZERO for key, value in totals.items()}


def worked_for(volunteer, organisation) -> bool:
    return SignUp.objects.filter(
        volunteer=volunteer,
        shift__opportunity__organisation=organisation,
        status__in=(SignUp.Status.ACCEPTED, SignUp.Status.ATTENDED),
    ).exists()


def volunteers_of(organisation):
    """The people an organisation may record allowances for: accepted for or attended one of its shifts."""
    from genk.accounts.models import User

    worked = SignUp.objects.filter(
        shift__opportunity__organisation=organisation, status__in=(SignUp.Status.ACCEPTED, SignUp.Status.ATTENDED)
    ).values("volunteer_id")
    return User.objects.filter(pk__in=worked)


def check_caps(volunteer_id: int, day, amount: Decimal, category: str) -> None:
    """Refuse a flat-rate allowance that would pass the day's or the year's cap (across all organisations)."""
    caps = caps_for(day.year)
    if caps is None:
        raise NotAllowed(
            gettext(
                "Voor %(year)s zijn de wettelijke maxima nog niet ingevoerd. Vraag een beheerder van het portaal om ze toe te voegen."
            )
            % {"year": day.year}
        )
    if category == C.HIGHER and caps.per_year_higher is None:
        raise NotAllowed(
            gettext(
                "Voor %(year)s is er nog geen verhoogd jaarmaximum ingevoerd. Kies de algemene categorie of vraag een beheerder om het toe te voegen."
            )
            % {"year": day.year}
        )
    totals = flat_rate_totals(volunteer_id, day)
    per_day = caps.per_day_higher if category == C.HIGHER else caps.per_day
    if totals["day"] + amount > per_day:
        raise NotAllowed(
            gettext(
                "Dit zou het wettelijke dagmaximum van %(cap)s overschrijden (alle organisaties samen). Kies een lager bedrag of vergoed de werkelijke kosten met bewijs."
            )
            % {"cap": formats.euro(per_day)}
        )
    general = totals["general"] + (amount if category == C.GENERAL else ZERO)
    everything = totals["year"] + amount
    higher_used = category == C.HIGHER or totals["higher"] > 0
    year_cap = caps.per_year_higher if higher_used else caps.per_year
    if general > caps.per_year or everything > year_cap:
        cap = caps.per_year if general > caps.per_year else year_cap
        raise NotAllowed(
            gettext(
                "Dit zou het wettelijke jaarmaximum van %(cap)s overschrijden (alle organisaties samen). Kies een lager bedrag of vergoed de werkelijke kosten met bewijs."
            )
            % {"cap": formats.euro(cap)}
        )


def record_allowance(
    organisation,
    user,
    *,
    volunteer,
    day,
    system: str,
    amount,
    category: str = C.GENERAL,
    proof: str = "",
    proof_file=None,
    note: str = "",
) -> Allowance:
    """Record what `organisation` paid `volunteer` for `day`; refused (nothing saved) over a cap,
    in a second system in the same year, twice for one day, or without proof for actual costs."""
    require(user, "volunteers.record_allowance", organisation)
    amount = Decimal(amount)
    proof = proof.strip()
    if amount <= 0:
        raise NotAllowed(gettext("Het bedrag moet groter zijn dan nul."))
    if day > timezone.localdate():
        raise NotAllowed(gettext("Een vergoeding boek je voor een dag die voorbij is of vandaag."))
    if system == A.ACTUAL_COSTS and not proof_file:
        raise NotAllowed(
            gettext("Werkelijke kosten vergoed je met een bewijs: voeg het bewijsstuk toe (PDF, JPEG of PNG).")
        )
    if system == A.FLAT_RATE:
        proof, proof_file = "", None  # a flat-rate allowance has no proof
    if system == A.ACTUAL_COSTS:
        category = C.GENERAL  # the categories matter only for the flat-rate caps
    if not worked_for(volunteer, organisation):
        raise NotAllowed(gettext("Deze persoon was nog niet ingeschreven voor een shift van je organisatie."))
    with transaction.atomic():
        lock_volunteer_year(volunteer.pk, day.year)
        other = (
            Allowance.objects.filter(volunteer=volunteer, organisation=organisation, day__year=day.year)
            .exclude(system=system)
            .first()
        )
        if other is not None:
            raise NotAllowed(
                gettext(
                    "%(name)s kreeg in %(year)s van je organisatie al een %(system)s. Eén vrijwilliger krijgt van één organisatie in één jaar maar één stelsel: kies dat stelsel."
                )
                % {"name": volunteer.public_name, "year": day.year, "system": other.get_system_display()}
            )
        if Allowance.objects.filter(volunteer=volunteer, organisation=organisation, day=day).exists():
            raise NotAllowed(gettext("Voor die dag heeft je organisatie deze vrijwilliger al een vergoeding gegeven."))
        if system == A.FLAT_RATE:
            check_caps(volunteer.pk, day, amount, category)
        allowance = Allowance.objects.create(
            volunteer=volunteer,
            organisation=organisation,
            day=day,
            system=system,
            category=category,
            amount=amount,
            proof=proof,
            proof_file=proof_file,
            proof_file_name=PurePath(proof_file.name).name[:200] if proof_file else "",
            note=note,
            recorded_by=user,
        )
        audit.record(
            user,
            "volunteers.allowance.record",
            allowance,
            after={"day": str(day), "system": system, "amount": str(amount), "category": category},
        )
    return allowance


def year_overview(volunteer, year: int) -> dict:
    """What "Mijn vrijwilligerswerk" shows: per organisation the flat-rate and actual-costs totals
    of the year, today's and the year's flat-rate totals, and the caps (three queries)."""
    rows = (
        Allowance.objects.filter(volunteer=volunteer, day__year=year)
        .values("organisation__name", "system")
        .annotate(total=Sum("amount"))
        .order_by("organisation__name", "system")
    )
    per_organisation = {}
    for row in rows:
        entry = per_organisation.setdefault(
            row["organisation__name"], {"name": row["organisation__name"], "flat_rate": ZERO, "actual_costs": ZERO}
        )
        entry[row["system"]] = row["total"]
    today = timezone.localdate()
    day = today if today.year == year else None
    totals = flat_rate_totals(volunteer.pk, day or today.replace(year=year))
    caps = caps_for(year)
    year_cap = None
    if caps:
        year_cap = caps.per_year_higher if totals["higher"] > 0 and caps.per_year_higher else caps.per_year
    return {
        "organisations": list(per_organisation.values()),
        "today": totals["day"] if day else None,
        "year_total": totals["year"],
        "caps": caps,
        "year_cap": year_cap,
        "year_left": max(year_cap - totals["year"], ZERO) if year_cap is not None else None,
    }

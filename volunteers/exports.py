"""The coordinators' export of one organisation's sign-ups and hours in a year, as CSV or XLSX."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SignUp


def signups_table(organisation, year: int) -> tuple[list[str], list[list]]:
    headers = [
        _("Vacature"),
        _("Begin"),
        _("Einde"),
        _("Vrijwilliger"),
        _("E-mailadres"),
        _("Status"),
        _("Uren"),
        _("Status van de uren"),
        _("Toestemming ouder of voogd"),
    ]
    rows = []
    signups = (
        SignUp.objects.filter(shift__opportunity__organisation=organisation, shift__start__year=year)
        .select_related("shift__opportunity", "volunteer", "hours")
        .order_by("shift__start", "pk")
    )
    for signup in signups:
        entry = signup.hour_entry
        rows.append(
            [
                signup.shift.opportunity.title,
                timezone.localtime(signup.shift.start).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(signup.shift.end).strftime("%Y-%m-%d %H:%M"),
                signup.volunteer.public_name,
                "" if signup.volunteer.erased_at else signup.volunteer.email,
                str(signup.get_status_display()),
                entry.hours if entry else None,
                str(entry.get_status_display()) if entry else "",
                signup.guardian_name,
            ]
        )
    return headers, rows


def allowances_table(organisation, year: int) -> tuple[list[str], list[list]]:
    """The organisation's allowances of a year: the named list per volunteer and day that the law
    asks an organisation paying flat-rate allowances to keep."""
    from .models import Allowance

    headers = [
        _("Dag"),
        _("Vrijwilliger"),
        _("Stelsel"),
        _("Categorie"),
        _("Bedrag (euro)"),
        _("Bewijsstuk"),
        _("Omschrijving"),
    ]
    rows = [
        [
            a.day.isoformat(),
            a.volunteer.public_name,
            str(a.get_system_display()),
            str(a.get_category_display()),
            a.amount,
            a.proof,
            a.note,
        ]
        for a in Allowance.objects.filter(organisation=organisation, day__year=year)
        .select_related("volunteer")
        .order_by("day", "pk")
    ]
    return headers, rows

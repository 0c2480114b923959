"""Demo data of the SDG overview and the solidarity directory (step 70, after the other apps):
local indicators for five goals, SDG tags on volunteer opportunities and budget projects (which
have no SDG field of their own), and three international-solidarity organisations. Domain apps
are reached through `apps.get_model`, never imported. Every figure is an example. Registered by
`demo.py` importing this module."""

from decimal import Decimal

from django.apps import apps
from django.utils import timezone

from genk.accounts.models import Organisation, OrganisationMembership
from genk.core import demo

from . import sdg_indicators, tagging
from .models import Goal
from .sdg_models import IndicatorValue, LocalIndicator, SolidarityProfile

EXAMPLE_SOURCE = "Stad Genk (voorbeeldcijfers voor de demo)"

# goal, name, unit, chart, target value, target year, first year, values (or a figure key)
INDICATORS = [
    (
        7,
        "Zonnestroom op gebouwen van de stad (voorbeeld)",
        "MWh",
        "bars",
        "900",
        2030,
        2019,
        ["310", "355", "420", "480", "530", "610", "655"],
    ),
    (
        13,
        "CO₂-uitstoot van de eigen werking van de stad (voorbeeld)",
        "ton CO₂",
        "line",
        "6500",
        2030,
        2019,
        ["11200", "10100", "10450", "9800", "9300", "8900", "8600"],
    ),
    (4, "Scholen met een SDG-project (voorbeeld)", "scholen", "bars", "25", 2030, 2021, ["6", "9", "12", "14", "17"]),
    (
        17,
        "Budget voor internationale solidariteit (voorbeeld)",
        "euro",
        "line",
        "50000",
        2030,
        2020,
        ["30000", "30000", "35000", "35000", "40000", "40000"],
    ),
]
COMPUTED = (11, "Gepubliceerde burgerinitiatieven", "initiatieven", "bars", "initiatives.published")

VOLUNTEER_THEMES = {"nature": [13, 15], "language": [4, 10], "care": [3], "world": [17, 12], "education": [4]}

ORGANISATIONS = [
    {
        "slug": "genk-kasai-voorbeeld",
        "countries": ["CD"],
        "description": (
            "Genk–Kasaï steunt sinds de jaren negentig gezondheidszorg in de Kasaï, samen met een partner in "
            "Tshikapa. In Genk vertellen ze het verhaal op scholen en op de Wereldmarkt."
        ),
        "projects": "Zonnepanelen voor de kraamkliniek van Tshikapa\nOpleiding van vroedvrouwen",
        "sdgs": [3, 7, 17],
    },
    {
        "slug": "waterputten-voor-tamale-voorbeeld",
        "countries": ["GH"],
        "description": (
            "Een groep Genkenaren die met ouderverenigingen in Tamale (Ghana) waterputten boort en schooltuinen "
            "aanlegt."
        ),
        "projects": "Een waterput voor de school van Kpalsi\nSchoolmoestuinen in Tamale",
        "sdgs": [2, 4, 6],
    },
    {
        "slug": "vrienden-van-cochabamba-voorbeeld",
        "name": "Vrienden van Cochabamba (voorbeeld)",
        "countries": ["BO", "PE"],
        "description": (
            "Genkse families met roots in Bolivia en Peru die kleinschalige koffieboeren ondersteunen en in Genk "
            "wereldburgerschap brengen met muziek en verhalen."
        ),
        "projects": "Een coöperatieve koffiebranderij in Cochabamba\nWereldlessen in Genkse basisscholen",
        "sdgs": [1, 8, 12],
        "representative": "organisation_rep",
    },
]


def _goals(numbers):
    return list(Goal.objects.filter(number__in=numbers))


def _indicators(stdout):
    year = timezone.localdate().year
    for position, (number, name, unit, chart, target, target_year, first, values) in enumerate(INDICATORS):
        indicator, _ = LocalIndicator.objects.update_or_create(
            goal=Goal.objects.get(number=number),
            name=name,
            defaults={
                "unit": unit,
                "chart": chart,
                "source": EXAMPLE_SOURCE,
                "target_value": Decimal(target),
                "target_year": target_year,
                "position": position,
            },
        )
        for offset, value in enumerate(values):
            if first + offset <= year:
                IndicatorValue.objects.update_or_create(
                    indicator=indicator, year=first + offset, defaults={"value": Decimal(value)}
                )
    number, name, unit, chart, key = COMPUTED
    indicator, _ = LocalIndicator.objects.update_or_create(
        goal=Goal.objects.get(number=number),
        name=name,
        defaults={"unit": unit, "chart": chart, "source": "Samen Genk", "figure_key": key},
    )
    sdg_indicators.refresh(indicator, first_year=year - 4)


def _tags():
    Opportunity = apps.get_model("volunteers", "Opportunity")
    tagged = 0
    for opportunity in Opportunity.objects.filter(status__in=("published", "closed")):
        numbers = sorted({n for theme in opportunity.themes for n in VOLUNTEER_THEMES.get(theme, [])})
        if numbers:
            tagging.set_tags(opportunity, numbers)
            tagged += 1
    Proposal = apps.get_model("budgets", "Proposal")
    for i, proposal in enumerate(Proposal.objects.order_by("pk")[:12]):
        tagging.set_tags(proposal, [11, 13] if i % 2 else [11, 15])
        tagged += 1
    return tagged


def _organisations(ctx):
    made = 0
    for spec in ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=spec["slug"]).first()
        if organisation is None:
            if "name" not in spec:
                continue  # made by the subsidies demo: absent when that app is not installed
            organisation = Organisation.objects.create(
                slug=spec["slug"], name=spec["name"], kind=Organisation.Kind.NORTH_SOUTH
            )
        profile, _ = SolidarityProfile.objects.update_or_create(
            organisation=organisation,
            defaults={"countries": spec["countries"], "description": spec["description"], "projects": spec["projects"]},
        )
        profile.sdgs.set(_goals(spec["sdgs"]))
        if spec.get("representative"):
            OrganisationMembership.objects.get_or_create(
                organisation=organisation,
                user=ctx["personas"][spec["representative"]]["user"],
                role=OrganisationMembership.Role.REPRESENTATIVE,
            )
        made += 1
    return made


@demo.step(order=70)
def sdg_overview(ctx):
    _indicators(ctx["stdout"])
    tagged = _tags()
    made = _organisations(ctx)
    ctx["stdout"].write(
        f"  worldcitizenship: {LocalIndicator.objects.count()} local SDG indicators, {tagged} items tagged, "
        f"{made} international-solidarity organisations; the officer manages them at /beheer/wereldburgerschap/sdg/"
    )

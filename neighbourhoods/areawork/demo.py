"""Demo area-based work: the demo wijkregisseur (the demo's `neighbourhood_director` persona,
whose login the demo prints) directs Oud-Winterslag and Winterslag 1; a published wijkplan for
Oud-Winterslag with actions in every state (linked to an activity and, when the demo has them,
to an initiative or budget project of the wijk), a draft plan for Winterslag 1, signals of several
themes and states in both, and the wijk's public contact. Idempotent (by title / description).
Runs after the other apps' steps so their published items can be linked."""

import datetime

from django.utils import timezone

from genk.accounts.models import Department
from genk.core import demo
from neighbourhoods.agenda.models import Activity
from neighbourhoods.models import Neighbourhood, Partner, TeamMembership

from . import services
from .models import Action, ActionLink, Plan, Priority, Signal

OUD_WINTERSLAG = "71016W24"
WINTERSLAG_1 = "71016W28"
A = Action.Status
S = Signal.Status

PRIORITIES = [
    (
        "Jongeren een plek en een stem geven (voorbeeld)",
        [
            (
                "Een jongerenraad voor de wijk opstarten",
                A.IN_PROGRESS,
                "member",
                60,
                "Twee gesprekken met jongeren gehad.",
            ),
            ("Het speelplein 's avonds verlichten", A.DONE, "department", -20, "Verlichting staat er sinds oktober."),
            ("Een voetbaltornooi in de zomer", A.PLANNED, "partner", 200, ""),
        ],
    ),
    (
        "Minder eenzaamheid bij oudere bewoners (voorbeeld)",
        [
            ("Wekelijkse koffietafel in het dienstencentrum", A.DONE, "member", -60, ""),
            ("Huisbezoeken met vrijwilligers", A.IN_PROGRESS, "partner", 90, "Acht vrijwilligers opgeleid."),
            ("Een buurtbus naar de markt", A.DROPPED, "department", 30, "Niet haalbaar: geen chauffeurs gevonden."),
        ],
    ),
]

SIGNALS = [
    (OUD_WINTERSLAG, Signal.Theme.YOUTH, 3, "Jongeren hangen 's avonds rond aan het speelplein; buren klagen over lawaai.", S.FOLLOWED_UP, "Straathoekwerk gaat in gesprek; overleg met de wijkagent."),
    (OUD_WINTERSLAG, Signal.Theme.CLEANLINESS, 10, "Zwerfvuil en sluikstort achter de garages van de Vennestraat (voorbeeld).", S.NEW, ""),
    (OUD_WINTERSLAG, Signal.Theme.LONELINESS, 25, "Meerdere oudere bewoners van de flats komen de hele winter weinig buiten.", S.FOLLOWED_UP, "Koffietafel en huisbezoeken in het wijkplan opgenomen."),
    (OUD_WINTERSLAG, Signal.Theme.HOUSING, 40, "Vochtproblemen in meerdere huurwoningen in dezelfde straat.", S.CLOSED, "Doorgegeven aan de huisvestingsmaatschappij; renovatie gepland."),
    (OUD_WINTERSLAG, Signal.Theme.MOBILITY, 70, "Ouders vinden de schoolomgeving onveilig door snel verkeer.", S.NEW, ""),
    (OUD_WINTERSLAG, Signal.Theme.SAFETY, 120, "Donkere doorsteek tussen de twee pleinen; mensen mijden die 's avonds.", S.CLOSED, "Extra verlichting geplaatst."),
    (WINTERSLAG_1, Signal.Theme.YOUTH, 5, "Te weinig aanbod voor tieners in de vakanties.", S.NEW, ""),
    (WINTERSLAG_1, Signal.Theme.POVERTY, 50, "Meer gezinnen vragen naar de voedselbedeling.", S.FOLLOWED_UP, "Samen met het OCMW een infomoment gepland."),
]  # fmt: skip


@demo.step(order=70)
def area_work(ctx):
    director = ctx["personas"]["neighbourhood_director"]["user"]
    oud_winterslag = Neighbourhood.objects.get(code=OUD_WINTERSLAG)
    winterslag = Neighbourhood.objects.get(code=WINTERSLAG_1)
    TeamMembership.objects.get_or_create(
        neighbourhood=winterslag,
        user=director,
        role=TeamMembership.Role.DIRECTOR,
        defaults={"public_email": "wijkregie.winterslag@genk.be", "public_phone": "089 65 44 00"},
    )
    if not oud_winterslag.contact_note:
        services.change_wijk_page(
            oud_winterslag,
            director,
            contact_email="wijkregie.winterslag@genk.be",
            contact_phone="089 65 44 00",
            contact_note="Spreekuur van het wijkteam op dinsdag van 14 tot 16 uur in het dienstencentrum (voorbeeld).",
        )
    year = timezone.localdate().year
    today = timezone.localdate()
    member = TeamMembership.objects.current().filter(neighbourhood=oud_winterslag, user=director).first()
    department = Department.objects.filter(slug="gebiedsgerichte-werking").first() or Department.objects.first()
    partner = Partner.objects.order_by("name").first()
    plan = services.plan_for(oud_winterslag, year, director)
    if not plan.introduction:
        Plan.objects.filter(pk=plan.pk).update(
            introduction="Dit wijkplan is een voorbeeld: zo ziet een wijkplan van Samen Genk eruit."
        )
    first_action = None
    for position, (title, actions) in enumerate(PRIORITIES, start=1):
        priority = plan.priorities.filter(title=title).first() or services.add_priority(
            plan, director, title=title, position=position
        )
        for what, status, owner, days, note in actions:
            action = priority.actions.filter(title=what).first()
            if action is None:
                action = Action(
                    priority=priority,
                    title=what,
                    deadline=today + datetime.timedelta(days=days),
                    progress_note=note,
                    owner_member=member if owner == "member" else None,
                    owner_department=department if owner == "department" else None,
                    owner_partner=partner if owner == "partner" else None,
                )
                services.save_action(action, director)
                _move_to(action, status, director)
            first_action = first_action or action
    activity = (
        Activity.objects.published().filter(neighbourhood=oud_winterslag).first()
        or Activity.objects.published().first()
    )
    if activity and first_action:
        first_action.activities.add(activity)
    if first_action and not ActionLink.objects.filter(action=first_action).exists():
        items = services.linkable_items(oud_winterslag)
        if items:
            services.link(first_action, items[0].ref, director)
    if plan.status == Plan.Status.DRAFT:
        from .workflow import publish_plan

        publish_plan(plan, director)
    draft = services.plan_for(winterslag, year, director)
    if not draft.priorities.exists():
        Priority.objects.create(plan=draft, title="Meer aanbod voor tieners (voorbeeld)", position=1)
    for code, theme, days_ago, description, status, follow_up in SIGNALS:
        wijk = oud_winterslag if code == OUD_WINTERSLAG else winterslag
        if Signal.objects.filter(neighbourhood=wijk, description=description).exists():
            continue
        signal = Signal(
            neighbourhood=wijk,
            theme=theme,
            observed_on=today - datetime.timedelta(days=days_ago),
            description=description,
            follow_up=follow_up,
        )
        services.record_signal(signal, director)
        _move_signal_to(signal, status, director)
    ctx["stdout"].write(
        f"  gebiedsgerichte werking: {director.email} is wijkregisseur van {oud_winterslag.name} en {winterslag.name}; "
        f"wijkplan {year} ({Action.objects.filter(priority__plan=plan).count()} acties, gepubliceerd), "
        f"{Signal.objects.count()} signalen"
    )


def _move_to(action, status, user):
    from .workflow import move_action

    path = {A.PLANNED: [], A.IN_PROGRESS: ["start"], A.DONE: ["start", "complete"], A.DROPPED: ["drop"]}[status]
    for name in path:
        move_action(action, name, user)


def _move_signal_to(signal, status, user):
    from .workflow import move_signal

    path = {S.NEW: [], S.FOLLOWED_UP: ["follow_up"], S.CLOSED: ["close"]}[status]
    for name in path:
        move_signal(signal, name, user)

"""In-app notifications and audit-log entries, so /meldingen/ and /beheer/auditlog/ have data."""

from datetime import timedelta

from bench import pages, seed

# kind, subject, body, link (paths that exist now; later issues add their own kinds).
NOTIFICATIONS = [
    ("account.welcome", "Welkom bij Samen Genk, {name}",
     "Welkom bij Samen Genk, {name}. Je e-mailadres is bevestigd.", "/profiel/"),
    ("neighbourhoods.news", "Nieuws uit {wijk}",
     "Er is nieuws van het wijkteam van {wijk}: de buurtbabbel is verplaatst naar donderdag.", "/wijken/"),
    ("councils.meeting", "Uitnodiging: vergadering van de adviesraad",
     "Je bent uitgenodigd voor de volgende vergadering. De agenda staat online.", "/adviesraden/"),
    ("worldcitizenship.sdg", "Nieuw project bij doel 8",
     "Er is een nieuw project getagd met doel 8: Waardig werk en economische groei.", "/wereldburgerschap/sdg/8/"),
    ("initiatives.update", "Nieuwe update bij een initiatief dat je volgt",
     "De initiatiefnemers hebben een update geplaatst.", "/initiatieven/"),
]  # fmt: skip
BENCH_RESIDENT_NOTIFICATIONS = 60  # more than two pages of /meldingen/


@seed.step(order=80)
def notifications(ctx: seed.SeedContext) -> str:
    """A few thousand in-app notifications (a third unread), 60 of them for the bench resident;
    all marked as e-mailed, so no digest goes out for them."""
    from genk.accounts.models import User
    from genk.core.models import Notification

    rng = ctx.rng("notifications")
    ids = ctx.resident_ids()
    total = ctx.scaled(5000, minimum=100)
    recipients = [ids[0]] * BENCH_RESIDENT_NOTIFICATIONS + [rng.choice(ids[1:] or ids) for _ in range(total)]
    people = {
        pk: (display_name, wijk)
        for pk, display_name, wijk in User.objects.filter(pk__in=set(recipients)).values_list(
            "pk", "display_name", "neighbourhood__name"
        )
    }
    rows = []
    for number, user_id in enumerate(recipients):
        kind, subject, body, url = rng.choice(NOTIFICATIONS)
        display_name, wijk = people[user_id]
        values = {"name": display_name, "wijk": wijk or "Genk"}
        created = ctx.moment(rng, days=180)
        rows.append(
            Notification(
                recipient_id=user_id,
                kind=kind,
                key=f"{seed.KEY_PREFIX}{number}",
                subject=subject.format(**values),
                body=body.format(**values),
                url=url,
                created=created,
                emailed_at=created,
                read_at=created + timedelta(hours=rng.randint(1, 96)) if rng.random() < 0.67 else None,
            )
        )
    with seed.explicit_timestamps(Notification, "created"):
        seed.bulk_insert(Notification, rows)
    return f"{len(rows):,} notifications ({BENCH_RESIDENT_NOTIFICATIONS} for {seed.BENCH_RESIDENT_EMAIL})"


@seed.step(order=90)
def audit_log(ctx: seed.SeedContext) -> str:
    """About 3,000 audit entries by the civil servants: residency checks, organisation and
    team changes, over the last year."""
    from django.contrib.contenttypes.models import ContentType

    from genk.accounts.models import Organisation, User
    from genk.core.models import AuditLogEntry
    from neighbourhoods.models import TeamMembership

    rng = ctx.rng("audit_log")
    total = ctx.scaled(3000, minimum=100)
    actors = ctx.data["civil_servant_ids"]
    if AuditLogEntry.objects.filter(actor__email__endswith=f"@{seed.EMAIL_DOMAIN}").exists():
        return "already there"
    names = dict(User.objects.filter(pk__in=actors).values_list("pk", "display_name"))
    residents = ctx.resident_ids()
    organisations = list(
        Organisation.objects.filter(slug__startswith=seed.SLUG_PREFIX).order_by("pk").values_list("pk", "name")
    )
    teams = list(TeamMembership.objects.select_related("neighbourhood", "user").order_by("pk")[:500])
    resident_names = dict(User.objects.filter(pk__in=residents[: 20 * total]).values_list("pk", "display_name"))
    user_type, organisation_type, team_type = (
        ContentType.objects.get_for_model(model) for model in (User, Organisation, TeamMembership)
    )
    sample = sorted(resident_names)
    entries = []
    for _ in range(total):
        actor = rng.choice(actors)
        when = ctx.moment(rng, days=365)
        roll = rng.random()
        if roll < 0.6 or not (organisations and teams):
            pk = rng.choice(sample)
            target = (user_type, pk, resident_names[pk])
            action, before, after = (
                "accounts.verify_residency",
                {"residency_verified_at": None},
                {"residency_verified_at": when.isoformat()},
            )
        elif roll < 0.9:
            pk, title = rng.choice(organisations)
            target = (organisation_type, pk, title)
            action, before, after = (
                "accounts.change_organisation",
                {"email": ""},
                {"email": f"info@{seed.EMAIL_DOMAIN}"},
            )
        else:
            team = rng.choice(teams)
            target = (team_type, team.pk, str(team)[:300])
            action, before, after = "neighbourhoods.add_team_member", {}, {"role": team.role, "user": team.user_id}
        content_type, object_id, object_repr = target
        entries.append(
            AuditLogEntry(
                actor_id=actor,
                actor_repr=names[actor],
                action=action,
                content_type=content_type,
                object_id=str(object_id),
                object_repr=object_repr,
                before=before,
                after=after,
                created=when,
            )
        )
    with seed.explicit_timestamps(AuditLogEntry, "created"):
        seed.bulk_insert(AuditLogEntry, entries)
    return f"{len(entries):,} audit entries"


@seed.on_reset
def delete_audit_entries():
    from genk.core.models import AuditLogEntry

    AuditLogEntry.objects.filter(actor__email__endswith=f"@{seed.EMAIL_DOMAIN}").delete()


@pages.register(order=1)
def home_page(ctx: pages.PageContext) -> list[pages.Page]:
    return [pages.Page("home", "/")]


@pages.register(order=80)
def account_pages(ctx: pages.PageContext) -> list[pages.Page]:
    """The login form, the bench resident's profile and notifications, the staff dashboard and
    the audit log as the head of Participatie (MFA enrolled)."""
    resident, staff = ctx.session(ctx.resident), ctx.session(ctx.staff)
    return [
        pages.Page("login", "/account/login/"),
        pages.Page("profiel (inwoner)", "/profiel/", sessions=[resident]),
        pages.Page(
            f"meldingen (inwoner, {BENCH_RESIDENT_NOTIFICATIONS} meldingen)", "/meldingen/", sessions=[resident]
        ),
        pages.Page("beheer (medewerker)", "/beheer/", sessions=[staff]),
        pages.Page("auditlog (medewerker)", "/beheer/auditlog/", sessions=[staff]),
    ]

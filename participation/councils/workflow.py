"""The states of meetings (and their minutes), advice, requests for advice and applications,
and the only functions that change them.

Four tables on the kernel (`genk.core.workflow`): MEETING, ADVICE, REQUEST, APPLICATION.
Every transition: `begin` locks the row and checks the permission (rules.py), then the source
state; the function checks its own conditions (a `NotAllowed` with the reason); `move` saves
what changed since the lock and writes the audit log under the council's action names; emails
and notifications are queued on commit. README.md has the same tables in prose.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.core import notifications
from genk.core.refusals import NotAllowed
from genk.core.workflow import Transition, Workflow

from . import services, tasks
from .models import Advice, AdviceRequest, CouncilMembership, Meeting, MembershipApplication, Minutes, Vote
from .notifications import advice_handlers, council_members, fmt_date

S = Meeting.Status
A = Advice.Status
R = AdviceRequest.Status
P = MembershipApplication.Status


def _flow(model, transitions, audit_prefix):
    # Councils check the permission before the state (a stranger learns nothing about it).
    return Workflow(
        model,
        transitions,
        audit_prefix=audit_prefix,
        rule_first=True,
        state_message=gettext_lazy("Dit kan niet meer: de status is nu '%(status)s'."),
        denied_message=gettext_lazy("Je hebt geen toestemming voor deze handeling."),
    )


MANAGE = "councils.manage_meeting"

MEETING = _flow(
    Meeting,
    [
        Transition("invite", {S.PLANNED}, S.INVITED, MANAGE, gettext_lazy("Uitnodigingen versturen")),
        Transition("cancel", {S.PLANNED, S.INVITED}, S.CANCELLED, MANAGE, gettext_lazy("Annuleren")),
        Transition("hold", {S.INVITED}, S.HELD, MANAGE, gettext_lazy("Vergadering gehouden")),
        Transition("start_minutes", {S.HELD}, S.MINUTES_DRAFT, MANAGE, gettext_lazy("Verslag beginnen")),
        Transition(
            "send_minutes",
            {S.MINUTES_DRAFT},
            S.MINUTES_REMARKS,
            MANAGE,
            gettext_lazy("Verslag naar de leden voor opmerkingen"),
        ),
        Transition(
            "reopen_minutes", {S.MINUTES_REMARKS}, S.MINUTES_DRAFT, MANAGE, gettext_lazy("Verslag opnieuw bewerken")
        ),
        Transition(
            "approve_minutes", {S.MINUTES_REMARKS}, S.MINUTES_APPROVED, MANAGE, gettext_lazy("Verslag goedgekeurd")
        ),
        Transition("publish_minutes", {S.MINUTES_APPROVED}, S.PUBLISHED, MANAGE, gettext_lazy("Verslag publiceren")),
    ],
    "councils.meeting",
)

ADVICE = _flow(
    Advice,
    [
        Transition("approve", {A.DRAFT}, A.APPROVED, "councils.change_advice", gettext_lazy("Goedkeuren na stemming")),
        Transition("send", {A.APPROVED}, A.SENT, "councils.change_advice", gettext_lazy("Bezorgen aan de stad")),
        Transition("answer", {A.SENT}, A.ANSWERED, "councils.answer_advice", gettext_lazy("Antwoord registreren")),
    ],
    "councils.advice",
)

REQUEST = _flow(
    AdviceRequest,
    [
        # answered: by send_advice, when the advice that answers the request goes to the city.
        Transition("answer", {R.OPEN}, R.ANSWERED, "councils.change_advice", gettext_lazy("Advies bezorgd")),
        Transition(
            "decline", {R.OPEN}, R.DECLINED, "councils.decline_advicerequest", gettext_lazy("Geen advies geven")
        ),
    ],
    "councils.advice_request",
)

APPLICATION = _flow(
    MembershipApplication,
    [
        Transition("accept", {P.SUBMITTED}, P.ACCEPTED, "councils.handle_application", gettext_lazy("Aanvaarden")),
        Transition("decline", {P.SUBMITTED}, P.DECLINED, "councils.handle_application", gettext_lazy("Weigeren")),
        Transition("withdraw", {P.SUBMITTED}, P.WITHDRAWN, "councils.withdraw_application", gettext_lazy("Intrekken")),
    ],
    "councils.application",
)


# Meetings and minutes.


def invite(meeting: Meeting, user) -> Meeting:
    """planned → invited: the agenda is published and every member gets the invitation (.ics)."""
    with transaction.atomic():
        t, meeting = MEETING.begin("invite", meeting, user)
        if not meeting.items.exists():
            raise NotAllowed(_("Zet minstens één punt op de agenda voor je uitnodigt."))
        if not (meeting.place_id or meeting.location or meeting.online_url):
            raise NotAllowed(_("Vul een plaats of een link voor online deelname in voor je uitnodigt."))
        if meeting.starts_at <= timezone.now():
            raise NotAllowed(_("De vergadering is al begonnen: uitnodigen kan niet meer."))
        meeting.invitations_sent_at = timezone.now()
        if meeting.rsvp_deadline is None:
            meeting.rsvp_deadline = services.default_rsvp_deadline(meeting.council, meeting.starts_at)
        MEETING.move(t, meeting, user, action="councils.meeting.invited", after={"sequence": meeting.sequence})
        invited = services.sync_attendances(meeting)
        if not meeting.attendances.exists():
            raise NotAllowed(_("De raad heeft geen leden op de dag van de vergadering."))
        tasks.queue_invitations(meeting)
    meeting.invited_count = invited
    return meeting


def cancel(meeting: Meeting, user, reason: str = "") -> Meeting:
    """planned|invited → cancelled. Invited members get a cancellation (.ics STATUS:CANCELLED)."""
    with transaction.atomic():
        t, meeting = MEETING.begin("cancel", meeting, user)
        before = meeting.status
        meeting.sequence += 1
        meeting.cancelled_reason = reason
        MEETING.move(
            t, meeting, user, action="councils.meeting.cancelled", reason=reason, after={"sequence": meeting.sequence}
        )
        if before == S.INVITED:
            tasks.queue_invitations(meeting)
    return meeting


def hold(meeting: Meeting, user) -> Meeting:
    """invited → held, once the meeting has started."""
    with transaction.atomic():
        t, meeting = MEETING.begin("hold", meeting, user)
        if meeting.starts_at > timezone.now():
            raise NotAllowed(_("De vergadering is nog niet begonnen."))
        MEETING.move(t, meeting, user, action="councils.meeting.held")
    return meeting


def start_minutes(meeting: Meeting, user) -> Meeting:
    """held → minutes draft: the secretary writes the minutes."""
    with transaction.atomic():
        t, meeting = MEETING.begin("start_minutes", meeting, user)
        Minutes.objects.get_or_create(meeting=meeting, defaults={"written_by": user})
        MEETING.move(t, meeting, user, action="councils.minutes.started")
    return meeting


def send_minutes(meeting: Meeting, user, deadline: date | None = None) -> Meeting:
    """minutes draft → sent for remarks: members are notified and may add remarks until the deadline."""
    with transaction.atomic():
        t, meeting = MEETING.begin("send_minutes", meeting, user, related=["council"])
        minutes = meeting.minutes
        minutes.sent_for_remarks_at = timezone.now()
        minutes.remarks_deadline = deadline or timezone.localdate() + timedelta(days=meeting.council.remarks_days)
        minutes.save()
        MEETING.move(
            t,
            meeting,
            user,
            action="councils.minutes.sent_for_remarks",
            after={"deadline": minutes.remarks_deadline.isoformat()},
        )
        notifications.notify(
            "councils.minutes_for_remarks",
            council_members(meeting.council),
            key=f"councils:minutes:{minutes.pk}:{minutes.sent_for_remarks_at.isoformat()}",
            context={
                "council": meeting.council.name,
                "date": fmt_date(timezone.localdate(meeting.starts_at)),
                "deadline": fmt_date(minutes.remarks_deadline),
            },
            url=meeting.get_absolute_url(),
        )
    return meeting


def reopen_minutes(meeting: Meeting, user) -> Meeting:
    """sent for remarks → minutes draft, to work the remarks in."""
    with transaction.atomic():
        t, meeting = MEETING.begin("reopen_minutes", meeting, user)
        MEETING.move(t, meeting, user, action="councils.minutes.reopened")
    return meeting


def approve_minutes(meeting: Meeting, user, approved_in: Meeting | None = None) -> Meeting:
    """sent for remarks → approved, normally at the next meeting (`approved_in`)."""
    with transaction.atomic():
        t, meeting = MEETING.begin("approve_minutes", meeting, user)
        if approved_in is not None and (
            approved_in.council_id != meeting.council_id
            or approved_in.starts_at <= meeting.starts_at
            or approved_in.status not in Meeting.HELD_STATES + (S.INVITED,)
        ):
            raise NotAllowed(_("Kies een latere vergadering van dezelfde raad."))
        minutes = meeting.minutes
        minutes.approved_at = timezone.now()
        minutes.approved_in = approved_in
        minutes.save()
        MEETING.move(
            t,
            meeting,
            user,
            action="councils.minutes.approved",
            after={"approved_in": approved_in.pk if approved_in else None},
        )
    return meeting


def publish_minutes(meeting: Meeting, user) -> Meeting:
    """approved → published: the minutes of the public items appear on the public page."""
    with transaction.atomic():
        t, meeting = MEETING.begin("publish_minutes", meeting, user)
        minutes = meeting.minutes
        minutes.published_at = timezone.now()
        minutes.save()
        MEETING.move(t, meeting, user, action="councils.minutes.published")
    return meeting


# Advice.


def approve_advice(advice: Advice, user, vote: Vote) -> Advice:
    """draft → approved, by an adopted vote of the council."""
    with transaction.atomic():
        t, advice = ADVICE.begin("approve", advice, user)
        vote = Vote.objects.select_related("item__meeting").get(pk=vote.pk)
        if vote.item.meeting.council_id != advice.council_id:
            raise NotAllowed(_("Die stemming hoort bij een andere raad."))
        if not vote.adopted:
            raise NotAllowed(_("Die stemming is verworpen: het advies is niet goedgekeurd."))
        advice.vote = vote
        advice.approved_at = timezone.now()
        ADVICE.move(t, advice, user, action="councils.advice.approved", after={"vote": vote.pk})
    return advice


def send_advice(advice: Advice, user) -> Advice:
    """approved → sent: the deadline for the city's answer starts; the civil servants who answer are told.
    A request for advice that this advice answers is answered with it."""
    with transaction.atomic():
        t, advice = ADVICE.begin("send", advice, user, related=["council"])
        advice.sent_at = timezone.now()
        advice.answer_due = timezone.localdate(advice.sent_at) + timedelta(days=advice.council.answer_days)
        ADVICE.move(t, advice, user, action="councils.advice.sent", after={"answer_due": advice.answer_due.isoformat()})
        if advice.request_id:
            request = REQUEST.lock(AdviceRequest(pk=advice.request_id))
            if request.status in REQUEST["answer"].sources:
                # The council's right to send the advice covers the request it answers.
                REQUEST.move(
                    "answer", request, user, action="councils.advice_request.answered", after={"advice": advice.pk}
                )
        notifications.notify(
            "councils.advice_sent",
            advice_handlers(advice),
            key=f"councils:advice-sent:{advice.pk}",
            context={
                "council": advice.council.name,
                "title": advice.title,
                "summary": advice.summary,
                "due": fmt_date(advice.answer_due),
            },
            url=advice.get_absolute_url(),
        )
    return advice


def answer_advice(advice: Advice, user, *, outcome: str, answer: str) -> Advice:
    """sent → answered: the city's answer (followed, partly followed, not followed) with its reasons."""
    if outcome not in Advice.Outcome.values:
        raise NotAllowed(_("Kies of het advies gevolgd, gedeeltelijk gevolgd of niet gevolgd wordt."))
    if not answer.strip():
        raise NotAllowed(_("Geef de redenen van de stad."))
    with transaction.atomic():
        t, advice = ADVICE.begin("answer", advice, user, related=["council"])
        advice.outcome = outcome
        advice.answer = answer
        advice.answered_at = timezone.now()
        advice.answered_by = user
        ADVICE.move(t, advice, user, action="councils.advice.answered", after={"outcome": outcome})
        notifications.notify(
            "councils.advice_answered",
            council_members(advice.council),
            key=f"councils:advice-answered:{advice.pk}",
            context={"title": advice.title, "outcome": str(advice.get_outcome_display()), "answer": answer},
            url=advice.get_absolute_url(),
        )
    return advice


def decline_request(request: AdviceRequest, user, reason: str) -> AdviceRequest:
    """open → declined: the council gives no advice, and says why."""
    if not reason.strip():
        raise NotAllowed(_("Zeg waarom de raad geen advies geeft."))
    with transaction.atomic():
        t, request = REQUEST.begin("decline", request, user)
        request.declined_reason = reason
        REQUEST.move(t, request, user, action="councils.advice_request.declined", reason=reason)
    return request


# Applications to join.


def accept_application(
    application: MembershipApplication,
    user,
    *,
    role=CouncilMembership.Role.MEMBER,
    start=None,
    end=None,
    response: str = "",
) -> MembershipApplication:
    """submitted → accepted: the candidate becomes a member from `start` (today by default)."""
    with transaction.atomic():
        t, application = APPLICATION.begin("accept", application, user)
        membership = services.add_member(
            application.council,
            user,
            user=application.user,
            role=role,
            start=start or timezone.localdate(),
            end=end,
            represents=application.represents,
        )
        application.membership = membership
        application.handled_by = user
        application.handled_at = timezone.now()
        application.response = response
        APPLICATION.move(t, application, user, action="councils.application.accepted")
        _tell_applicant(application)
    return application


def decline_application(application: MembershipApplication, user, response: str = "") -> MembershipApplication:
    with transaction.atomic():
        t, application = APPLICATION.begin("decline", application, user)
        application.handled_by = user
        application.handled_at = timezone.now()
        application.response = response
        APPLICATION.move(t, application, user, action="councils.application.declined", reason=response)
        _tell_applicant(application)
    return application


def withdraw_application(application: MembershipApplication, user) -> MembershipApplication:
    with transaction.atomic():
        t, application = APPLICATION.begin("withdraw", application, user)
        APPLICATION.move(t, application, user, action="councils.application.withdrawn")
    return application


def _tell_applicant(application: MembershipApplication) -> None:
    notifications.notify(
        "councils.application_decided",
        [application.user],
        key=f"councils:application-decided:{application.pk}",
        context={
            "council": application.council.name,
            "outcome": str(application.get_status_display()),
            "response": application.response,
        },
        url=application.council.get_absolute_url(),
    )

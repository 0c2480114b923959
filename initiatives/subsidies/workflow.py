"""The subsidy file's states and the allowed transitions, in one table (documented in README.md).

The table is a `genk.core.workflow.Workflow`. Every transition is a function
`transition(file, actor, **data) -> SubsidyFile`: `FLOW.begin` locks the file's row
(`select_for_update`) and checks that the transition is allowed from the current state and that
the actor has the permission (rules.py); `FLOW.move` changes the state and writes the audit log
(`subsidies.<name>`), in one transaction; notifications are queued and sent once it commits.
Nothing else writes `status`. The caller's instance follows the new state. What is this app's
own: each step's conditions, fields, deadlines and notifications.

`decide` also locks the scheme's budget of the decision's year: two decisions at the same
moment are serialised on that row, and the second sees the first's commitment, so a scheme's
yearly budget can never be over-committed.

A transition that is not allowed raises `TransitionNotAllowed` (a `NotAllowed`, with a message
for the user); an actor without permission gets `PermissionDenied`. Deadlines are calendar days
from the day of the step (the scheme's intake_days, assessment_days, decision_days; report_days
from the project's end).
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation
from functools import wraps

from django.db import transaction
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.core import notifications
from genk.core.formats import day_label, euro_plain
from genk.core.refusals import NotAllowed
from genk.core.workflow import Transition, TransitionNotAllowed, Workflow, follow

from . import conf, recipients, services
from .models import ZERO, Assessment, CoApplicant, Message, Payment, SchemeBudget, SubsidyFile
from .notifications import applicant_url, context, key, staff_url
from .predicates import forget_cache

__all__ = ["FLOW", "Transition", "TransitionNotAllowed"]

S = SubsidyFile.Status

# A target of "": it depends on the data (answer_info returns to the step it came from; decide
# grants or refuses).
FLOW = Workflow(
    SubsidyFile,
    [
        Transition("submit", {S.DRAFT}, S.SUBMITTED, "subsidies.submit_file", "applicant"),
        Transition(
            "request_info",
            {S.SUBMITTED, S.ASSESSMENT},
            S.INFO_REQUESTED,
            "subsidies.request_info_file",
            "handling staff",
        ),
        Transition("answer_info", {S.INFO_REQUESTED}, "", "subsidies.answer_file", "applicant"),
        Transition("accept_intake", {S.SUBMITTED}, S.ASSESSMENT, "subsidies.intake_file", "handling staff"),
        Transition("propose", {S.ASSESSMENT}, S.PROPOSED, "subsidies.propose_file", "handling staff"),
        Transition("decide", {S.PROPOSED}, "", "subsidies.decide_file", "decision-maker"),
        Transition("submit_report", {S.GRANTED}, S.REPORT_SUBMITTED, "subsidies.report_file", "applicant"),
        Transition("return_report", {S.REPORT_SUBMITTED}, S.GRANTED, "subsidies.review_report", "handling staff"),
        Transition(
            "approve_report", {S.REPORT_SUBMITTED}, S.REPORT_APPROVED, "subsidies.review_report", "handling staff"
        ),
        Transition("close", {S.GRANTED, S.REPORT_APPROVED}, S.CLOSED, "subsidies.close_file", "handling staff"),
        Transition(
            "withdraw", SubsidyFile.WITHDRAWABLE_STATES, S.WITHDRAWN, "subsidies.withdraw_file", "lead applicant"
        ),
    ],
    audit_prefix="subsidies",
    state_message=gettext_lazy("Dat kan niet (meer): het dossier is nu ‘%(status)s’."),
    denied_message=gettext_lazy("Je mag dit niet doen voor dit dossier."),
)


def _begin(name: str, file: SubsidyFile, actor):
    """Lock the file (and load its scheme) and check transition `name`."""
    return FLOW.begin(name, file, actor, related=("scheme",))


def _follows(func):
    """The caller's instance follows the transition (it was done on a locked copy)."""

    @wraps(func)
    def wrapper(file, *args, **kwargs):
        obj = func(file, *args, **kwargs)
        follow(file, obj)
        file._state.fields_cache.clear()
        forget_cache(file)
        for name in ("costs_total", "income_total", "paid_total"):
            file.__dict__.pop(name, None)
        return obj

    return wrapper


def _today():
    return timezone.localdate()


def _money(value, message) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise TransitionNotAllowed(message) from None
    if not amount.is_finite():
        raise TransitionNotAllowed(message)
    return amount.quantize(Decimal("0.01"))


# The transitions.


@_follows
def submit(file: SubsidyFile, actor) -> SubsidyFile:
    """The applicant hands the application in. Everything the scheme asks is checked
    (services.submission_problems); the intake is due after the scheme's intake_days."""
    with transaction.atomic():
        t, obj = _begin("submit", file, actor)
        today = _today()
        problems = services.submission_problems(obj, today)
        if problems:
            raise TransitionNotAllowed(" ".join(str(p) for p in problems))
        now = timezone.now()
        due = today + timedelta(days=obj.scheme.intake_days)
        FLOW.move(t, obj, actor, submitted_at=now, intake_due=due, budget_year=today.year)
        notifications.notify(
            "subsidies.submitted",
            recipients.applicants(obj),
            key=key(obj, "submitted", now),
            context=context(obj, due=day_label(due)),
            url=applicant_url(obj),
        )
        notifications.notify(
            "subsidies.to_intake",
            recipients.handling(obj),
            key=key(obj, "to_intake", now),
            context=context(obj, due=day_label(due)),
            url=staff_url(obj),
        )
    return obj


@_follows
def request_info(file: SubsidyFile, actor, *, message: str, due=None) -> SubsidyFile:
    """The handling staff ask the applicant for more information, by `due` (default
    SUBSIDIES_INFO_DUE_DAYS from today). The file returns to its step when they answer."""
    if not (message or "").strip():
        raise TransitionNotAllowed(_("Schrijf welke informatie je nodig hebt."))
    today = _today()
    due = due or today + timedelta(days=conf.info_due_days())
    if due < today:
        raise TransitionNotAllowed(_("De datum voor het antwoord ligt niet in het verleden."))
    with transaction.atomic():
        t, obj = _begin("request_info", file, actor)
        now = timezone.now()
        return_status = obj.status
        fields = {"info_requested_at": now, "info_due": due, "info_return_status": return_status}
        if obj.handler_id is None:
            fields["handler"] = actor
        FLOW.move(t, obj, actor, reason=message, **fields)
        Message.objects.create(file=obj, author=actor, kind=Message.Kind.INFO_REQUEST, body=message.strip())
        notifications.notify(
            "subsidies.info_requested",
            recipients.applicants(obj),
            key=key(obj, "info_requested", now),
            context=context(obj, message=message.strip(), due=day_label(due)),
            url=applicant_url(obj),
        )
    return obj


@_follows
def answer_info(file: SubsidyFile, actor, *, message: str) -> SubsidyFile:
    """The applicant answers; the file goes back to the step it was in, and that step's
    deadline starts again."""
    if not (message or "").strip():
        raise TransitionNotAllowed(_("Schrijf je antwoord."))
    with transaction.atomic():
        t, obj = _begin("answer_info", file, actor)
        today = _today()
        target = obj.info_return_status or S.SUBMITTED
        fields = {"info_return_status": "", "info_due": None}
        if target == S.ASSESSMENT:
            fields["assessment_due"] = today + timedelta(days=obj.scheme.assessment_days)
        else:
            fields["intake_due"] = today + timedelta(days=obj.scheme.intake_days)
        FLOW.move(t, obj, actor, target=target, reason=message, **fields)
        Message.objects.create(file=obj, author=actor, kind=Message.Kind.ANSWER, body=message.strip())
        notifications.notify(
            "subsidies.info_answered",
            recipients.handling(obj),
            key=key(obj, "info_answered"),
            context=context(obj, message=message.strip()),
            url=staff_url(obj),
        )
    return obj


@_follows
def accept_intake(file: SubsidyFile, actor, *, assessors=(), checklist: dict | None = None) -> SubsidyFile:
    """The application is complete and admissible: it goes to assessment by `assessors`
    (default: the handler). The actor becomes the handler if there is none."""
    with transaction.atomic():
        t, obj = _begin("accept_intake", file, actor)
        today = _today()
        handler = obj.handler or actor
        fields = {
            "handler": handler,
            "assessment_due": today + timedelta(days=obj.scheme.assessment_days),
            "intake_checklist": dict(checklist or obj.intake_checklist or {}),
        }
        FLOW.move(t, obj, actor, **fields)
        assessors = list(assessors)
        if not assessors and not Assessment.objects.filter(file=obj).exists():
            assessors = [handler]
        try:
            services.add_assessors(obj, actor, assessors, locked=True)
        except NotAllowed as error:
            raise TransitionNotAllowed(str(error)) from None
        notifications.notify(
            "subsidies.intake_accepted",
            recipients.applicants(obj),
            key=key(obj, "intake_accepted"),
            context=context(obj),
            url=applicant_url(obj),
        )
        if handler.pk != actor.pk:
            notifications.notify(
                "subsidies.handler_assigned",
                [handler],
                key=key(obj, f"handler:{handler.pk}"),
                context=context(obj),
                url=staff_url(obj),
            )
    return obj


@_follows
def propose(file: SubsidyFile, actor, *, outcome: str, amount=None, text: str) -> SubsidyFile:
    """The handling staff propose the decision to the college, once every assessor submitted.
    A grant is at most the amount asked and the scheme's maximum."""
    if outcome not in SubsidyFile.Outcome.values:
        raise TransitionNotAllowed(_("Kies het voorstel: toekennen of weigeren."))
    if not (text or "").strip():
        raise TransitionNotAllowed(_("Motiveer het voorstel."))
    with transaction.atomic():
        t, obj = _begin("propose", file, actor)
        assessments = Assessment.objects.filter(file=obj)
        if not assessments.exists():
            raise TransitionNotAllowed(_("Het dossier heeft nog geen beoordeling."))
        if assessments.filter(submitted_at__isnull=True).exists():
            raise TransitionNotAllowed(_("Nog niet alle beoordelaars dienden hun beoordeling in."))
        amount = _check_amount(obj, outcome, amount)
        due = _today() + timedelta(days=obj.scheme.decision_days)
        FLOW.move(
            t,
            obj,
            actor,
            reason=text,
            proposed_outcome=outcome,
            proposed_amount=amount,
            proposal_text=text.strip(),
            decision_due=due,
        )
        notifications.notify(
            "subsidies.to_decide",
            recipients.decision_makers(),
            key=key(obj, "to_decide"),
            context=context(obj, due=day_label(due)),
            url=staff_url(obj),
        )
    return obj


def _check_amount(obj: SubsidyFile, outcome: str, amount) -> Decimal | None:
    if outcome != SubsidyFile.Outcome.GRANTED:
        return None
    if amount in (None, ""):
        raise TransitionNotAllowed(_("Vul het bedrag in."))
    amount = _money(amount, _("Vul een geldig bedrag in."))
    if amount <= 0:
        raise TransitionNotAllowed(_("Een toegekend bedrag is groter dan nul."))
    if amount > obj.amount_requested:
        raise TransitionNotAllowed(
            _("Het bedrag is hoogstens het gevraagde bedrag (€ %(amount)s).")
            % {"amount": euro_plain(obj.amount_requested)}
        )
    if amount > obj.scheme.max_amount:
        raise TransitionNotAllowed(
            _("Het bedrag is hoogstens het maximum van het reglement (€ %(amount)s).")
            % {"amount": euro_plain(obj.scheme.max_amount)}
        )
    return amount


def committed(scheme_id: int, year: int) -> Decimal:
    """Σ (granted − recovered) charged to the scheme's budget of `year`."""
    return SubsidyFile.objects.filter(
        scheme_id=scheme_id, budget_year=year, status__in=SubsidyFile.COMMITTED_STATES, amount_granted__isnull=False
    ).aggregate(total=Coalesce(Sum(F("amount_granted") - F("amount_recovered")), ZERO))["total"]


@_follows
def decide(
    file: SubsidyFile, actor, *, outcome: str, amount=None, decided_on, reference: str = "", text: str
) -> SubsidyFile:
    """The decision-maker records the college's decision of `decided_on`. A grant is charged to
    the scheme's budget of that year: the budget row is locked, and a grant larger than what
    remains is refused (the budget is never over-committed)."""
    if outcome not in SubsidyFile.Outcome.values:
        raise TransitionNotAllowed(_("Kies de beslissing: toekennen of weigeren."))
    if not (text or "").strip():
        raise TransitionNotAllowed(_("Motiveer de beslissing."))
    if decided_on is None:
        raise TransitionNotAllowed(_("Vul de datum van de zitting van het college in."))
    if decided_on > _today():
        raise TransitionNotAllowed(_("De datum van de beslissing ligt niet in de toekomst."))
    with transaction.atomic():
        t, obj = _begin("decide", file, actor)
        amount = _check_amount(obj, outcome, amount)
        year = decided_on.year
        if outcome == SubsidyFile.Outcome.GRANTED:
            budget = SchemeBudget.objects.select_for_update().filter(scheme_id=obj.scheme_id, year=year).first()
            if budget is None:
                raise TransitionNotAllowed(
                    _("Het reglement heeft geen budget voor %(year)s: er kan niets toegekend worden.") % {"year": year}
                )
            remaining = budget.amount - committed(obj.scheme_id, year)
            if amount > remaining:
                raise TransitionNotAllowed(
                    _(
                        "Dit zou het budget van %(year)s overschrijden: er blijft nog € %(remaining)s over, "
                        "je kent € %(amount)s toe."
                    )
                    % {"year": year, "remaining": euro_plain(max(remaining, ZERO)), "amount": euro_plain(amount)}
                )
            target = S.GRANTED
            report_due = (obj.ends_on or decided_on) + timedelta(days=obj.scheme.report_days)
        else:
            target = S.REFUSED
            report_due = None
        FLOW.move(
            t,
            obj,
            actor,
            target=target,
            reason=text,
            outcome=outcome,
            amount_granted=amount,
            decided_on=decided_on,
            decision_reference=(reference or "").strip(),
            decision_text=text.strip(),
            decided_by=actor,
            budget_year=year,
            report_due=report_due,
        )
        ctx = context(
            obj,
            decided_on=day_label(decided_on),
            amount=euro_plain(amount) if amount is not None else "",
            text=text.strip(),
            report_due=day_label(report_due),
            outcome=str(obj.get_outcome_display()),
        )
        notifications.notify(
            "subsidies.granted" if target == S.GRANTED else "subsidies.refused",
            recipients.applicants(obj),
            key=key(obj, "decided"),
            context=ctx,
            url=applicant_url(obj),
        )
        notifications.notify(
            "subsidies.decided",
            recipients.handling(obj) - {actor.pk},
            key=key(obj, "decided_staff"),
            context=ctx,
            url=staff_url(obj),
        )
    return obj


@_follows
def submit_report(file: SubsidyFile, actor, *, text: str, costs) -> SubsidyFile:
    """The applicant files the final report: what the project did, the actual costs, and the
    scheme's report documents (proof of spending)."""
    with transaction.atomic():
        t, obj = _begin("submit_report", file, actor)
        costs = None if costs in (None, "") else _money(costs, _("Vul de werkelijke kosten in als bedrag."))
        problems = services.report_problems(obj, text, costs)
        if problems:
            raise TransitionNotAllowed(" ".join(str(p) for p in problems))
        now = timezone.now()
        FLOW.move(
            t,
            obj,
            actor,
            report_text=text.strip(),
            report_costs=costs,
            report_submitted_at=now,
        )
        notifications.notify(
            "subsidies.report_submitted",
            recipients.handling(obj),
            key=key(obj, "report_submitted", now),
            context=context(obj),
            url=staff_url(obj),
        )
    return obj


@_follows
def return_report(file: SubsidyFile, actor, *, message: str) -> SubsidyFile:
    """The handling staff send the report back with what is missing."""
    if not (message or "").strip():
        raise TransitionNotAllowed(_("Schrijf wat er ontbreekt in het eindverslag."))
    with transaction.atomic():
        t, obj = _begin("return_report", file, actor)
        FLOW.move(t, obj, actor, reason=message, report_submitted_at=None)
        Message.objects.create(file=obj, author=actor, kind=Message.Kind.INFO_REQUEST, body=message.strip())
        notifications.notify(
            "subsidies.report_returned",
            recipients.applicants(obj),
            key=key(obj, "report_returned"),
            context=context(obj, message=message.strip()),
            url=applicant_url(obj),
        )
    return obj


def _check_recovery(obj: SubsidyFile, amount_recovered) -> Decimal:
    """Recovery keeps paid ≤ granted − recovered: at most granted − paid."""
    amount = _money(amount_recovered, _("Vul een geldig bedrag in."))
    if amount < 0:
        raise TransitionNotAllowed(_("Het teruggevorderde bedrag is niet negatief."))
    paid = Payment.objects.filter(file=obj).aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]
    most = (obj.amount_granted or ZERO) - paid
    if amount > most:
        raise TransitionNotAllowed(
            _(
                "Er kan hoogstens € %(most)s teruggevorderd worden: het toegekende bedrag (€ %(granted)s) min wat al "
                "betaald is (€ %(paid)s)."
            )
            % {"most": euro_plain(max(most, ZERO)), "granted": euro_plain(obj.amount_granted), "paid": euro_plain(paid)}
        )
    return amount


@_follows
def approve_report(file: SubsidyFile, actor, *, amount_recovered=0, message: str = "") -> SubsidyFile:
    """The handling staff approve the report; with actual costs below the plan, part of the
    grant is not paid (`amount_recovered`, at most granted − paid)."""
    with transaction.atomic():
        t, obj = _begin("approve_report", file, actor)
        recovered = _check_recovery(obj, amount_recovered or 0)
        FLOW.move(
            t,
            obj,
            actor,
            reason=message,
            report_approved_at=timezone.now(),
            amount_recovered=recovered,
        )
        notifications.notify(
            "subsidies.report_approved",
            recipients.applicants(obj),
            key=key(obj, "report_approved"),
            context=context(obj, recovered=euro_plain(recovered) if recovered else ""),
            url=applicant_url(obj),
        )
    return obj


@_follows
def close(file: SubsidyFile, actor, *, amount_recovered=None, message: str = "") -> SubsidyFile:
    """The handling staff close the file. What is not paid by then is recovered (released to
    the budget): by default granted − paid; a given amount must leave nothing outstanding."""
    with transaction.atomic():
        t, obj = _begin("close", file, actor)
        paid = Payment.objects.filter(file=obj).aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]
        if amount_recovered in (None, ""):
            amount_recovered = (obj.amount_granted or ZERO) - paid
        recovered = _check_recovery(obj, amount_recovered)
        outstanding = (obj.amount_granted or ZERO) - recovered - paid
        if outstanding > 0:
            raise TransitionNotAllowed(
                _("Er staat nog € %(amount)s open: registreer de betaling van het saldo of vorder het terug.")
                % {"amount": euro_plain(outstanding)}
            )
        FLOW.move(t, obj, actor, reason=message, amount_recovered=recovered, closed_at=timezone.now())
        notifications.notify(
            "subsidies.closed",
            recipients.applicants(obj),
            key=key(obj, "closed"),
            context=context(obj),
            url=applicant_url(obj),
        )
    return obj


@_follows
def withdraw(file: SubsidyFile, actor, *, reason: str = "") -> SubsidyFile:
    """The lead applicant withdraws the application (before the decision)."""
    with transaction.atomic():
        t, obj = _begin("withdraw", file, actor)
        was_draft = obj.status == S.DRAFT
        FLOW.move(t, obj, actor, reason=reason, withdrawn_at=timezone.now(), withdrawn_reason=reason.strip())
        CoApplicant.objects.filter(file=obj, accepted_at__isnull=True).delete()
        if not was_draft:
            audience = recipients.handling(obj) | set(
                Assessment.objects.filter(file=obj).values_list("assessor_id", flat=True)
            )
            if obj.proposed_outcome:
                audience |= recipients.decision_makers()
            notifications.notify(
                "subsidies.withdrawn",
                audience - {actor.pk},
                key=key(obj, "withdrawn"),
                context=context(obj, reason=reason.strip()),
                url=staff_url(obj),
            )
    return obj

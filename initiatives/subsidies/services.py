"""Operations on subsidy files that touch several rows: the application (draft, budget lines,
documents, co-applicants), the checks before submission, assigning handlers and assessors,
the assessment with its scores, internal notes and payments.

State changes are in workflow.py. Each operation here is permission-checked (`can`), atomic,
and where an amount is checked against a total the file row is locked first
(`select_for_update`), so concurrent requests never pay or count twice. Refusals raise
`NotAllowed` or `AlreadyDone` with a message for the user; a user without the permission gets
`PermissionDenied`.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.core import audit, notifications, outbox, ratelimit
from genk.core.files import content_type_of, validate_document
from genk.core.formats import day_label, euro_plain
from genk.core.permissions import can, require
from genk.core.refusals import AlreadyDone, NotAllowed

from . import recipients
from .models import (
    ZERO,
    Assessment,
    BudgetLine,
    CoApplicant,
    Criterion,
    Document,
    Message,
    Payment,
    RequiredDocument,
    Scheme,
    Score,
    SubsidyFile,
    normalise_address,
)
from .notifications import applicant_url, context, invitation_context, invitation_expires, key, staff_url
from .predicates import forget_cache, is_applicant
from .tasks import send_invitation_email
from .validators import validate_iban

S = SubsidyFile.Status


DENIED = gettext_lazy("Je mag dit niet doen voor dit dossier.")


def lock(file: SubsidyFile) -> SubsidyFile:
    """The file's row, locked until the transaction ends (with its scheme and department)."""
    return SubsidyFile.objects.select_for_update(of=("self",)).select_related("scheme__department").get(pk=file.pk)


# Starting an application.


def create_file(user, scheme: Scheme, **fields) -> SubsidyFile:
    """A new draft under `scheme` with `user` as lead applicant. `organisation` must be one the
    user represents; `initiative` one of which they are an initiator."""
    require(user, "subsidies.apply_scheme", scheme, message=_("Dit reglement staat nu niet open voor aanvragen."))
    organisation = fields.get("organisation")
    if organisation is not None:
        require(
            user, "accounts.act_for_organisation", organisation, message=_("Je vertegenwoordigt deze organisatie niet.")
        )
        fields.setdefault("applicant_kind", SubsidyFile.ApplicantKind.ORGANISATION)
    else:
        default_kind = (
            SubsidyFile.ApplicantKind.RESIDENT_GROUP
            if scheme.allows_resident_group
            else SubsidyFile.ApplicantKind.ORGANISATION
        )
        fields.setdefault("applicant_kind", default_kind)
    initiative = fields.get("initiative")
    if initiative is not None and user.pk not in initiative.initiator_ids():
        raise PermissionDenied(_("Je bent geen initiatiefnemer van dit initiatief."))
    if initiative is not None:
        fields.setdefault("title", initiative.title)
        fields.setdefault("description", initiative.description)
        if not {"city_wide", "neighbourhood", "neighbourhood_id"} & set(fields):
            fields["city_wide"] = initiative.city_wide
            fields["neighbourhood_id"] = None if initiative.city_wide else initiative.neighbourhood_id
    with transaction.atomic():
        file = SubsidyFile.objects.create(
            scheme=scheme, applicant=user, budget_year=timezone.localdate().year, **fields
        )
        audit.record(user, "subsidies.create", file, after={"scheme": scheme.slug, "reference": file.reference})
    return file


# The checks before submission.


def iban_problem(iban: str) -> str | None:
    try:
        validate_iban(iban)
    except ValidationError as error:
        return " ".join(str(m) for m in error.messages)
    return None


def other_files_of_group(file: SubsidyFile, year: int):
    """The group's other files under the same scheme charged to `year` that count for
    "once per group per year": submitted, in progress or granted (not drafts, not refused,
    not withdrawn). The group: the same organisation, or any of the same people."""
    counting = (*SubsidyFile.IN_PROGRESS_STATES, *SubsidyFile.COMMITTED_STATES)
    others = SubsidyFile.objects.filter(scheme_id=file.scheme_id, budget_year=year, status__in=counting).exclude(
        pk=file.pk
    )
    if file.applicant_kind == SubsidyFile.ApplicantKind.ORGANISATION and file.organisation_id:
        return others.filter(organisation_id=file.organisation_id)
    people = file.member_user_ids()
    co = CoApplicant.objects.filter(user_id__in=people, accepted_at__isnull=False).values("file_id")
    return others.filter(applicant_kind=SubsidyFile.ApplicantKind.RESIDENT_GROUP).filter(
        Q(applicant_id__in=people) | Q(pk__in=co)
    )


def submission_problems(file: SubsidyFile, day=None) -> list[str]:
    """Everything that stops `file` from being submitted on `day`: a list of messages for the
    applicant (empty when it can be submitted)."""
    day = day or timezone.localdate()
    scheme = file.scheme
    problems = []
    if not scheme.is_open(day):
        problems.append(_("Het reglement ‘%(scheme)s’ staat nu niet open voor aanvragen.") % {"scheme": scheme.name})
    if not scheme.allows_kind(file.applicant_kind):
        problems.append(
            _("Het reglement ‘%(scheme)s’ is niet voor %(kind)s.")
            % {"scheme": scheme.name, "kind": file.get_applicant_kind_display()}
        )
    # Who applies.
    if file.applicant_kind == SubsidyFile.ApplicantKind.ORGANISATION:
        if file.organisation_id is None:
            problems.append(_("Kies de organisatie die aanvraagt."))
        else:
            if not scheme.allows_organisation_kind(file.organisation.kind):
                problems.append(
                    _("Dit reglement is niet voor een organisatie van de soort ‘%(kind)s’.")
                    % {"kind": file.organisation.get_kind_display()}
                )
            if not can(file.applicant, "accounts.act_for_organisation", file.organisation):
                problems.append(_("De hoofdaanvrager vertegenwoordigt de organisatie niet (meer)."))
    else:
        if not file.applicant_address.strip():
            problems.append(_("Vul je adres (straat en huisnummer) in."))
        if scheme.min_group_size and file.group_size() < scheme.min_group_size:
            problems.append(
                _(
                    "Dit reglement vraagt minstens %(min)s aanvragers; jullie zijn met %(count)s. Nodig "
                    "mede-aanvragers uit en laat hen de uitnodiging aanvaarden."
                )
                % {"min": scheme.min_group_size, "count": file.group_size()}
            )
        if scheme.min_distinct_addresses and len(file.distinct_addresses()) < scheme.min_distinct_addresses:
            problems.append(
                _(
                    "Dit reglement vraagt aanvragers op minstens %(min)s verschillende adressen; jullie hebben er %(count)s."
                )
                % {"min": scheme.min_distinct_addresses, "count": len(file.distinct_addresses())}
            )
    if scheme.once_per_group_per_year and other_files_of_group(file, day.year).exists():
        problems.append(
            _("Jullie vroegen dit jaar al een subsidie aan bij ‘%(scheme)s’; dat kan één keer per jaar.")
            % {"scheme": scheme.name}
        )
    # The project.
    if not file.title.strip():
        problems.append(_("Geef je project een titel."))
    if len(file.description.strip()) < 50:
        problems.append(_("Beschrijf je project in minstens 50 tekens."))
    if not file.starts_on or not file.ends_on:
        problems.append(_("Vul de begin- en einddatum van je project in."))
    if not file.city_wide and not file.neighbourhood_id:
        problems.append(_("Kies een wijk, of duid aan dat het project voor heel Genk is."))
    # The money.
    amount = file.amount_requested or ZERO
    if amount <= 0:
        problems.append(_("Vul het gevraagde bedrag in."))
    else:
        if amount < scheme.min_amount:
            problems.append(_("Je vraagt minstens € %(min)s.") % {"min": euro_plain(scheme.min_amount)})
        if amount > scheme.max_amount:
            problems.append(_("Je vraagt hoogstens € %(max)s.") % {"max": euro_plain(scheme.max_amount)})
        if file.total_costs <= 0:
            problems.append(_("Vul je begroting in: welke kosten heeft je project?"))
        elif amount > file.deficit:
            problems.append(
                _(
                    "Je vraagt meer dan het tekort van je begroting (kosten min andere inkomsten: € %(deficit)s). "
                    "Een subsidie dekt hoogstens dat tekort."
                )
                % {"deficit": euro_plain(max(file.deficit, ZERO))}
            )
    problem = iban_problem(file.iban)
    if problem:
        problems.append(problem)
    if not file.account_holder.strip():
        problems.append(_("Vul de naam van de rekeninghouder in."))
    for required in file.missing_documents(RequiredDocument.Stage.APPLICATION):
        problems.append(_("Voeg dit document toe: %(name)s.") % {"name": required.name})
    return problems


def report_problems(file: SubsidyFile, text: str, costs) -> list[str]:
    problems = []
    if not (text or "").strip():
        problems.append(_("Vertel in je eindverslag wat je project opleverde."))
    if costs is None or Decimal(costs) < 0:
        problems.append(_("Vul de werkelijke kosten van je project in."))
    for required in file.missing_documents(RequiredDocument.Stage.REPORT):
        problems.append(_("Voeg dit document toe: %(name)s.") % {"name": required.name})
    return problems


# The budget.


def add_budget_line(file: SubsidyFile, user, *, kind: str, description: str, amount) -> BudgetLine:
    require(user, "subsidies.change_file", file, message=DENIED)
    amount = Decimal(amount)
    if amount <= 0:
        raise NotAllowed(_("Een bedrag in de begroting is groter dan nul."))
    if not description.strip():
        raise NotAllowed(_("Omschrijf de kost of de inkomst."))
    position = file.budget_lines.count()
    return BudgetLine.objects.create(
        file=file, kind=kind, description=description.strip(), amount=amount, position=position
    )


def remove_budget_line(line: BudgetLine, user) -> None:
    require(user, "subsidies.change_file", line.file, message=DENIED)
    line.delete()


@transaction.atomic
def replace_budget_lines(file: SubsidyFile, user, lines) -> list[BudgetLine]:
    """Replace the whole budget with `lines`: (kind, description, amount) tuples."""
    require(user, "subsidies.change_file", file, message=DENIED)
    rows = []
    for position, (kind, description, amount) in enumerate(lines):
        amount = Decimal(amount)
        if amount <= 0 or not description.strip():
            raise NotAllowed(_("Elke lijn van de begroting heeft een omschrijving en een bedrag groter dan nul."))
        rows.append(BudgetLine(file=file, kind=kind, description=description.strip(), amount=amount, position=position))
    file.budget_lines.all().delete()
    created = BudgetLine.objects.bulk_create(rows)
    getattr(file, "_prefetched_objects_cache", {}).pop("budget_lines", None)
    return created


# Documents.


# The stages the city adds documents to; the applicants add theirs to the application or the report.
CITY_STAGES = (Document.Stage.DECISION, Document.Stage.OTHER)


def add_document(
    file: SubsidyFile, user, upload, *, title: str = "", stage: str = "", required_document=None
) -> Document:
    """Store an uploaded document privately (checked by content). The applicant adds the
    application's documents in a draft or when asked for information, and the report's while
    the grant runs; handling staff add the city's documents (a decision or another document,
    `CITY_STAGES`), audited, and the applicants are told on commit."""
    require(user, "subsidies.add_document", file, message=DENIED)
    if required_document is not None and required_document.scheme_id != file.scheme_id:
        raise NotAllowed(_("Dit document hoort niet bij dit reglement."))
    try:
        validate_document(upload)
    except ValidationError as error:
        raise NotAllowed(" ".join(str(m) for m in error.messages)) from None
    from_city = not is_applicant(user, file)
    if not stage:
        if from_city:
            stage = Document.Stage.OTHER
        elif required_document is not None:
            stage = required_document.stage
        elif file.status in SubsidyFile.COMMITTED_STATES:
            stage = Document.Stage.REPORT
        else:
            stage = Document.Stage.APPLICATION
    # The stage says who added a document: the applicants' pages mark the city's as such.
    if from_city and (stage not in CITY_STAGES or required_document is not None):
        raise NotAllowed(
            _("Als medewerker voeg je een beslissing of een ander document toe, op de beheerpagina van het dossier.")
        )
    if not from_city and stage in CITY_STAGES:
        raise NotAllowed(_("Voeg een document toe bij de aanvraag of bij het eindverslag."))
    name = upload.name.rsplit("/", 1)[-1]
    document = Document(
        file=file,
        required_document=required_document,
        stage=stage,
        title=(title or (required_document.name if required_document else name))[:200],
        original_name=name[:255],
        content_type=content_type_of(name),
        size=upload.size,
        uploaded_by=user,
    )
    document.attachment.save(name, upload, save=False)
    try:
        with transaction.atomic():
            document.save()
            if file.status != S.DRAFT:
                audit.record(user, "subsidies.document_added", file, after={"document": document.title})
            if from_city:
                notifications.notify(
                    "subsidies.document_added",
                    recipients.applicants(file),
                    key=f"subsidies:{file.pk}:document:{document.pk}",
                    context=context(file, document=document.title, stage=str(document.get_stage_display())),
                    url=reverse("subsidies:documents", kwargs={"reference": file.reference}),
                )
    except Exception:
        document.attachment.delete(save=False)
        raise
    return document


def remove_document(document: Document, user) -> None:
    require(user, "subsidies.delete_document", document, message=DENIED)
    file = document.file
    with transaction.atomic():
        if file.status != S.DRAFT:
            audit.record(user, "subsidies.document_removed", file, before={"document": document.title})
        document.delete()
    transaction.on_commit(lambda: document.attachment.delete(save=False))


# Co-applicants (a group of residents).


# How often one person may invite co-applicants (each sends an email to a typed address);
# `settings.RATE_LIMITS` overrides it. README "Rate limits".
INVITE_RATE, INVITE_RATE_UNVERIFIED = "10/h", "3/h"


def invite_co_applicant(file: SubsidyFile, user, *, email: str, name: str = "", limited: bool = True) -> CoApplicant:
    """Invite someone by email to apply together. Inviting the same address again sends a
    fresh link (the old one stops working)."""
    require(user, "subsidies.invite_coapplicant", file, message=DENIED)
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise NotAllowed(_("Vul een geldig e-mailadres in."))
    if email == (file.applicant.email or "").lower():
        raise NotAllowed(_("Je kunt jezelf niet uitnodigen."))
    if limited:  # not for the demo data
        ratelimit.hit(user, "subsidies.invite", INVITE_RATE, unverified=INVITE_RATE_UNVERIFIED)
    now = timezone.now()
    with transaction.atomic():
        co, created = CoApplicant.objects.select_for_update().get_or_create(
            file=file, email=email, defaults={"name": name.strip(), "invited_at": now}
        )
        if not created:
            if co.accepted_at:
                raise AlreadyDone(_("%(email)s is al mede-aanvrager.") % {"email": email})
            co.token = CoApplicant._meta.get_field("token").default()
            co.invited_at = now
            if name.strip():
                co.name = name.strip()
            co.save(update_fields=["token", "invited_at", "name", "modified"])
        _send_invitation(co, user)
    return co


def _send_invitation(co: CoApplicant, inviter) -> None:
    invitee = get_user_model().objects.filter(email__iexact=co.email, is_active=True).first()
    event_key = f"subsidies:invitation:{co.pk}:{int(co.invited_at.timestamp())}"
    if invitee is not None:
        notifications.notify(
            "subsidies.invitation",
            [invitee],
            key=event_key,
            context=invitation_context(co, inviter),
            url=co.get_absolute_url(),
        )
    else:
        co_id, inviter_id = co.pk, inviter.pk
        outbox.enqueue(send_invitation_email, co_applicant_id=co_id, inviter_id=inviter_id, key=event_key)


def pending_invitation(token: str) -> CoApplicant | None:
    """The invitation with `token` if it can still be accepted."""
    co = CoApplicant.objects.select_related("file__scheme", "file__applicant").filter(token=token).first()
    if co is None or co.accepted_at is not None or timezone.now() > invitation_expires(co):
        return None
    if co.file.status not in (S.DRAFT, S.SUBMITTED, S.INFO_REQUESTED):
        return None
    return co


def accept_invitation(token: str, user, *, address: str, name: str = "") -> CoApplicant:
    """`user` joins the group with their address (kept private: it only counts the distinct
    addresses). The token is the proof of the invitation."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Meld je aan om de uitnodiging te aanvaarden."))
    if not (address or "").strip():
        raise NotAllowed(_("Vul je adres (straat en huisnummer) in."))
    with transaction.atomic():
        co = CoApplicant.objects.select_for_update().filter(token=token).first()
        if co is None or pending_invitation(token) is None:
            raise NotAllowed(_("Deze uitnodiging is niet meer geldig. Vraag de hoofdaanvrager om een nieuwe."))
        file = co.file
        if user.pk in file.member_user_ids():
            raise AlreadyDone(_("Je bent al aanvrager van dit dossier."))
        co.user = user
        co.address = address.strip()
        co.name = (name or co.name or user.public_name).strip()
        co.accepted_at = timezone.now()
        co.save(update_fields=["user", "address", "name", "accepted_at", "modified"])
        getattr(file, "_prefetched_objects_cache", {}).pop("co_applicants", None)
        if file.status != S.DRAFT:
            audit.record(user, "subsidies.co_applicant_joined", file, after={"co_applicant": co.name})
        notifications.notify(
            "subsidies.invitation_accepted",
            [file.applicant_id],
            key=f"subsidies:invitation:{co.pk}:accepted",
            context={"title": file.title, "reference": file.reference, "name": co.name},
            url=applicant_url(file),
        )
    return co


def remove_co_applicant(co: CoApplicant, user) -> None:
    """The lead removes an invitation or a co-applicant (while the group may still change)."""
    require(user, "subsidies.invite_coapplicant", co.file, message=DENIED)
    with transaction.atomic():
        if co.file.status != S.DRAFT:
            audit.record(user, "subsidies.co_applicant_removed", co.file, before={"co_applicant": co.name or co.email})
        co.delete()


def same_address(a: str, b: str) -> bool:
    return normalise_address(a) == normalise_address(b)


# The intake.


def save_intake_checklist(file: SubsidyFile, actor, checklist: dict) -> SubsidyFile:
    """Save the completeness checklist of the intake (without moving the file on)."""
    with transaction.atomic():
        obj = lock(file)
        require(actor, "subsidies.intake_file", obj, message=DENIED)
        before = audit.snapshot(obj, ["intake_checklist"])
        obj.intake_checklist = dict(checklist or {})
        obj.save(update_fields=["intake_checklist", "modified"])
        audit.record(
            actor, "subsidies.intake_checklist", obj, before=before, after=audit.snapshot(obj, ["intake_checklist"])
        )
    file.take_state_from(obj)
    return obj


# Handlers and assessors.


def take_file(file: SubsidyFile, actor) -> SubsidyFile:
    """A member of the handling department becomes the file's handler."""
    with transaction.atomic():
        obj = lock(file)
        require(actor, "subsidies.take_file", obj, message=_("Dit dossier heeft al een behandelaar."))
        before = audit.snapshot(obj, ["handler"])
        obj.handler = actor
        obj.save(update_fields=["handler", "modified"])
        audit.record(actor, "subsidies.take", obj, before=before, after=audit.snapshot(obj, ["handler"]))
    file.take_state_from(obj)
    return obj


def assign_handler(file: SubsidyFile, actor, handler) -> SubsidyFile:
    """Make `handler` (a member of the scheme's department, not an applicant) the handler."""
    with transaction.atomic():
        obj = lock(file)
        require(actor, "subsidies.assign_file", obj, message=DENIED)
        if handler is None or not can(handler, "subsidies.assign_file", obj) or obj.handler_id == handler.pk:
            if handler is not None and obj.handler_id == handler.pk:
                raise AlreadyDone(_("%(name)s behandelt dit dossier al.") % {"name": handler.public_name})
            raise NotAllowed(
                _("Kies een medewerker van de dienst %(department)s.") % {"department": obj.scheme.department}
            )
        before = audit.snapshot(obj, ["handler"])
        obj.handler = handler
        obj.save(update_fields=["handler", "modified"])
        audit.record(actor, "subsidies.assign_handler", obj, before=before, after=audit.snapshot(obj, ["handler"]))
        if handler.pk != actor.pk:
            notifications.notify(
                "subsidies.handler_assigned",
                [handler],
                key=key(obj, f"handler:{handler.pk}"),
                context=context(obj),
                url=staff_url(obj),
            )
    file.take_state_from(obj)
    return obj


def assessor_problem(file: SubsidyFile, user) -> str | None:
    """Why `user` cannot assess `file`, or None."""
    if user is None or not user.is_active:
        return _("Kies een actieve medewerker.")
    if not user.is_city_staff:
        return _("%(name)s is geen medewerker van de stad.") % {"name": user.public_name}
    if is_applicant(user, file):
        return _("%(name)s vraagt deze subsidie zelf aan en kan ze niet beoordelen.") % {"name": user.public_name}
    return None


def add_assessors(file: SubsidyFile, actor, assessors, *, locked: bool = False) -> list[Assessment]:
    """Ask `assessors` to assess the file (those already asked are skipped). Called by
    workflow.accept_intake, or afterwards while the file is assessed."""
    obj = file if locked else None
    with transaction.atomic():
        if obj is None:
            obj = lock(file)
            require(actor, "subsidies.assign_file", obj, message=DENIED)
            if obj.status not in (S.SUBMITTED, S.ASSESSMENT, S.INFO_REQUESTED):
                raise NotAllowed(_("Beoordelaars aanduiden kan alleen tot het voorstel van beslissing."))
        created = []
        existing = set(Assessment.objects.filter(file=obj).values_list("assessor_id", flat=True))
        for user in assessors:
            if user.pk in existing:
                continue
            problem = assessor_problem(obj, user)
            if problem:
                raise NotAllowed(problem)
            created.append(Assessment.objects.create(file=obj, assessor=user))
            existing.add(user.pk)
        forget_cache(obj)
        forget_cache(file)
        if created:
            audit.record(
                actor,
                "subsidies.assign_assessors",
                obj,
                after={"assessors": [a.assessor.public_name for a in created]},
            )
            for assessment in created:
                if assessment.assessor_id != actor.pk:
                    notifications.notify(
                        "subsidies.assessor_assigned",
                        [assessment.assessor_id],
                        key=key(obj, f"assessor:{assessment.assessor_id}"),
                        context=context(obj, due=day_label(obj.assessment_due)),
                        url=staff_url(obj),
                    )
    return created


def remove_assessor(assessment: Assessment, actor) -> None:
    """Withdraw the request to assess (only while that assessment is not submitted)."""
    with transaction.atomic():
        obj = lock(assessment.file)
        require(actor, "subsidies.assign_file", obj, message=DENIED)
        row = Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
        if row is None:
            raise AlreadyDone(_("Deze beoordeling bestaat niet meer."))
        if row.submitted_at is not None:
            raise NotAllowed(_("Een ingediende beoordeling blijft bewaard."))
        audit.record(actor, "subsidies.remove_assessor", obj, before={"assessor": row.assessor.public_name})
        row.delete()
        forget_cache(obj)
    forget_cache(assessment.file)


# The assessment.


def assessment_of(file: SubsidyFile, user) -> Assessment | None:
    return Assessment.objects.filter(file=file, assessor=user).first()


def save_assessment(
    file: SubsidyFile,
    actor,
    *,
    scores: dict,
    recommendation: str = "",
    recommended_amount=None,
    comment: str = "",
    submit: bool = False,
) -> Assessment:
    """Save `actor`'s scores ({criterion or its pk: score or (score, comment)}) and
    recommendation; with `submit` the assessment is final (every criterion scored, a
    recommendation given) and the other assessors' scores become visible to them."""
    with transaction.atomic():
        obj = lock(file)
        require(actor, "subsidies.assess_file", obj, message=_("Je bent geen beoordelaar van dit dossier (meer)."))
        assessment = Assessment.objects.select_for_update().get(file=obj, assessor=actor)
        if assessment.submitted_at is not None:
            raise AlreadyDone(_("Je diende je beoordeling al in; ze kan niet meer veranderen."))
        criteria = {c.pk: c for c in Criterion.objects.filter(scheme_id=obj.scheme_id)}
        rows = []
        for criterion, value in scores.items():
            pk = getattr(criterion, "pk", criterion)
            if pk not in criteria:
                raise NotAllowed(_("Dit criterium hoort niet bij dit reglement."))
            score, score_comment = value if isinstance(value, (tuple, list)) else (value, "")
            if score is None or score == "":
                continue
            score = int(score)
            if not 0 <= score <= 5:
                raise NotAllowed(_("Een score ligt tussen 0 en 5."))
            rows.append(Score(assessment=assessment, criterion_id=pk, score=score, comment=score_comment or ""))
        if recommendation and recommendation not in Assessment.Recommendation.values:
            raise NotAllowed(_("Kies een advies."))
        if recommended_amount not in (None, ""):
            recommended_amount = Decimal(recommended_amount)
            if recommended_amount < 0 or recommended_amount > obj.amount_requested:
                raise NotAllowed(
                    _("Het geadviseerde bedrag ligt tussen € 0 en het gevraagde bedrag (€ %(amount)s).")
                    % {"amount": euro_plain(obj.amount_requested)}
                )
        else:
            recommended_amount = None
        Score.objects.filter(assessment=assessment).delete()
        Score.objects.bulk_create(rows)
        assessment.recommendation = recommendation
        assessment.recommended_amount = recommended_amount
        assessment.comment = comment
        if submit:
            missing = [c.name for pk, c in criteria.items() if pk not in {r.criterion_id for r in rows}]
            if missing:
                raise NotAllowed(_("Geef nog een score voor: %(criteria)s.") % {"criteria": ", ".join(missing)})
            if not recommendation:
                raise NotAllowed(_("Kies een advies: toekennen, gedeeltelijk toekennen of weigeren."))
            if recommendation == Assessment.Recommendation.PARTIAL and recommended_amount is None:
                raise NotAllowed(_("Geef bij een gedeeltelijke toekenning het geadviseerde bedrag."))
            assessment.submitted_at = timezone.now()
        assessment.save()
        if submit:
            audit.record(
                actor,
                "subsidies.assessment_submitted",
                obj,
                after={
                    "assessor": actor.public_name,
                    "recommendation": recommendation,
                    "recommended_amount": recommended_amount,
                },
            )
            complete = not Assessment.objects.filter(file=obj, submitted_at__isnull=True).exists()
            notify_to = recipients.handling(obj) - {actor.pk}
            notifications.notify(
                "subsidies.assessment_submitted",
                notify_to,
                key=key(obj, f"assessed:{actor.pk}"),
                context=context(obj, assessor=actor.public_name, complete=complete),
                url=staff_url(obj),
            )
    return assessment


def visible_assessments(file: SubsidyFile, user) -> list[Assessment]:
    """The assessments whose scores `user` may see. The blind rule: an assessor sees only their
    own until they submitted it, then every submitted one; the handling staff who do not
    assess see the submitted ones. Nobody sees another's unsubmitted draft."""
    if not can(user, "subsidies.view_assessments", file):
        return []
    assessments = list(
        Assessment.objects.filter(file=file)
        .select_related("assessor")
        .prefetch_related("scores__criterion")
        .order_by("created", "pk")
    )
    own = next((a for a in assessments if a.assessor_id == user.pk), None)
    if own is not None and own.submitted_at is None:
        return [own]
    return [a for a in assessments if a.submitted_at is not None or a.assessor_id == user.pk]


def average_score(assessments) -> Decimal | None:
    totals = [a.weighted_total for a in assessments if a.submitted_at is not None and a.weighted_total is not None]
    if not totals:
        return None
    return (sum(totals) / len(totals)).quantize(Decimal("0.01"))


# Notes.


def add_note(file: SubsidyFile, actor, body: str) -> Message:
    """An internal note on the file: staff only, never shown to the applicant."""
    require(actor, "subsidies.add_note", file, message=DENIED)
    if not (body or "").strip():
        raise NotAllowed(_("Schrijf een notitie."))
    return Message.objects.create(file=file, author=actor, kind=Message.Kind.NOTE, body=body.strip())


def messages_for(file: SubsidyFile, user):
    """The conversation `user` may read: staff see internal notes too."""
    rows = Message.objects.filter(file=file).select_related("author").order_by("created", "pk")
    if can(user, "subsidies.view_internal_notes", file):
        return rows
    return rows.filter(kind__in=Message.APPLICANT_KINDS)


# Payments.


def advance_limit(file: SubsidyFile) -> Decimal:
    """The most that may be paid as advance: advance_percentage of the granted amount."""
    granted = file.amount_granted or ZERO
    return (granted * file.scheme.advance_percentage / Decimal(100)).quantize(Decimal("0.01"))


def record_payment(file: SubsidyFile, actor, kind: str, amount, paid_on, reference: str = "") -> Payment:
    """Record a payment. The file row is locked while the total paid is checked: the total paid
    never exceeds granted − recovered, and advances never exceed the scheme's advance percentage."""
    if kind not in Payment.Kind.values:
        raise NotAllowed(_("Kies de soort betaling."))
    try:
        amount = Decimal(amount)
    except (TypeError, ValueError, ArithmeticError):
        raise NotAllowed(_("Vul een bedrag in.")) from None
    if amount <= 0:
        raise NotAllowed(_("Een betaling is groter dan nul."))
    if paid_on is None:
        raise NotAllowed(_("Vul de datum van de betaling in."))
    with transaction.atomic():
        obj = lock(file)
        require(
            actor,
            "subsidies.record_payment",
            obj,
            message=_("Voor dit dossier kan nu geen betaling geregistreerd worden."),
        )
        paid = Payment.objects.filter(file=obj).aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]
        payable = obj.payable_total
        if paid + amount > payable:
            raise NotAllowed(
                _(
                    "Dat is te veel: er is al € %(paid)s betaald van € %(payable)s; er kan nog hoogstens "
                    "€ %(left)s betaald worden."
                )
                % {
                    "paid": euro_plain(paid),
                    "payable": euro_plain(payable),
                    "left": euro_plain(max(payable - paid, ZERO)),
                }
            )
        if kind == Payment.Kind.ADVANCE:
            advances = Payment.objects.filter(file=obj, kind=Payment.Kind.ADVANCE).aggregate(
                total=Coalesce(Sum("amount"), ZERO)
            )["total"]
            limit = advance_limit(obj)
            if advances + amount > limit:
                raise NotAllowed(
                    _(
                        "Het voorschot is hoogstens %(percent)s %% van de subsidie: € %(limit)s (al betaald: € %(paid)s)."
                    )
                    % {
                        "percent": obj.scheme.advance_percentage,
                        "limit": euro_plain(limit),
                        "paid": euro_plain(advances),
                    }
                )
        if obj.decided_on and paid_on < obj.decided_on:
            raise NotAllowed(_("Een betaling volgt op de beslissing (%(day)s).") % {"day": day_label(obj.decided_on)})
        payment = Payment.objects.create(
            file=obj, kind=kind, amount=amount, paid_on=paid_on, reference=reference.strip(), recorded_by=actor
        )
        audit.record(
            actor,
            "subsidies.payment",
            obj,
            after={"kind": kind, "amount": amount, "paid_on": paid_on, "reference": reference},
        )
        notifications.notify(
            "subsidies.paid",
            recipients.applicants(obj),
            key=f"subsidies:{obj.pk}:payment:{payment.pk}",
            context=context(
                obj, amount=euro_plain(amount), kind=str(payment.get_kind_display()), paid_on=day_label(paid_on)
            ),
            url=applicant_url(obj),
        )
    getattr(file, "_prefetched_objects_cache", {}).pop("payments", None)
    file.__dict__.pop("paid_total", None)
    return payment


# Budgets.


def budget_overview(scheme: Scheme, year: int) -> dict:
    """The scheme's envelope for `year`: amount, committed, remaining, paid (Decimals)."""
    budget = scheme.budget_for(year)
    paid = Payment.objects.filter(
        file__scheme=scheme, file__budget_year=year, file__status__in=SubsidyFile.COMMITTED_STATES
    ).aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]
    amount = budget.amount if budget else ZERO
    committed = budget.committed if budget else ZERO
    return {"year": year, "amount": amount, "committed": committed, "remaining": amount - committed, "paid": paid}

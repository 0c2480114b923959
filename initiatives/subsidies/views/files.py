"""The applicant's file page, the decision letter and the list of one's own files."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.core.permissions import can, require

from .. import conf, services
from ..models import CoApplicant, Document, Message, SubsidyFile
from ..staff_views.letter import render_letter
from .common import INVITABLE_STATES, STEP_SUBMIT, file_context, file_or_404
from .timeline import file_timeline, upcoming

# The file and the list.


STATUS_EXPLANATIONS = {
    SubsidyFile.Status.DRAFT: gettext_lazy(
        "Je aanvraag is een kladversie: alleen jij en je mede-aanvragers zien ze. Werk ze af en dien ze in."
    ),
    SubsidyFile.Status.SUBMITTED: gettext_lazy("De dienst kijkt na of je aanvraag volledig is."),
    SubsidyFile.Status.INFO_REQUESTED: gettext_lazy("De dienst vraagt je meer informatie. Antwoord hieronder."),
    SubsidyFile.Status.ASSESSMENT: gettext_lazy("Je aanvraag is volledig; medewerkers beoordelen ze nu."),
    SubsidyFile.Status.PROPOSED: gettext_lazy(
        "De beoordeling is klaar. Het college van burgemeester en schepenen beslist binnenkort."
    ),
    SubsidyFile.Status.GRANTED: gettext_lazy(
        "De subsidie is toegekend. Na je project dien je een eindverslag in met de bewijzen van je uitgaven."
    ),
    SubsidyFile.Status.REFUSED: gettext_lazy("Het college heeft beslist de subsidie niet toe te kennen."),
    SubsidyFile.Status.REPORT_SUBMITTED: gettext_lazy("Je eindverslag is ingediend; de dienst kijkt het na."),
    SubsidyFile.Status.REPORT_APPROVED: gettext_lazy("Je eindverslag is goedgekeurd."),
    SubsidyFile.Status.CLOSED: gettext_lazy("Dit dossier is afgesloten."),
    SubsidyFile.Status.WITHDRAWN: gettext_lazy("Deze aanvraag is ingetrokken."),
}


def file_detail(request, reference):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    file = file_or_404(
        request,
        reference,
        SubsidyFile.objects.with_totals()
        .select_related("scheme__department", "organisation", "neighbourhood", "initiative", "applicant")
        .prefetch_related(
            "co_applicants",
            "budget_lines",
            "payments",
            Prefetch("documents", queryset=Document.objects.select_related("required_document").order_by("created")),
            Prefetch(
                "messages",
                queryset=Message.objects.filter(kind__in=Message.APPLICANT_KINDS).select_related("author"),
                to_attr="visible_messages",
            ),
        ),
    )
    user = request.user
    perms = {
        "change": "subsidies.change_file",
        "submit": "subsidies.submit_file",
        "answer": "subsidies.answer_file",
        "report": "subsidies.report_file",
        "withdraw": "subsidies.withdraw_file",
        "invite": "subsidies.invite_coapplicant",
        "add_document": "subsidies.add_document",
        "staff": "subsidies.view_staff_file",
    }
    abilities = {name: can(user, perm, file) for name, perm in perms.items()}
    lines = list(file.budget_lines.all())
    documents_list = list(file.documents.all())
    question = None
    if file.status == SubsidyFile.Status.INFO_REQUESTED:
        requests_ = [m for m in file.visible_messages if m.kind == Message.Kind.INFO_REQUEST]
        question = requests_[-1] if requests_ else None
    context = file_context(
        file,
        STEP_SUBMIT,
        can=abilities,
        explanation=STATUS_EXPLANATIONS.get(file.status, ""),
        costs=[line for line in lines if line.kind == line.Kind.COST],
        income=[line for line in lines if line.kind == line.Kind.INCOME],
        documents=documents_list,
        co_applicants=list(file.co_applicants.all()),
        payments=list(file.payments.all()),
        question=question,
        timeline=file_timeline(file),
        upcoming=upcoming(file),
        missing=_missing(file) if file.is_draft else [],
        deletable=set(),
        today=timezone.localdate(),
    )
    return render(request, "subsidies/file_detail.html", context)


def _missing(file) -> list[str]:
    """What `workflow.submit` would refuse now (empty when the file can be submitted)."""
    return services.submission_problems(file)


@login_required
def letter(request, reference):
    """The decision letter, as the applicants' own printable copy (the same letter staff print)."""
    file = file_or_404(request, reference)
    require(request.user, "subsidies.view_letter", file, message=_("Er is nog geen beslissing in dit dossier."))
    return render_letter(request, file, back_url=file.get_absolute_url())


@login_required
def my_files(request):
    from allauth.account.models import EmailAddress

    files = (
        SubsidyFile.objects.for_applicant(request.user)
        .with_totals()
        .select_related("scheme", "organisation")
        .order_by("-modified", "-pk")
    )
    emails = [
        e.lower() for e in EmailAddress.objects.filter(user=request.user, verified=True).values_list("email", flat=True)
    ]
    since = timezone.now() - timedelta(days=conf.invitation_days())
    invitations = CoApplicant.objects.filter(
        email__in=emails,
        accepted_at__isnull=True,
        invited_at__gte=since,
        file__status__in=INVITABLE_STATES,
    ).select_related("file__scheme", "file__applicant")
    return render(
        request,
        "subsidies/my_files.html",
        {"files": list(files), "invitations": list(invitations), "today": timezone.localdate()},
    )

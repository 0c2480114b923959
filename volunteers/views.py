"""Public pages of volunteer work: find, read, sign up, cancel, and "mijn vrijwilligerswerk"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from genk.accounts.models import Organisation
from genk.core import files, pagecache
from genk.core.permissions import can, permission_required, require
from genk.core.refusals import NotAllowed, attempt, refusals_to
from neighbourhoods.models import Neighbourhood, Place

from . import allowances, certificates, ical, services, workflow
from .filters import OpportunityFilter
from .forms import AcknowledgeForm, CertificateCheckForm, FlexibleHoursForm, HoursForm, SignUpForm
from .models import (
    Allowance,
    CalendarFeed,
    Commitment,
    InformationNotice,
    NoticeAcknowledgement,
    Opportunity,
    Shift,
    SignUp,
    new_token,
)
from .querysets import HEAVY_WIJK_FIELDS

PAGE_SIZE = 20

# The whole-page cache for visitors (genk.core.pagecache.public_page). Free places on an
# opportunity's page may lag sign-ups by at most this many seconds (README: "Cached pages").
FREE_PLACES_LAG = 60
LIST_PARAMS = set(OpportunityFilter.base_filters) | {"pagina"}
SHOWN = [Opportunity, Organisation, Neighbourhood, Place, Shift]


def first_start(starts):
    """The earliest of the shift starts shown (a page changes by itself when one begins)."""
    return min((s for s in starts if s is not None), default=None)


@pagecache.public_page("volunteers", "list", tables=SHOWN, params=LIST_PARAMS)
def opportunity_list(request):
    queryset = Opportunity.objects.published()
    filterset = OpportunityFilter(request.GET or None, queryset=queryset)
    matching = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    # Count and page through the ids alone (one table, the index on status and publication),
    # then load the page's 20 rows with what the cards show: joining and annotating first would
    # do it for every matching row before the sort.
    ids = matching.order_by("-published_at", "-pk").values_list("pk", flat=True)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("pagina"))
    opportunities = list(
        Opportunity.objects.filter(pk__in=list(page.object_list)).for_list().order_by("-published_at", "-pk")
    )
    response = render(
        request,
        "volunteers/opportunity_list.html",
        {"filter": filterset, "page": page, "opportunities": opportunities},
    )
    return pagecache.keep_until(response, first_start(o.next_start for o in opportunities))


@pagecache.public_page("volunteers", "detail", tables=[*SHOWN, InformationNotice], lag={SignUp: FREE_PLACES_LAG})
def opportunity_detail(request, slug):
    opportunity = get_object_or_404(
        Opportunity.objects.select_related("organisation", "place", "neighbourhood", "place__neighbourhood").defer(
            *HEAVY_WIJK_FIELDS, "place__neighbourhood__boundary", "place__neighbourhood__statistical_sectors"
        ),
        slug=slug,
    )
    if not can(request.user, "volunteers.view_opportunity", opportunity):
        raise Http404
    shifts = list(opportunity.shifts.upcoming().with_places())
    mine = {}
    if request.user.is_authenticated:
        mine = {s.shift_id: s for s in SignUp.objects.filter(volunteer=request.user, shift__in=shifts)}
    for shift in shifts:
        shift.opportunity = opportunity
        shift.free = max(shift.capacity - shift.accepted, 0)
        shift.my_signup = mine.get(shift.pk)
    notice = InformationNotice.current_for(opportunity.organisation_id)
    commitment = None
    if request.user.is_authenticated and opportunity.kind == Opportunity.Kind.FLEXIBLE:
        commitment = Commitment.objects.filter(opportunity=opportunity, volunteer=request.user).first()
    response = render(
        request,
        "volunteers/opportunity_detail.html",
        {
            "commitment": commitment,
            "opportunity": opportunity,
            "shifts": shifts,
            "notice": notice,
            "can_manage": can(request.user, "volunteers.change_opportunity", opportunity),
            "map_places": [opportunity.place] if opportunity.place and opportunity.place.has_point else [],
        },
    )
    return pagecache.keep_until(response, first_start(s.start for s in shifts))


def shift_of(pk) -> Shift:
    return get_object_or_404(Shift.objects.select_related("opportunity__organisation"), pk=pk)


@login_required
@refusals_to(lambda request, pk: shift_of(pk).opportunity.get_absolute_url())
def sign_up(request, pk):
    shift = shift_of(pk)
    opportunity = shift.opportunity
    if not can(request.user, "volunteers.view_opportunity", opportunity):
        raise Http404
    workflow.check_can_sign_up(request.user, shift)
    notice = InformationNotice.current_for(opportunity.organisation_id)
    pending = workflow.needs_acknowledgement(request.user, opportunity.organisation_id)
    form = SignUpForm(
        request.POST if request.method == "POST" else None,
        notice=pending,
        minor=workflow.is_minor(request.user, shift),
    )
    if request.method == "POST" and form.is_valid():
        ok, signup = attempt(
            request,
            lambda: workflow.sign_up(
                request.user,
                shift,
                message=form.cleaned_data["message"],
                acknowledged_version=form.acknowledged_version,
                guardian_name=form.cleaned_data.get("guardian_name", ""),
            ),
            form=form,
        )
        if ok:
            messages.success(request, SIGNED_UP[signup.status])
            return redirect("volunteers:mine")
    free = shift.capacity - workflow.accepted_count(shift)
    return render(
        request,
        "volunteers/sign_up.html",
        {"shift": shift, "opportunity": opportunity, "form": form, "notice": notice, "pending": pending, "free": free},
    )


SIGNED_UP = {
    SignUp.Status.ACCEPTED: _("Je bent ingeschreven."),
    SignUp.Status.WAITING: _(
        "De shift is volzet: je staat op de wachtlijst. Komt er een plaats vrij, dan laten we het je weten."
    ),
    SignUp.Status.REQUESTED: _("Je aanvraag is verstuurd. De coördinator laat weten of je erbij bent."),
}


@login_required
@require_POST
@refusals_to("volunteers:mine")
def cancel(request, pk):
    signup = get_object_or_404(SignUp.objects.select_related("shift__opportunity"), pk=pk)
    require(request.user, "volunteers.cancel_signup", signup, message=_("Dit is niet jouw inschrijving."))
    workflow.cancel(signup, request.user)
    messages.success(request, _("Je inschrijving is geannuleerd."))
    return redirect("volunteers:mine")


@login_required
@require_POST
@refusals_to("volunteers:mine")
def log_hours(request, pk):
    signup = get_object_or_404(SignUp.objects.select_related("shift__opportunity"), pk=pk)
    form = HoursForm(request.POST)
    if not form.is_valid():
        raise NotAllowed(_("Geef het aantal uren in, tussen 0,25 en 24."))
    workflow.log_hours(signup, request.user, form.cleaned_data["hours"], form.cleaned_data["note"])
    messages.success(request, _("Je uren zijn doorgegeven aan de coördinator."))
    back = request.POST.get("next")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("volunteers:mine")


@login_required
def mine(request):
    signups = (
        SignUp.objects.of(request.user)
        .select_related("shift__opportunity__organisation", "hours")
        .order_by("shift__start", "pk")
    )
    coming = list(
        signups.upcoming().filter(status__in=(SignUp.Status.ACCEPTED, SignUp.Status.REQUESTED, SignUp.Status.WAITING))
    )
    upcoming = [s for s in coming if s.status != SignUp.Status.WAITING]
    waiting = [s for s in coming if s.status == SignUp.Status.WAITING]
    past = list(signups.exclude(pk__in=[s.pk for s in coming]).order_by("-shift__start")[:20])
    year = timezone.localdate().year
    hours = certificates.hours_per_organisation(request.user.pk, (year, year - 1))
    acknowledgements = NoticeAcknowledgement.objects.filter(user=request.user).select_related("notice__organisation")
    return render(
        request,
        "volunteers/mine.html",
        {
            "upcoming": upcoming,
            "waiting": waiting,
            "past": past,
            "acknowledgements": acknowledgements,
            "year": year,
            # Shifts, flexible work and language-buddy meetings: what the certificates state.
            "approved_hours": sum((row["total"] for row in hours if row["year"] == year), 0),
            "hours_form": HoursForm(),
            "coordinates": can(request.user, "volunteers.access_workbench", request.user),
            "feed": CalendarFeed.objects.filter(user=request.user).first(),
            "to_read": services.notices_to_read(request.user),
            "allowances": allowances.year_overview(request.user, year),
            "proofs": Allowance.objects.filter(volunteer=request.user, day__year=year)
            .exclude(proof_file="")
            .select_related("organisation")
            .order_by("day", "pk"),
            "commitments": list(
                Commitment.objects.filter(volunteer=request.user)
                .exclude(status=Commitment.Status.CANCELLED)
                .select_related("opportunity__organisation")
                .order_by("opportunity__title")
            ),
            "flexible_form": FlexibleHoursForm(),
            "certificates": hours,
        },
    )


def notice_detail(request, pk):
    """A version of a notice; a signed-in person who has not acknowledged the current version
    can do it here (before their next shift)."""
    notice = get_object_or_404(InformationNotice.objects.select_related("organisation"), pk=pk)
    current = InformationNotice.current_for(notice.organisation_id)
    pending = (
        request.user.is_authenticated
        and current.pk == notice.pk
        and not NoticeAcknowledgement.objects.filter(user=request.user, notice=notice).exists()
    )
    form = AcknowledgeForm(request.POST if request.method == "POST" else None, notice=notice) if pending else None
    if request.method == "POST":
        if form is None:
            return redirect(notice.get_absolute_url())
        if form.is_valid():
            workflow.acknowledge(request.user, notice)
            messages.success(request, _("Bedankt: je hebt de organisatienota gelezen."))
            return redirect("volunteers:mine")
    return render(
        request, "volunteers/notice.html", {"notice": notice, "form": form, "superseded": current.pk != notice.pk}
    )


@pagecache.public_page(
    "volunteers", "organisations", tables=[Organisation, Opportunity, Neighbourhood], params={"pagina"}
)
def organisation_list(request):
    """The organisations with open volunteer work (a public directory)."""
    open_work = Count("volunteer_opportunities", filter=Q(volunteer_opportunities__status=Opportunity.Status.PUBLISHED))
    organisations = (
        Organisation.objects.annotate(open_opportunities=open_work)
        .filter(open_opportunities__gt=0)
        .select_related("neighbourhood")
        .order_by("name")
    )
    page = Paginator(organisations, 50).get_page(request.GET.get("pagina"))
    return render(request, "volunteers/organisation_list.html", {"page": page})


@pagecache.public_page("volunteers", "organisation", tables=[*SHOWN, InformationNotice])
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.select_related("neighbourhood"), slug=slug)
    opportunities = list(Opportunity.objects.published().filter(organisation=organisation).for_list().order_by("title"))
    if not opportunities and not can(request.user, "volunteers.add_opportunity", organisation):
        raise Http404
    themes = sorted({label for o in opportunities for label in o.theme_labels()})
    response = render(
        request,
        "volunteers/organisation_detail.html",
        {
            "organisation": organisation,
            "opportunities": opportunities,
            "themes": themes,
            "notice": InformationNotice.current_for(organisation.pk),
        },
    )
    return pagecache.keep_until(response, first_start(o.next_start for o in opportunities))


def calendar_feed(request, token):
    """The feed itself: no login (calendar apps cannot log in), the secret address is the key."""
    subscription = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    response = HttpResponse(ical.feed(subscription.user), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_POST
def calendar_subscription(request):
    """Make (or renew, which revokes the old address) or switch off the feed."""
    if request.POST.get("action") == "stop":
        CalendarFeed.objects.filter(user=request.user).delete()
        messages.success(request, _("Je agenda-link werkt niet meer."))
    else:
        CalendarFeed.objects.update_or_create(user=request.user, defaults={"token": new_token()})
        messages.success(request, _("Je nieuwe agenda-link staat klaar; een vorige link werkt niet meer."))
    return redirect("volunteers:mine")


@login_required
@refusals_to("volunteers:mine")
def certificate(request, slug, year):
    """The volunteer's printable certificate of hours at an organisation in a year."""
    organisation = get_object_or_404(Organisation, slug=slug)
    issued = certificates.issue(request.user, organisation, year, request.user)
    return render(
        request,
        "volunteers/certificate.html",
        {
            "certificate": issued,
            "volunteer": request.user,
            "check_url": request.build_absolute_uri(issued.get_absolute_url()),
        },
    )


def certificate_check(request, code=None):
    """Anyone with a code checks a certificate: genuine or not, the organisation, year and hours.
    Counted per visitor (genk.core.ratelimit): over the rate, a message and nothing looked up."""
    form = CertificateCheckForm(request.GET if "code" in request.GET else None)
    asked = code
    if asked is None and form.is_bound and form.is_valid():
        asked = form.cleaned_data["code"]
    found, refused = None, ""
    if asked is not None:
        try:
            certificates.count_check(request)
        except NotAllowed as error:
            refused = str(error)
        else:
            found = certificates.find(asked)
    status = 429 if refused else 200
    return render(
        request,
        "volunteers/certificate_check.html",
        {"form": form if code is None else CertificateCheckForm(), "asked": asked, "found": found, "refused": refused},
        status=status,
    )


def opportunity_of(slug) -> Opportunity:
    return get_object_or_404(Opportunity.objects.select_related("organisation"), slug=slug)


COMMITTED = {
    Commitment.Status.ACCEPTED: _("Je bent ingeschreven. Geef je uren in op ‘Mijn vrijwilligerswerk’."),
    Commitment.Status.REQUESTED: _("Je aanvraag is verstuurd. De coördinator laat weten of je erbij bent."),
}


@login_required
@refusals_to(lambda request, slug: opportunity_of(slug).get_absolute_url())
def commit(request, slug):
    """Sign up for flexible work as a whole (no shifts)."""
    opportunity = opportunity_of(slug)
    if not can(request.user, "volunteers.view_opportunity", opportunity):
        raise Http404
    notice = InformationNotice.current_for(opportunity.organisation_id)
    pending = workflow.needs_acknowledgement(request.user, opportunity.organisation_id)
    form = SignUpForm(request.POST if request.method == "POST" else None, notice=pending)
    if request.method == "POST" and form.is_valid():
        ok, commitment = attempt(
            request,
            lambda: workflow.commit(
                request.user,
                opportunity,
                message=form.cleaned_data["message"],
                acknowledged_version=form.acknowledged_version,
            ),
            form=form,
        )
        if ok:
            messages.success(request, COMMITTED[commitment.status])
            return redirect("volunteers:mine")
    return render(
        request,
        "volunteers/commit.html",
        {"opportunity": opportunity, "form": form, "notice": notice, "pending": pending},
    )


def commitment_of(pk) -> Commitment:
    return get_object_or_404(Commitment.objects.select_related("opportunity__organisation", "volunteer"), pk=pk)


@login_required
@require_POST
@refusals_to("volunteers:mine")
def commitment_cancel(request, pk):
    workflow.cancel_commitment(commitment_of(pk), request.user)
    messages.success(request, _("Je inschrijving is geannuleerd."))
    return redirect("volunteers:mine")


@login_required
@require_POST
@refusals_to("volunteers:mine")
def flexible_hours(request, pk):
    """Log (or correct) the hours of one day of flexible work."""
    commitment = commitment_of(pk)
    form = FlexibleHoursForm(request.POST)
    if not form.is_valid():
        raise NotAllowed(_("Geef een dag (vandaag of eerder) en het aantal uren in, tussen 0,25 en 24."))
    data = form.cleaned_data
    workflow.log_flexible_hours(commitment, request.user, day=data["day"], hours=data["hours"], note=data["note"])
    messages.success(request, _("Je uren zijn doorgegeven aan de coördinator."))
    back = request.POST.get("next")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("volunteers:mine")


def allowance_of(request, pk):
    return get_object_or_404(Allowance.objects.select_related("organisation"), pk=pk)


@login_required
@permission_required(
    "volunteers.view_allowance_proof",
    allowance_of,
    reason=gettext_lazy("Een bewijsstuk openen enkel de vrijwilliger zelf en de coördinatoren van de organisatie."),
)
def allowance_proof(request, pk):
    """The proof of actual costs, as a download (private, never cached): after the rule, from
    the private storage (`genk.core.files`)."""
    allowance = allowance_of(request, pk)
    if not allowance.proof_file:
        raise Http404(_("Bij deze vergoeding hoort geen bewijsstuk (meer)."))
    name = (
        allowance.proof_file_name or f"bewijsstuk-{allowance.day:%Y-%m-%d}{files.suffix_of(allowance.proof_file.name)}"
    )
    return files.private_file_response(allowance.proof_file, name)
